package imageopt.store;

/** The store is throttling, answered a 5xx, or cannot be reached: worth retrying later. */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
