package imageopt.contract;

import java.util.Objects;

/** A path, URL or variant key the contract refuses (HTTP 400), with its reason. */
public final class UrlRefusedException extends RuntimeException {
    private final Reason reason;

    public UrlRefusedException(Reason reason) {
        this(reason, null);
    }

    /** {@code detail} is for logs only; it may echo the request, the reason's line never does. */
    public UrlRefusedException(Reason reason, String detail) {
        super(reason.key() + ": " + (detail == null ? reason.line() : detail), null, false, false);
        this.reason = Objects.requireNonNull(reason);
    }

    public Reason reason() {
        return reason;
    }
}
