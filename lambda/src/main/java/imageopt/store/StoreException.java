package imageopt.store;

/** A store failed in a way that retrying will not fix (access denied, a missing bucket...). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
