package imageopt.contract;

import java.util.Map;
import java.util.Optional;

/**
 * The signing secrets by key id: at the edge a CloudFront KeyValueStore, here whatever the caller
 * holds them in. Several ids live side by side for rotation. Never in code or configuration files.
 */
@FunctionalInterface
public interface SigningKeys {
    /** No store: every signature names an unknown key. */
    SigningKeys NONE = keyId -> Optional.empty();

    /** The secret (a UTF-8 string, the HMAC key) of {@code keyId}; empty when there is none. */
    Optional<String> secret(String keyId);

    static SigningKeys of(Map<String, String> secrets) {
        Map<String, String> copy = Map.copyOf(secrets);
        return keyId -> Optional.ofNullable(copy.get(keyId));
    }
}
