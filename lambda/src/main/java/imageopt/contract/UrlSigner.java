package imageopt.contract;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs imageopt URLs for a deployment with {@code SIGNING} on (contract/README.md, "Signing"):
 * {@code sig=<key id>.<MAC>} appended as the last pair, the MAC being base64url without padding of
 * HMAC-SHA256(secret, {@code "<path>?<query>"}). Sign exactly the path and query you put in the URL:
 * nothing is normalized before signing. Put {@code exp=<unix seconds>} in the query to make the URL
 * expire.
 */
public final class UrlSigner {
    private static final int MAX_KEY_ID = 64;

    private UrlSigner() {
    }

    /**
     * The URL to send: {@code path?query&sig=...}, or {@code path?sig=...} for an empty query.
     *
     * @param path   the path as it will be sent (escapes as they will be sent)
     * @param query  the query as it will be sent, without {@code ?} and without {@code sig}; null or empty for none
     * @param keyId  1..64 characters {@code A-Z a-z 0-9 _ -}, the id of {@code secret} in the KeyValueStore
     * @param secret the secret stored under {@code keyId}
     */
    public static String sign(String path, String query, String keyId, String secret) {
        String q = query == null ? "" : query;
        return path + "?" + q + (q.isEmpty() ? "" : "&") + "sig=" + signature(path, q, keyId, secret);
    }

    /** The value of the {@code sig} pair: {@code <key id>.<MAC>}. */
    public static String signature(String path, String query, String keyId, String secret) {
        Objects.requireNonNull(path, "path");
        if (keyId == null || !Ascii.isBase64Url(keyId, 1, MAX_KEY_ID)) {
            throw new IllegalArgumentException("a key id is 1.." + MAX_KEY_ID + " characters A-Z a-z 0-9 _ -");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the secret of key " + keyId + " is empty: the edge refuses such a key");
        }
        return keyId + "." + mac(secret, path + "?" + (query == null ? "" : query));
    }

    /** base64url without padding of HMAC-SHA256(secret, text), both as node encodes them to UTF-8. */
    static String mac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Utf8.encode(secret), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(Utf8.encode(text)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }
}
