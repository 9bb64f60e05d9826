package imageopt.origin;

import java.util.Optional;

/**
 * One request to the origin, whoever carries it (a function URL event, the local edge).
 *
 * @param method    the HTTP method as sent
 * @param rawPath   the canonical URI, as the edge rewrote it: {@code /photos/a%20b.jpg/format=webp,width=300}
 * @param viewerUrl the viewer's own URL (path and query, as the viewer sent it), from the
 *                  {@value #VIEWER_URL_HEADER} header the edge sets; a 302 reuses it so that a signed URL stays signed
 * @param requestId for the log line
 */
public record OriginRequest(String method, String rawPath, Optional<String> viewerUrl, String requestId) {
    public static final String VIEWER_URL_HEADER = "x-imageopt-viewer-url";

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
