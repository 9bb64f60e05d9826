package imageopt.store;

import java.util.Map;

/**
 * A transformed image as it is written to the variants store.
 *
 * @param bytes        the encoded image
 * @param contentType  written as the object's Content-Type header
 * @param cacheControl written as the object's Cache-Control header (not as user metadata)
 * @param metadata     user metadata (x-amz-meta-*): lower-case ASCII names and values
 */
public record Variant(byte[] bytes, String contentType, String cacheControl, Map<String, String> metadata) {
    public Variant {
        metadata = Map.copyOf(metadata);
    }
}
