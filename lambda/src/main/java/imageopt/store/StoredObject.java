package imageopt.store;

/**
 * An object read from a store.
 *
 * @param bytes       its content
 * @param contentType its Content-Type, or null when the store has none
 * @param etag        the store's entity tag as it gave it (quotes stripped), or null
 */
public record StoredObject(byte[] bytes, String contentType, String etag) {}
