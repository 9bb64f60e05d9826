package imageopt.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The edge's check of {@code sig} and {@code exp}, in contract/README.md's order ("Signing"). */
final class SignatureCheck {
    private static final int KEY_ID_MAX = 64;
    private static final int MAC_LENGTH = 43; // 32 bytes in base64url without padding

    private SignatureCheck() {
    }

    /** Passes quietly or throws the first failing check's reason. */
    static void check(String path, List<QueryPair> pairs, SigningKeys keys, long nowSeconds) {
        List<QueryPair> sigs = pairs.stream().filter(p -> p.name().equals("sig")).toList();
        List<QueryPair> exps = pairs.stream().filter(p -> p.name().equals("exp")).toList();
        if (sigs.isEmpty()) throw new UrlRefusedException(Reason.SIG_MISSING);
        if (sigs.size() > 1 || exps.size() > 1) throw new UrlRefusedException(Reason.REPEATED_PARAM);

        String sig = PercentCoding.decode(sigs.getFirst().value());
        int dot = sig == null ? -1 : sig.indexOf('.');
        if (dot < 0 || !Ascii.isBase64Url(sig.substring(0, dot), 1, KEY_ID_MAX)
                || !Ascii.isBase64Url(sig.substring(dot + 1), MAC_LENGTH, MAC_LENGTH)) {
            throw new UrlRefusedException(Reason.SIG_MALFORMED);
        }
        String secret = secret(keys, sig.substring(0, dot));
        if (secret.isEmpty()) throw new UrlRefusedException(Reason.SIG_UNKNOWN_KEY);

        // The path and the raw pairs as sent, sig left out: nothing is normalized before signing.
        String signed = path + "?" + pairs.stream().filter(p -> !p.name().equals("sig")).map(QueryPair::raw)
                .collect(Collectors.joining("&"));
        byte[] expected = UrlSigner.mac(secret, signed).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, sig.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            throw new UrlRefusedException(Reason.SIG_INVALID); // constant time: no early exit
        }
        if (exps.isEmpty()) return;
        String exp = PercentCoding.decode(exps.getFirst().value());
        if (!Ascii.isPlainPositiveInteger(exp, 10)) throw new UrlRefusedException(Reason.BAD_EXP);
        if (nowSeconds >= Long.parseLong(exp)) throw new UrlRefusedException(Reason.SIG_EXPIRED);
    }

    /** The secret, or "" when the key is unknown or the store cannot be read (the edge answers the same). */
    private static String secret(SigningKeys keys, String keyId) {
        try {
            Optional<String> secret = keys.secret(keyId);
            return secret == null ? "" : secret.orElse("");
        } catch (RuntimeException storeUnreadable) {
            return "";
        }
    }
}
