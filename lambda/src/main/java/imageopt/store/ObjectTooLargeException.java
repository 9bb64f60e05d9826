package imageopt.store;

/** The object is larger than the caller accepts; its body was not read. */
public final class ObjectTooLargeException extends StoreException {
    private final long size;
    private final long limit;

    public ObjectTooLargeException(String key, long size, long limit) {
        super("object '" + key + "' is " + size + " bytes, over the limit of " + limit);
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
