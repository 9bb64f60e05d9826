package imageopt.store;

/** Where the originals live: read only. */
public interface OriginalStore {
    /**
     * Reads one original.
     *
     * @param maxBytes larger objects are refused before their body is read
     * @throws NoSuchObjectException     the key does not exist
     * @throws ObjectTooLargeException   the object is over maxBytes
     * @throws StoreUnavailableException throttled, a 5xx, or the store cannot be reached: retryable
     * @throws StoreException            anything else (access denied, a bad bucket name...)
     */
    StoredObject get(String key, long maxBytes);
}
