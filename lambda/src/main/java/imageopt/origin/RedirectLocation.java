package imageopt.origin;

import imageopt.contract.CanonicalPath;
import imageopt.contract.UrlRefusedException;
import imageopt.contract.VariantKey;
import imageopt.transform.TransformSpec;
import java.util.Optional;

/**
 * Where a 302 sends the viewer when the image is too large to answer inline: a URL that the edge
 * normalises back to the same key, so CloudFront serves the stored copy from S3.
 *
 * <p>With signing on, only the viewer's own URL carries a valid signature, and the origin holds no
 * signing keys: the edge passes that URL in the {@value OriginRequest#VIEWER_URL_HEADER} header.
 * It is used only when it is a relative path (no scheme, no host: not an open redirect) of plain
 * printable ASCII and names the same original as the key; otherwise the URL is built from the key.
 */
final class RedirectLocation {
    private static final int MAX_LENGTH = 8192;

    private RedirectLocation() {}

    static String of(VariantKey key, Optional<String> viewerUrl) {
        return viewerUrl.filter(url -> acceptable(url, key)).orElseGet(() -> fromKey(key));
    }

    /** {@code /a%20b.jpg/format=webp,width=300} becomes {@code /a%20b.jpg?format=webp&width=300}. */
    static String fromKey(VariantKey key) {
        TransformSpec spec = key.spec();
        String path = key.path().encoded();
        return spec.isOriginal() ? path : path + "?" + spec.toCanonical().replace(',', '&');
    }

    static boolean acceptable(String url, VariantKey key) {
        if (url.length() > MAX_LENGTH || !url.startsWith("/") || url.startsWith("//") || !url.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return false;
        }
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        if (path.indexOf('#') >= 0 || url.indexOf('\\') >= 0) {
            return false;
        }
        try {
            return CanonicalPath.of(path).s3Key().equals(key.originalKey());
        } catch (UrlRefusedException e) {
            return false;
        }
    }
}
