package imageopt.contract;

import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding once into bytes, and the one-way canonical re-encoding of a path. Decoded text
 * is held a char per byte (ISO-8859-1), as url-rewrite.js holds it, so both compare the same bytes.
 */
final class PercentCoding {
    /** Stands for a lone surrogate: no well-formed UTF-8 holds this byte. */
    private static final char NOT_UTF8 = 0xFF;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCoding() {
    }

    /** Whether every {@code %} is followed by two hex digits. */
    static boolean escapesAreWellFormed(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bytes {@code raw} stands for, a char per byte; null on a bad escape. {@code %XX} is that
     * byte, ASCII is itself ({@code +} a plus), any other character its UTF-8 bytes.
     */
    static String decode(String raw) {
        if (!escapesAreWellFormed(raw)) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                out.append((char) (hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2))));
                i += 2;
            } else if (c < 0x80) {
                out.append(c);
            } else {
                int cp = raw.codePointAt(i);
                i += Character.charCount(cp) - 1;
                if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
                    out.append(NOT_UTF8); // a lone surrogate is invalid UTF-8
                } else {
                    for (byte b : Character.toString(cp).getBytes(StandardCharsets.UTF_8)) {
                        out.append((char) (b & 0xFF));
                    }
                }
            }
        }
        return out.toString();
    }

    /** The canonical spelling of decoded bytes: unreserved characters and {@code /} as they are, the rest {@code %XX}. */
    static String encodePath(String bytes) {
        StringBuilder out = new StringBuilder(bytes.length() + 16);
        for (int i = 0; i < bytes.length(); i++) {
            char b = bytes.charAt(i);
            if (unreserved(b) || b == '/') {
                out.append(b);
            } else {
                out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** RFC 3986's unreserved characters. */
    private static boolean unreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }
}
