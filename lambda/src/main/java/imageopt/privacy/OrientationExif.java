package imageopt.privacy;

/**
 * The smallest EXIF block that still says how to turn the picture: a big-endian TIFF header and
 * one IFD with the Orientation tag alone. Dropping EXIF whole would drop the orientation too and
 * show a phone's portrait photo on its side; keeping only this tag keeps the pixels' meaning and
 * nothing about the camera, the place or the time.
 */
final class OrientationExif {
    private OrientationExif() {}

    /** The TIFF structure (what a WebP EXIF chunk or a PNG eXIf chunk holds). */
    static byte[] tiff(int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation is 1..8, got " + orientation);
        }
        return new byte[] {
            'M', 'M', 0, 42, 0, 0, 0, 8,          // big-endian TIFF, first IFD at offset 8
            0, 1,                                 // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,         // tag 0x0112 Orientation, SHORT, count 1
            0, (byte) orientation, 0, 0,          // the value, left-justified in 4 bytes
            0, 0, 0, 0                            // no next IFD
        };
    }

    /** The payload of a JPEG APP1 segment: the "Exif\0\0" identifier, then the TIFF structure. */
    static byte[] jpegApp1Payload(int orientation) {
        byte[] tiff = tiff(orientation);
        byte[] out = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, out, 0, 6);
        System.arraycopy(tiff, 0, out, 6, tiff.length);
        return out;
    }
}
