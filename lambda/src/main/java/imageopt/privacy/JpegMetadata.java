package imageopt.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes privacy metadata from a JPEG by dropping segments; the entropy-coded data is copied
 * byte for byte, so the pixels are exactly the source's.
 *
 * <p>Kept: the APP0 JFIF header (its thumbnail size set to none), APP2 ICC_PROFILE, APP14 (Adobe:
 * says how to read CMYK/YCCK) and every non-APP segment. Dropped: APP1 (EXIF with GPS, XMP),
 * APP13 (IPTC), COM, other APP0 (JFXX thumbnails: an edited photo's stale thumbnail can show
 * what was cropped away), APP2 other than ICC (MPF points at the images after EOI), every other
 * APPn (maker data, JUMBF/C2PA, Ducky...), and anything after the first EOI (MPF secondary
 * images, vendor trailers). An EXIF orientation
 * other than 1 is written back as an APP1 holding that tag alone.
 */
public final class JpegMetadata {
    private static final int SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, COM = 0xFE;
    private static final int APP0 = 0xE0, APP2 = 0xE2, APP14 = 0xEE;
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.ISO_8859_1);
    /** "JFIF\0", version, units, densities, thumbnail width and height: the header without its thumbnail. */
    private static final int JFIF_HEADER = 14;

    private JpegMetadata() {}

    public static byte[] strip(byte[] jpeg, int orientation) {
        if (jpeg.length < 4 || u8(jpeg, 0) != 0xFF || u8(jpeg, 1) != SOI) {
            throw new MalformedImageException("not a JPEG: no SOI marker");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(0xFF);
        out.write(SOI);
        boolean orientationWritten = orientation == 1;
        int pos = 2;
        while (pos < jpeg.length) {
            if (u8(jpeg, pos) != 0xFF) {
                throw new MalformedImageException("expected a marker at byte " + pos);
            }
            while (pos + 1 < jpeg.length && u8(jpeg, pos + 1) == 0xFF) {
                pos++; // fill bytes before a marker
            }
            if (pos + 1 >= jpeg.length) {
                break;
            }
            int marker = u8(jpeg, pos + 1);
            if (marker == EOI) {
                out.write(0xFF);
                out.write(EOI);
                return out.toByteArray();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // TEM, RSTn: no length
                out.write(jpeg, pos, 2);
                pos += 2;
                continue;
            }
            if (pos + 4 > jpeg.length) {
                throw new MalformedImageException("segment header cut short at byte " + pos);
            }
            int end = pos + 2 + u16(jpeg, pos + 2);
            if (end > jpeg.length || u16(jpeg, pos + 2) < 2) {
                throw new MalformedImageException("segment 0x" + Integer.toHexString(marker) + " at byte " + pos + " runs past the end");
            }
            if (!orientationWritten && marker != APP0) { // after JFIF, before everything else
                writeSegment(out, 0xE1, OrientationExif.jpegApp1Payload(orientation));
                orientationWritten = true;
            }
            if (marker == APP0) {
                writeJfifWithoutThumbnail(out, jpeg, pos + 4, end);
            } else if (keeps(jpeg, marker, pos + 4, end)) {
                out.write(jpeg, pos, end - pos);
            }
            pos = end;
            if (marker == SOS) {
                int next = endOfScan(jpeg, pos);
                out.write(jpeg, pos, next - pos);
                pos = next;
            }
        }
        return out.toByteArray(); // truncated after the scan data: kept as far as it goes, as browsers show it
    }

    private static boolean keeps(byte[] b, int marker, int payload, int end) {
        if (marker == COM) {
            return false;
        }
        if (marker >= APP0 && marker <= 0xEF) {
            return marker == APP14 || (marker == APP2 && startsWith(b, payload, end, ICC));
        }
        return true;
    }

    private static void writeJfifWithoutThumbnail(ByteArrayOutputStream out, byte[] b, int payload, int end) {
        if (end - payload < JFIF_HEADER || !startsWith(b, payload, end, JFIF)) {
            return; // JFXX (a thumbnail) or something else under APP0
        }
        byte[] header = Arrays.copyOfRange(b, payload, payload + JFIF_HEADER);
        header[12] = 0; // thumbnail width
        header[13] = 0; // thumbnail height
        writeSegment(out, APP0, header);
    }

    /** The position of the next marker after entropy-coded data (FF followed by neither 00 nor RSTn). */
    private static int endOfScan(byte[] b, int pos) {
        for (int i = pos; i + 1 < b.length; i++) {
            if (u8(b, i) == 0xFF) {
                int next = u8(b, i + 1);
                if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) {
                    return i;
                }
            }
        }
        return b.length;
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
    }

    private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return (u8(b, i) << 8) | u8(b, i + 1);
    }
}
