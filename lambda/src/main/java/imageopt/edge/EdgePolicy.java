package imageopt.edge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What CloudFront does around the origin, written once: the CDK stack builds its cache policy,
 * response headers policy and origin group from these values, and the local edge applies the very
 * same ones. Change a value here and both change.
 */
public final class EdgePolicy {
    private EdgePolicy() {}

    /** The response header naming the deployment's policy version (as the AWS sample's {@code x-aws-image-optimization: v1.0}). */
    public static final String VERSION_HEADER = "x-imageopt-version";
    public static final String VERSION = "v1";

    /**
     * Statuses of the transformed bucket that send CloudFront on to the Lambda origin. S3 behind
     * origin access control without list permission answers 403 for a missing key; an
     * S3-compatible store answers 404. OriginGroup's default (500/502/503/504) misses both.
     */
    public static final Set<Integer> FALLBACK_STATUSES = Set.of(403, 404, 500, 502, 503, 504);

    /** The cache policy's TTLs; the origin's Cache-Control decides within them. */
    public static final Duration MIN_TTL = Duration.ZERO;
    public static final Duration DEFAULT_TTL = Duration.ofDays(1);
    public static final Duration MAX_TTL = Duration.ofDays(365);

    /** The Cache-Control of stored variants and 200s, the AWS sample's default of S3_TRANSFORMED_IMAGE_CACHE_TTL. */
    public static final String DEFAULT_TRANSFORMED_CACHE_CONTROL = "public, max-age=31622400";

    /** The Cache-Control of the edge's own 400 refusals (contract/README.md, "Answers"). */
    public static final String REFUSAL_CACHE_CONTROL = "no-store";

    /** The Cache-Control of a 503 that asks the viewer to come back (local back-pressure, throttling). */
    public static final String RETRY_CACHE_CONTROL = "no-store";

    /** The seconds a viewer is told to wait after a 503 (Retry-After). */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** CORS, when CLOUDFRONT_CORS_ENABLED: any origin may read images, without credentials. */
    public static final List<String> CORS_ALLOW_ORIGINS = List.of("*");
    public static final List<String> CORS_ALLOW_METHODS = List.of("GET", "HEAD");
    public static final List<String> CORS_ALLOW_HEADERS = List.of("*");
    /** Headers a page on another origin may read from a response (Server-Timing and Timing-Allow-Origin let it time us). */
    public static final List<String> CORS_EXPOSE_HEADERS = List.of("server-timing", "x-cache", VERSION_HEADER, "x-imageopt-reason");
    public static final Duration CORS_MAX_AGE = Duration.ofSeconds(600);
    public static final boolean CORS_ALLOW_CREDENTIALS = false;

    /** Strict-Transport-Security's max-age (the security headers behaviour; browsers ignore it over plain HTTP). */
    public static final Duration HSTS_MAX_AGE = Duration.ofDays(365);

    /**
     * Headers the response headers policy sets on every answer, overriding the origin's: the
     * variant depends on Accept (format=auto: the cache key holds the resolved format, but browsers
     * and proxies after the CDN only see the viewer's URL), any page may time the images, and the
     * version of this policy.
     */
    public static Map<String, String> customHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("vary", "accept");
        h.put("timing-allow-origin", "*");
        h.put(VERSION_HEADER, VERSION);
        return h;
    }

    /** The security headers behaviour: nosniff, and HSTS without subdomains. */
    public static Map<String, String> securityHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-content-type-options", "nosniff");
        h.put("strict-transport-security", "max-age=" + HSTS_MAX_AGE.toSeconds());
        return h;
    }

    /** The CORS headers for a simple (non-preflight) response, as the response headers policy adds them. */
    public static Map<String, String> corsHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("access-control-allow-origin", String.join(",", CORS_ALLOW_ORIGINS));
        h.put("access-control-expose-headers", String.join(",", CORS_EXPOSE_HEADERS));
        return h;
    }

    /**
     * The CORS headers for a preflight (OPTIONS) answer. Image GETs without custom headers never
     * need one; the local edge answers it all the same.
     */
    public static Map<String, String> corsPreflightHeaders() {
        Map<String, String> h = corsHeaders();
        h.put("access-control-allow-methods", String.join(",", CORS_ALLOW_METHODS));
        h.put("access-control-allow-headers", String.join(",", CORS_ALLOW_HEADERS));
        h.put("access-control-max-age", Long.toString(CORS_MAX_AGE.toSeconds()));
        return h;
    }
}
