package imageopt.transform;

/**
 * Why a transform did not happen, typed so the origin can answer with the right HTTP status.
 * The message is one line for a person; it never decides anything.
 */
public class TransformException extends RuntimeException {
    /** The failure kinds and the HTTP status each maps to. */
    public enum Kind {
        INVALID_SPEC(400, "invalid-spec"),
        TOO_LARGE(413, "too-large"),
        UNSUPPORTED(415, "unsupported-format"),
        CORRUPT(422, "corrupt-image"),
        TIMEOUT(503, "timeout");

        public final int status;
        /** A stable machine-readable name (problem type suffix, log field). */
        public final String key;

        Kind(int status, String key) {
            this.status = status;
            this.key = key;
        }
    }

    private final Kind kind;

    public TransformException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TransformException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
