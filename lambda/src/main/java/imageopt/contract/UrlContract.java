package imageopt.contract;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Java twin of the edge function url-rewrite.js: a viewer's path, raw query string and Accept
 * header become the canonical URI (the cache key and, decoded, the S3 key of the variant) or a 400
 * with a reason. Same rules, same answers: both are held to contract/url-vectors.json and to each
 * other by a differential test. The local edge runs it where CloudFront would run the function.
 */
public final class UrlContract {
    /** What the edge does with a request. */
    public sealed interface Outcome permits Rewrite, Refusal {
    }

    /** Forward to the origin under this canonical URI, with an empty query string. */
    public record Rewrite(String uri) implements Outcome {
    }

    /**
     * Answer {@code 400} with {@code x-imageopt-reason: <reason>}, {@code cache-control: no-store},
     * {@code content-type: application/problem+json} and {@link #body()}: an RFC 9457 problem of type
     * {@code urn:imageopt:problem:bad-url} whose detail is the reason's one line (never the request).
     */
    public record Refusal(String reason, String line) implements Outcome {
        public static final String CONTENT_TYPE = "application/problem+json";

        static Refusal of(Reason reason) {
            return new Refusal(reason.key(), reason.line());
        }

        /** The body, byte for byte what url-rewrite.js's JSON.stringify gives (the lines hold no character JSON escapes). */
        public String body() {
            return "{\"type\":\"urn:imageopt:problem:bad-url\",\"title\":\"Bad URL\",\"status\":400,\"detail\":\""
                    + line + "\",\"reason\":\"" + reason + "\"}";
        }
    }

    private final EdgeConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    /** {@code keys} is read only with {@code config.signing()}; {@code clock} only for {@code exp}. */
    public UrlContract(EdgeConfig config, SigningKeys keys, Clock clock) {
        this.config = Objects.requireNonNull(config);
        this.keys = Objects.requireNonNull(keys);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * For what the edge serves outside the image namespace (the local edge's demo pages): with
     * signing on, the refusal of a URL without a valid signature; empty when it may be served.
     */
    public Optional<Refusal> signatureRefusal(String path, String rawQuery) {
        if (!config.signing()) return Optional.empty();
        try {
            SignatureCheck.check(Objects.requireNonNull(path, "path"), QueryPair.parse(rawQuery), keys, Math.floorDiv(clock.millis(), 1000));
            return Optional.empty();
        } catch (UrlRefusedException e) {
            return Optional.of(Refusal.of(e.reason()));
        }
    }

    /**
     * @param path     the request path as sent (CloudFront's {@code request.uri})
     * @param rawQuery the query string as sent, without {@code ?}; null when the URL has no {@code ?}
     * @param accept   the Accept header, null when there is none
     */
    public Outcome rewrite(String path, String rawQuery, String accept) {
        Objects.requireNonNull(path, "path");
        List<QueryPair> pairs = QueryPair.parse(rawQuery);
        try {
            // With signing on, only a valid signature earns any other answer.
            if (config.signing()) SignatureCheck.check(path, pairs, keys, Math.floorDiv(clock.millis(), 1000));
            CanonicalPath canonical = CanonicalPath.of(path);
            return new Rewrite(canonical.encoded() + "/" + Parameters.spec(pairs, accept, config).toCanonical());
        } catch (UrlRefusedException e) {
            return Refusal.of(e.reason());
        }
    }
}
