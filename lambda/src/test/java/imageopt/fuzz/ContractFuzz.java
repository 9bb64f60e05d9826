package imageopt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import imageopt.contract.EdgeConfig;
import imageopt.contract.SigningKeys;
import imageopt.contract.UrlContract;
import imageopt.contract.UrlSigner;
import imageopt.contract.VariantKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Fuzz target: the URL contract's Java twin (what the local edge runs where CloudFront runs
 * url-rewrite.js). Any input must give a canonical URI or a refusal, never an exception; a URI
 * it gives must parse as a key the origin accepts, unchanged; a refusal's body is one line of JSON.
 * With signing on, inputs are signed half the time so the fuzzer gets past the signature.
 */
public final class ContractFuzz {
    private static final SigningKeys KEYS = SigningKeys.of(Map.of("k1", "fuzz secret"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final UrlContract PLAIN = new UrlContract(EdgeConfig.DEFAULTS, SigningKeys.NONE, CLOCK);
    private static final UrlContract SIGNED = new UrlContract(
            EdgeConfig.fromSettings(Map.of("SIGNING", "true", "ALLOWED_WIDTHS", "100,200,400", "DEFAULT_FORMAT", "auto")::get), KEYS, CLOCK);

    private ContractFuzz() {}

    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        boolean signing = data.consumeBoolean();
        boolean sign = data.consumeBoolean();
        String path = data.consumeString(1200);
        String query = data.consumeBoolean() ? null : data.consumeString(1200);
        String accept = data.consumeBoolean() ? null : data.consumeRemainingAsString();
        if (signing && sign) {
            String signed = UrlSigner.sign(path, query, "k1", "fuzz secret");
            query = signed.substring(path.length() + 1);
        }
        switch ((signing ? SIGNED : PLAIN).rewrite(path, query, accept)) {
            case UrlContract.Rewrite r -> {
                VariantKey key = VariantKey.parse(r.uri()); // throws if the origin would refuse the edge's own key
                if (!key.uri().equals(r.uri())) throw new IllegalStateException("key " + r.uri() + " parses back as " + key.uri());
            }
            case UrlContract.Refusal f -> {
                String body = f.body();
                if (body.indexOf('\n') >= 0 || !body.startsWith("{\"type\":\"urn:imageopt:problem:bad-url\"")) {
                    throw new IllegalStateException("refusal body " + body);
                }
            }
        }
    }
}
