package imageopt.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Removes privacy metadata from a PNG (APNG too) by dropping chunks; image data chunks are copied
 * as they are. Dropped: eXIf, tEXt, zTXt, iTXt (XMP lives in iTXt), tIME (when it was made) and caBX
 * (C2PA content credentials: who made and edited it).
 * Kept: everything else, iCCP, sRGB, gAMA, cHRM and pHYs included. An EXIF orientation other
 * than 1 is written back as an eXIf chunk holding that tag alone, right after IHDR. Bytes after
 * IEND are dropped.
 */
public final class PngMetadata {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final Set<String> DROPPED = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME", "caBX");

    private PngMetadata() {}

    public static byte[] strip(byte[] png, int orientation) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (png.length < SIGNATURE.length || png[i] != SIGNATURE[i]) {
                throw new MalformedImageException("not a PNG: bad signature");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, SIGNATURE.length);
        int pos = SIGNATURE.length;
        while (pos + 12 <= png.length) {
            long length = u32(png, pos);
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            long end = pos + 12 + length;
            if (length > Integer.MAX_VALUE || end > png.length) {
                throw new MalformedImageException("chunk " + type + " at byte " + pos + " runs past the end");
            }
            if (!DROPPED.contains(type)) {
                out.write(png, pos, (int) (end - pos));
            }
            if (type.equals("IHDR") && orientation != 1) {
                writeChunk(out, "eXIf", OrientationExif.tiff(orientation));
            }
            pos = (int) end;
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        throw new MalformedImageException("no IEND chunk");
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        writeU32(out, data.length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeU32(out, crc.getValue());
    }

    private static long u32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFFL) << 16) | ((b[i + 2] & 0xFFL) << 8) | (b[i + 3] & 0xFFL);
    }

    private static void writeU32(ByteArrayOutputStream out, long v) {
        out.write((int) (v >>> 24) & 0xFF);
        out.write((int) (v >>> 16) & 0xFF);
        out.write((int) (v >>> 8) & 0xFF);
        out.write((int) v & 0xFF);
    }
}
