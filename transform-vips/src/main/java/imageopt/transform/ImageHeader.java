package imageopt.transform;

/**
 * What the header says, read without decoding pixels.
 *
 * @param format      the recognised input format
 * @param width       stored width, before EXIF orientation
 * @param height      stored height of one frame, before EXIF orientation
 * @param frames      frames (pages) in the file; 1 for a still image
 * @param orientation EXIF orientation 1..8 (1 when absent)
 * @param hasAlpha    whether the image has an alpha channel
 */
public record ImageHeader(SourceFormat format, int width, int height, int frames, int orientation, boolean hasAlpha) {
    /** Orientations 5..8 turn the image a quarter: width and height swap. */
    public boolean swapsAxes() {
        return orientation >= 5 && orientation <= 8;
    }

    public int orientedWidth() {
        return swapsAxes() ? height : width;
    }

    public int orientedHeight() {
        return swapsAxes() ? width : height;
    }

    /** Pixels over all frames: what a full decode would produce. */
    public long totalPixels() {
        return (long) width * height * frames;
    }
}
