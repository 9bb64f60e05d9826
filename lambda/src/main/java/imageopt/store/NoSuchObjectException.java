package imageopt.store;

/** The key does not exist in the store (S3's NoSuchKey). */
public final class NoSuchObjectException extends StoreException {
    public NoSuchObjectException(String key) {
        super("no object under key '" + key + "'");
    }
}
