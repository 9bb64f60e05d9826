package imageopt.contract;

/**
 * Why a URL or a variant key is refused: the reason key (the edge's {@code x-imageopt-reason}) and
 * the one line sent as the body. The edge's keys and lines are those of contract/README.md
 * ("Answers"); a test holds the two together. The last two are the origin's alone: a key the edge
 * would never have produced.
 */
public enum Reason {
    PATH_NOT_ABSOLUTE("path-not-absolute", "path must start with /"),
    PATH_BAD_ESCAPE("path-bad-escape", "bad % escape in path"),
    PATH_ENCODED_SLASH("path-encoded-slash", "%2F in path"),
    PATH_BAD_UTF8("path-bad-utf8", "path is not UTF-8"),
    PATH_BAD_CHAR("path-bad-char", "control char or backslash in path"),
    PATH_EMPTY_SEGMENT("path-empty-segment", "empty path segment"),
    PATH_DOT_SEGMENT("path-dot-segment", ". or .. in path"),
    PATH_TOO_LONG("path-too-long", "path over 896 bytes"),
    REPEATED_PARAM("repeated-param", "parameter given twice"),
    BAD_FORMAT("bad-format", "format: auto, jpeg, png, webp, avif, gif"),
    BAD_QUALITY("bad-quality", "quality: 1..100"),
    BAD_WIDTH("bad-width", "width: 1..MAX_DIMENSION"),
    BAD_HEIGHT("bad-height", "height: 1..MAX_DIMENSION"),
    BAD_FIT("bad-fit", "fit: cover, contain, fill, inside, outside"),
    BAD_POSITION("bad-position", "position: centre, edge, corner, attention, entropy"),
    BAD_DPR("bad-dpr", "dpr: 1, 1.5, 2, 2.5, 3, 3.5, 4"),
    TOO_LARGE("too-large", "over MAX_DIMENSION after dpr and snapping"),
    SIG_MISSING("sig-missing", "URL must be signed"),
    SIG_MALFORMED("sig-malformed", "sig: <key id>.<43 base64url chars>"),
    SIG_UNKNOWN_KEY("sig-unknown-key", "unknown signing key"),
    SIG_INVALID("sig-invalid", "signature does not match"),
    BAD_EXP("bad-exp", "exp: unix seconds"),
    SIG_EXPIRED("sig-expired", "signed URL expired"),
    /** Origin only: a valid path spelled otherwise than its canonical re-encoding. */
    KEY_NOT_CANONICAL("key-not-canonical", "not a canonical variant key"),
    /** Origin only: the last segment is not the canonical operations grammar. */
    KEY_BAD_OPERATIONS("key-bad-operations", "not canonical operations");

    private final String key;
    private final String line;

    Reason(String key, String line) {
        this.key = key;
        this.line = line;
    }

    /** The reason key, e.g. {@code bad-width}. */
    public String key() {
        return key;
    }

    /** The one-line body, without its newline; it never repeats the request. */
    public String line() {
        return line;
    }

    /** Whether the edge (url-rewrite.js and {@link UrlContract}) can answer it. */
    public boolean atEdge() {
        return this != KEY_NOT_CANONICAL && this != KEY_BAD_OPERATIONS;
    }
}
