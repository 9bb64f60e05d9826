package imageopt.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Whether a stripped original may keep its embedded ICC profile: only when it is small and parses
 * as a profile. Otherwise the original is converted to sRGB and the profile dropped.
 *
 * <p>The bound, {@value #MAX_BYTES} bytes: every profile a screen image needs is a few hundred
 * bytes to a few KB (sRGB 3 KB, Display P3 and Adobe RGB 0.5 KB; the ICC's LUT-based sRGB v4
 * preference profile, 61 KB, is the largest in common use), and a JPEG APP2 segment holds 64 KB.
 * What is larger is a printer's (CMYK output profiles run 0.5-2 MB) or junk, and it would be
 * paid for on every view of an image meant for screens; converting it to sRGB once is what image
 * CDNs do by default (imgproxy, Cloudflare, Thumbor).
 *
 * <p>Valid means what lcms checks before it uses a profile: the declared size is the profile's
 * size, the {@code acsp} signature, a known version, colour space and connection space, and a
 * tag table whose every entry lies inside the profile.
 */
public final class IccProfile {
    public static final int MAX_BYTES = 64 * 1024;
    private static final int HEADER = 128;
    private static final Set<String> COLOUR_SPACES = Set.of("RGB ", "GRAY", "CMYK", "Lab ", "XYZ ", "YCbr", "Luv ", "Yxy ",
            "HSV ", "HLS ", "CMY ");
    private static final Set<String> CONNECTION_SPACES = Set.of("XYZ ", "Lab ");
    private static final byte[] JPEG_ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    private IccProfile() {}

    /** @return true when the image carries no profile, or a small valid one */
    public static boolean mayKeep(String format, byte[] image) {
        byte[] profile = switch (format) {
            case "jpeg" -> ofJpeg(image);
            case "png" -> ofPng(image);
            case "webp" -> ofWebp(image);
            default -> null;
        };
        return profile == null || (profile.length <= MAX_BYTES && valid(profile));
    }

    /** Structure as lcms reads it: header, signature, spaces, and a tag table inside the profile. */
    public static boolean valid(byte[] p) {
        if (p.length < HEADER + 4 || u32(p, 0) != p.length || !ascii(p, 36, "acsp")) return false;
        int major = p[8] & 0xFF;
        if (major < 2 || major > 5) return false;
        if (!COLOUR_SPACES.contains(ascii(p, 16)) || !CONNECTION_SPACES.contains(ascii(p, 20))) return false;
        long tags = u32(p, HEADER);
        if (tags < 1 || tags > (p.length - HEADER - 4) / 12) return false;
        for (int i = 0; i < tags; i++) {
            int entry = HEADER + 4 + 12 * i;
            long offset = u32(p, entry + 4), size = u32(p, entry + 8);
            if (offset < HEADER + 4 || size < 8 || offset + size > p.length) return false;
        }
        return true;
    }

    /**
     * APP2 ICC_PROFILE segments, joined in their sequence order; a profile over the bound comes back
     * as its first MAX_BYTES + 1 bytes' worth (too large either way, without assembling it all).
     */
    static byte[] ofJpeg(byte[] jpeg) {
        TreeMap<Integer, byte[]> parts = new TreeMap<>();
        long total = 0;
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) break; // the scan: metadata is all before it
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            int end = pos + 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
            if (end > jpeg.length) throw new MalformedImageException("segment at byte " + pos + " runs past the end");
            int payload = pos + 4;
            if (marker == 0xE2 && end - payload >= JPEG_ICC.length + 2 && startsWith(jpeg, payload, JPEG_ICC)) {
                int from = payload + JPEG_ICC.length + 2; // after the sequence number and the count
                total += end - from;
                if (total > MAX_BYTES) return new byte[MAX_BYTES + 1];
                parts.put(jpeg[payload + JPEG_ICC.length] & 0xFF, java.util.Arrays.copyOfRange(jpeg, from, end));
            }
            pos = end;
        }
        if (parts.isEmpty()) return null;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        parts.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** iCCP: a name, a NUL, method 0, then zlib data, inflated no further than the bound. */
    static byte[] ofPng(byte[] png) {
        int pos = 8;
        while (pos + 12 <= png.length) {
            long length = u32(png, pos);
            String type = ascii(png, pos + 4);
            if (length > png.length - pos - 12) throw new MalformedImageException("chunk " + type + " runs past the end");
            if (type.equals("IDAT") || type.equals("IEND")) return null; // iCCP must come before the image data
            if (type.equals("iCCP")) {
                int data = pos + 8, end = data + (int) length, name = data;
                while (name < end && png[name] != 0) name++;
                if (name + 2 > end) return new byte[0]; // no method byte: not a profile
                return inflate(png, name + 2, end);
            }
            pos += 12 + (int) length;
        }
        return null;
    }

    private static byte[] inflate(byte[] b, int from, int end) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, from, end - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished() && out.size() <= MAX_BYTES) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) return new byte[0]; // cut short
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }

    static byte[] ofWebp(byte[] webp) {
        int pos = 12;
        while (pos + 8 <= webp.length) {
            long size = u32le(webp, pos + 4);
            if (ascii(webp, pos).equals("ICCP")) {
                if (size > webp.length - pos - 8) throw new MalformedImageException("ICCP chunk runs past the end");
                return size > MAX_BYTES ? new byte[MAX_BYTES + 1] : java.util.Arrays.copyOfRange(webp, pos + 8, pos + 8 + (int) size);
            }
            if (size > webp.length) return null;
            pos += 8 + (int) size + (int) (size & 1);
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int from, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) return false;
        }
        return true;
    }

    private static String ascii(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static boolean ascii(byte[] b, int at, String s) {
        return ascii(b, at).equals(s);
    }

    private static long u32(byte[] b, int i) {
        return ((b[i] & 0xFFL) << 24) | ((b[i + 1] & 0xFFL) << 16) | ((b[i + 2] & 0xFFL) << 8) | (b[i + 3] & 0xFFL);
    }

    private static long u32le(byte[] b, int i) {
        return (b[i] & 0xFFL) | ((b[i + 1] & 0xFFL) << 8) | ((b[i + 2] & 0xFFL) << 16) | ((b[i + 3] & 0xFFL) << 24);
    }
}
