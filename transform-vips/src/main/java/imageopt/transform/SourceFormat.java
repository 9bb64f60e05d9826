package imageopt.transform;

import java.nio.charset.StandardCharsets;

/**
 * The input formats this libvips build decodes, recognised by their magic bytes in Java before
 * any native call: bytes nobody recognises never reach a libvips loader.
 */
public enum SourceFormat {
    JPEG("jpeg", "jpegload_buffer", false),
    PNG("png", "pngload_buffer", false),
    WEBP("webp", "webpload_buffer", true),
    GIF("gif", "gifload_buffer", true),
    /** HEIF with AV1, i.e. AVIF (HEVC-coded HEIC is not in this libvips build). */
    AVIF("avif", "heifload_buffer", false),
    TIFF("tiff", "tiffload_buffer", false),
    SVG("svg", "svgload_buffer", false);

    private final String token;
    private final String loader;
    private final boolean animated;

    SourceFormat(String token, String loader, boolean animated) {
        this.token = token;
        this.loader = loader;
        this.animated = animated;
    }

    public String token() {
        return token;
    }

    /** The libvips buffer loader operation. */
    String loader() {
        return loader;
    }

    /** Whether this format can hold an animation that GIF or WebP output keeps. */
    public boolean canAnimate() {
        return animated;
    }

    /**
     * The output format for "same as source": the source's own where we write it; an SVG becomes
     * PNG (never served as SVG from the image domain), a TIFF becomes PNG with alpha, else JPEG.
     */
    public OutputFormat sameAsSource(boolean hasAlpha) {
        return switch (this) {
            case JPEG -> OutputFormat.JPEG;
            case PNG, SVG -> OutputFormat.PNG;
            case WEBP -> OutputFormat.WEBP;
            case GIF -> OutputFormat.GIF;
            case AVIF -> OutputFormat.AVIF;
            case TIFF -> hasAlpha ? OutputFormat.PNG : OutputFormat.JPEG;
        };
    }

    /** Recognises the format from the first bytes, or throws the typed "unsupported" error. */
    public static SourceFormat sniff(byte[] b) {
        if (b.length == 0) {
            throw new TransformException(TransformException.Kind.UNSUPPORTED, "empty input: zero bytes");
        }
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) return JPEG;
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return PNG;
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")) return GIF;
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) return WEBP;
        if (starts(b, 0, 'I', 'I', 42, 0) || starts(b, 0, 'M', 'M', 0, 42)) return TIFF;
        if (ascii(b, 4, "ftyp")) return isobmff(b);
        if (starts(b, 0, 0xFF, 0x0A) || starts(b, 0, 0, 0, 0, 0x0C, 'J', 'X', 'L', ' ')) {
            throw unsupported("JPEG XL is not supported by this libvips build");
        }
        if (looksLikeSvg(b)) return SVG;
        throw unsupported("unrecognised image format (expected JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG)");
    }

    // An ISO-BMFF ("ftyp") file is AVIF when its major or a compatible brand says so.
    private static SourceFormat isobmff(byte[] b) {
        if (b.length < 16) {
            throw new TransformException(TransformException.Kind.CORRUPT, "truncated HEIF/AVIF header");
        }
        long boxSize = ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int end = (int) Math.min(Math.max(boxSize, 16), Math.min(b.length, 4096));
        boolean hevc = false;
        for (int at = 8; at + 4 <= end; at += 4) {
            if (at == 12) continue; // minor version, not a brand
            String brand = new String(b, at, 4, StandardCharsets.ISO_8859_1);
            if (brand.equals("avif") || brand.equals("avis")) return AVIF;
            if (brand.startsWith("hei") || brand.startsWith("hev")) hevc = true;
        }
        if (hevc) {
            throw unsupported("HEVC-coded HEIC is not supported by this libvips build (AVIF is)");
        }
        if (ascii(b, 8, "mif1") || ascii(b, 8, "msf1")) return AVIF; // generic HEIF: the decoder decides
        throw unsupported("unsupported ISO media file (brand " + new String(b, 8, 4, StandardCharsets.ISO_8859_1) + ")");
    }

    // SVG is text: an optional BOM and whitespace, then markup, with an <svg element near the start.
    private static boolean looksLikeSvg(byte[] b) {
        int i = starts(b, 0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) i++;
        if (i >= b.length || b[i] != '<') return false;
        String head = new String(b, i, Math.min(b.length - i, 4096), StandardCharsets.ISO_8859_1);
        return head.contains("<svg");
    }

    private static TransformException unsupported(String message) {
        return new TransformException(TransformException.Kind.UNSUPPORTED, message);
    }

    private static boolean starts(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) return false;
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) return false;
        }
        return true;
    }

    private static boolean ascii(byte[] b, int offset, String expected) {
        return starts(b, offset, expected.chars().toArray());
    }
}
