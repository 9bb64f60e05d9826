package imageopt.origin;

/**
 * Every error the origin answers, as an RFC 9457 problem type: a URI naming it, its status, its
 * title, and whether it is worth retrying (503, with Retry-After and never cached) or final
 * (cached briefly with ERROR_CACHE_TTL).
 */
public enum ProblemType {
    BAD_KEY(400, "bad-key", "Not a canonical image key"),
    NO_SUCH_ORIGINAL(404, "no-such-original", "No such original image"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Only GET and HEAD are served"),
    TOO_LARGE(413, "too-large", "Original image over the size limits"),
    UNSUPPORTED_FORMAT(415, "unsupported-format", "Original image in a format that cannot be decoded"),
    CORRUPT_IMAGE(422, "corrupt-image", "Original image cannot be decoded"),
    OUTPUT_TOO_LARGE(500, "output-too-large", "Transformed image over MAX_IMAGE_SIZE and no store to redirect to"),
    INTERNAL(500, "internal", "Internal error"),
    STORE_UNAVAILABLE(503, "store-unavailable", "Image store unavailable or throttling"),
    TIMEOUT(503, "timeout", "Transform ran out of time");

    /** Problem type URIs: identifiers, not links (the README lists them). */
    public static final String TYPE_PREFIX = "urn:imageopt:problem:";

    public final int status;
    public final String key;
    public final String title;

    ProblemType(int status, String key, String title) {
        this.status = status;
        this.key = key;
        this.title = title;
    }

    public String uri() {
        return TYPE_PREFIX + key;
    }

    /** 503s may succeed on a retry; a 500 "internal" is not cached either, as it may be transient. */
    public boolean isFinal() {
        return status < 500 || this == OUTPUT_TOO_LARGE;
    }
}
