package imageopt.contract;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The path of an original, checked and spelled one way (contract/README.md, "Paths").
 *
 * @param encoded its canonical spelling: unreserved characters and {@code /} as they are, every
 *                other UTF-8 byte {@code %XX} in upper-case hex ({@code +} too: S3 reads a bare
 *                {@code +} as a space)
 * @param decoded the path itself, decoded once; without its leading {@code /} it is the S3 key
 */
public record CanonicalPath(String encoded, String decoded) {
    /** S3 keys stop at 1024 bytes: 128 stay for "/" and the operations (at most 84 bytes). */
    public static final int MAX_BYTES = 896;

    /** Checks {@code raw} (a request path as sent) in the README's order; the first failing check is the reason. */
    public static CanonicalPath of(String raw) {
        if (raw == null || !raw.startsWith("/")) {
            throw new UrlRefusedException(Reason.PATH_NOT_ABSOLUTE);
        }
        String bytes = PercentCoding.decode(raw);
        if (bytes == null) {
            throw new UrlRefusedException(Reason.PATH_BAD_ESCAPE);
        }
        if (hasEncodedSlash(raw)) {
            throw new UrlRefusedException(Reason.PATH_ENCODED_SLASH);
        }
        if (!Utf8.isWellFormed(bytes)) {
            throw new UrlRefusedException(Reason.PATH_BAD_UTF8);
        }
        if (hasControlOrBackslash(bytes)) {
            throw new UrlRefusedException(Reason.PATH_BAD_CHAR);
        }
        // No multi-byte sequence holds '/' or '.': the bytes split like the characters.
        List<String> segments = List.of(bytes.substring(1).split("/", -1));
        if (segments.contains("")) {
            throw new UrlRefusedException(Reason.PATH_EMPTY_SEGMENT);
        }
        if (segments.contains(".") || segments.contains("..")) {
            throw new UrlRefusedException(Reason.PATH_DOT_SEGMENT);
        }
        if (bytes.length() > MAX_BYTES) {
            throw new UrlRefusedException(Reason.PATH_TOO_LONG);
        }
        return new CanonicalPath(PercentCoding.encodePath(bytes), new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    /** The S3 key of the original: the decoded path without its leading {@code /}. */
    public String s3Key() {
        return decoded.substring(1);
    }

    /** Escapes are well-formed here, so every "%2f" found is an escape. */
    private static boolean hasEncodedSlash(String raw) {
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            if (raw.charAt(i + 1) == '2' && (raw.charAt(i + 2) == 'F' || raw.charAt(i + 2) == 'f')) {
                return true;
            }
        }
        return false;
    }

    /** C0, DEL, backslash and the C1 controls U+0080..U+009F (0xC2 0x80..0x9F in well-formed UTF-8). */
    private static boolean hasControlOrBackslash(String bytes) {
        for (int i = 0; i < bytes.length(); i++) {
            char b = bytes.charAt(i);
            if (b < 0x20 || b == 0x7F || b == '\\') {
                return true;
            }
            if (b == 0xC2 && i + 1 < bytes.length() && bytes.charAt(i + 1) >= 0x80 && bytes.charAt(i + 1) <= 0x9F) {
                return true;
            }
        }
        return false;
    }
}
