package imageopt.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes EXIF and XMP chunks from a WebP, rewrites the RIFF size and the VP8X flags to match;
 * image chunks (VP8, VP8L, ALPH, ANIM, ANMF) and ICCP are copied as they are. A simple (lossy or
 * lossless, no VP8X) WebP cannot hold metadata and comes back unchanged. An EXIF orientation
 * other than 1 is written back as an EXIF chunk holding that tag alone.
 */
public final class WebpMetadata {
    private static final int FLAG_EXIF = 0x08, FLAG_XMP = 0x04;

    private WebpMetadata() {}

    public static byte[] strip(byte[] webp, int orientation) {
        if (webp.length < 20 || !ascii(webp, 0, "RIFF") || !ascii(webp, 8, "WEBP")) {
            throw new MalformedImageException("not a WebP: no RIFF/WEBP header");
        }
        long riffEnd = Math.min(webp.length, 8 + u32le(webp, 4));
        if (!ascii(webp, 12, "VP8X")) {
            return webp;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length);
        out.writeBytes(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'});
        int vp8xFlags = -1;
        int pos = 12;
        while (pos + 8 <= riffEnd) {
            String fourcc = new String(webp, pos, 4, StandardCharsets.ISO_8859_1);
            long size = u32le(webp, pos + 4);
            long end = pos + 8 + size + (size & 1);
            if (end > riffEnd + (size & 1)) {
                throw new MalformedImageException("chunk " + fourcc + " at byte " + pos + " runs past the end");
            }
            end = Math.min(end, riffEnd);
            if (fourcc.equals("VP8X")) {
                vp8xFlags = out.size() + 8; // where the flags byte lands in the output
            }
            if (!fourcc.equals("EXIF") && !fourcc.equals("XMP ")) {
                out.write(webp, pos, (int) (end - pos));
            }
            pos = (int) end;
        }
        if (vp8xFlags < 0) {
            throw new MalformedImageException("VP8X chunk cut short");
        }
        if (orientation != 1) {
            byte[] tiff = OrientationExif.tiff(orientation);
            out.writeBytes(new byte[] {'E', 'X', 'I', 'F'});
            writeU32le(out, tiff.length);
            out.writeBytes(tiff);
            if ((tiff.length & 1) == 1) {
                out.write(0);
            }
        }
        byte[] result = out.toByteArray();
        int flags = result[vp8xFlags] & ~(FLAG_EXIF | FLAG_XMP);
        result[vp8xFlags] = (byte) (orientation != 1 ? flags | FLAG_EXIF : flags);
        long riffSize = result.length - 8;
        for (int i = 0; i < 4; i++) {
            result[4 + i] = (byte) (riffSize >>> (8 * i));
        }
        return result;
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (b.length < at + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32le(byte[] b, int i) {
        return (b[i] & 0xFFL) | ((b[i + 1] & 0xFFL) << 8) | ((b[i + 2] & 0xFFL) << 16) | ((b[i + 3] & 0xFFL) << 24);
    }

    private static void writeU32le(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }
}
