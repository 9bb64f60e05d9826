package imageopt.local;

import java.util.Map;

/** The two halves the local edge plays CloudFront around: the URL contract and the origin. */
public final class Edge {
    private Edge() {}

    /** The viewer-request function: (raw path, raw query, Accept) to the canonical URI, or a 400. */
    public interface Rewriter {
        Rewrite rewrite(String rawPath, String rawQuery, String accept);
    }

    /** What the viewer-request function decided. */
    public sealed interface Rewrite {
        /** @param uri the canonical URI (the cache key); @param key the variant's S3 key (the URI decoded, without its leading /) */
        record To(String uri, String key) implements Rewrite {}

        /** @param reason the reason key; @param line the reason's one line, the 400's detail */
        record Refused(String reason, String line) implements Rewrite {
            /** The 400's problem+json body, as the edge function writes it. */
            public String body() {
                return new imageopt.contract.UrlContract.Refusal(reason, line).body();
            }
        }
    }

    /** The Lambda origin: the canonical URI to an answer. */
    public interface Origin {
        /**
         * @param uri       the canonical URI, as CloudFront hands it to the origin
         * @param viewerUrl the viewer's own path and query, for the 302 of an oversized variant
         */
        Answer fetch(String uri, String viewerUrl);
    }

    /** An HTTP answer: status, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public Answer {
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }
    }
}
