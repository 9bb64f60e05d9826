package imageopt.contract;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

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
     * {@code content-type: text/plain; charset=utf-8} and {@code line + "\n"} as the body.
     */
    public record Refusal(String reason, String line) implements Outcome {
        static Refusal of(Reason reason) {
            return new Refusal(reason.key(), reason.line());
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
