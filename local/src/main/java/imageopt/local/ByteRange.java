package imageopt.local;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Range header of a hit, as S3 and CloudFront take it: one byte range ({@code bytes=0-99},
 * {@code bytes=100-}, {@code bytes=-100}) is asked of the store (206, or 416 past the end). A
 * list of ranges, another unit or a malformed value is ignored and the whole object answered (200):
 * S3 serves no multipart/byteranges, and RFC 9110 lets a server ignore Range.
 */
final class ByteRange {
    private static final Pattern ONE = Pattern.compile("bytes=(?:(\\d{1,18})-(\\d{1,18})?|-(\\d{1,18}))");

    private ByteRange() {}

    /** @return the header value to send the store, or empty to answer the whole object */
    static Optional<String> of(String header) {
        if (header == null) return Optional.empty();
        Matcher m = ONE.matcher(header.trim());
        if (!m.matches()) return Optional.empty();
        if (m.group(1) != null && m.group(2) != null && Long.parseLong(m.group(1)) > Long.parseLong(m.group(2))) {
            return Optional.empty(); // last before first: not a valid range, so ignored (RFC 9110, 14.1.1)
        }
        return Optional.of(m.group(0));
    }
}
