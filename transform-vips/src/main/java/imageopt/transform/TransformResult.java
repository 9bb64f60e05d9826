package imageopt.transform;

/**
 * An encoded image.
 *
 * @param bytes  the encoded file
 * @param format its format
 * @param width  width in pixels
 * @param height height of one frame in pixels
 * @param frames frames (1 unless an animation was kept)
 */
public record TransformResult(byte[] bytes, OutputFormat format, int width, int height, int frames) {
    public String contentType() {
        return format.contentType();
    }
}
