package imageopt.origin;

import imageopt.transform.Limits;
import imageopt.transform.TransformSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the origin is configured with, read from environment variables named as in the AWS
 * sample's deployment parameters (the same names configure the Lambda and the local edge).
 * A missing or bad value is refused here, at start-up, with a message that names it.
 *
 * @param originalsBucket   S3_IMAGE_BUCKET_NAME: where the originals are (required)
 * @param variantsBucket    S3_TRANSFORMED_IMAGE_BUCKET_NAME, read when STORE_TRANSFORMED_IMAGES is true (the default)
 * @param cacheControl      S3_TRANSFORMED_IMAGE_CACHE_TTL: Cache-Control of images, served and stored
 * @param errorCacheControl ERROR_CACHE_TTL: Cache-Control of final errors (4xx, output-too-large)
 * @param maxImageSize      MAX_IMAGE_SIZE: largest body answered inline; above it a 302 to the stored copy
 * @param limits            MAX_SOURCE_BYTES, MAX_SOURCE_PIXELS, MAX_FRAMES, MAX_DIMENSION, TRANSFORM_TIMEOUT_MS
 * @param region            AWS_REGION (set by Lambda)
 * @param s3Endpoint        S3_ENDPOINT: an S3-compatible endpoint instead of AWS (local edge, tests)
 */
public record OriginConfig(String originalsBucket, Optional<String> variantsBucket, String cacheControl,
                           String errorCacheControl, int maxImageSize, Limits limits, String region,
                           Optional<URI> s3Endpoint) {
    public static final String DEFAULT_CACHE_CONTROL = "max-age=31622400";
    public static final String DEFAULT_ERROR_CACHE_CONTROL = "max-age=60";
    public static final int DEFAULT_MAX_IMAGE_SIZE = 4_700_000;
    /**
     * A function URL answers at most 6 MiB buffered, and the body goes out in base64 (4/3):
     * 4,718,592 raw bytes fill it, less 4 KiB kept for the headers and the JSON around the body.
     */
    public static final int MAX_IMAGE_SIZE_LIMIT = 6 * 1024 * 1024 / 4 * 3 - 4096;
    /** Errors must not be cached long: a fixed original or a recovered store should show soon. */
    static final long ERROR_MAX_AGE_LIMIT = 3600;

    public boolean storesVariants() {
        return variantsBucket.isPresent();
    }

    public static OriginConfig fromEnvironment(Map<String, String> env) {
        Env e = new Env(env);
        String originals = e.bucket("S3_IMAGE_BUCKET_NAME", "originalImageBucketName").orElseThrow(
                () -> new ConfigException("S3_IMAGE_BUCKET_NAME is not set: it names the S3 bucket of the original images"));
        boolean store = e.bool("STORE_TRANSFORMED_IMAGES", true);
        Optional<String> variants = e.bucket("S3_TRANSFORMED_IMAGE_BUCKET_NAME", "transformedImageBucketName");
        if (store && variants.isEmpty()) {
            throw new ConfigException("S3_TRANSFORMED_IMAGE_BUCKET_NAME is not set, and STORE_TRANSFORMED_IMAGES is true (the default): "
                    + "name the bucket of transformed images, or set STORE_TRANSFORMED_IMAGES=false");
        }
        if (!store && variants.isPresent()) {
            throw new ConfigException("S3_TRANSFORMED_IMAGE_BUCKET_NAME is set to '" + variants.get()
                    + "' but STORE_TRANSFORMED_IMAGES is false: unset one of them");
        }
        String cache = CacheControl.check("S3_TRANSFORMED_IMAGE_CACHE_TTL",
                e.get("S3_TRANSFORMED_IMAGE_CACHE_TTL", "transformedImageCacheTTL").orElse(DEFAULT_CACHE_CONTROL), Long.MAX_VALUE);
        String errorCache = CacheControl.check("ERROR_CACHE_TTL",
                e.get("ERROR_CACHE_TTL", null).orElse(DEFAULT_ERROR_CACHE_CONTROL), ERROR_MAX_AGE_LIMIT);
        int maxImageSize = (int) e.integer("MAX_IMAGE_SIZE", "maxImageSize", DEFAULT_MAX_IMAGE_SIZE, 1, MAX_IMAGE_SIZE_LIMIT);
        Limits d = Limits.DEFAULT;
        Limits limits = new Limits(
                e.integer("MAX_SOURCE_BYTES", null, d.maxSourceBytes(), 1, Integer.MAX_VALUE - 8),
                e.integer("MAX_SOURCE_PIXELS", null, d.maxSourcePixels(), 1, 1L << 40),
                (int) e.integer("MAX_FRAMES", null, d.maxFrames(), 1, 100_000),
                (int) e.integer("MAX_DIMENSION", null, d.maxOutputDimension(), 1, TransformSpec.MAX_DIMENSION),
                Duration.ofMillis(e.integer("TRANSFORM_TIMEOUT_MS", null, d.timeBudget().toMillis(), 1, 900_000)));
        Optional<URI> endpoint = e.get("S3_ENDPOINT", null).map(v -> endpoint(v));
        String region = e.get("AWS_REGION", null).orElse(endpoint.isPresent() ? "us-east-1" : null);
        if (region == null) {
            throw new ConfigException("AWS_REGION is not set (Lambda sets it; elsewhere set it, or S3_ENDPOINT for an S3-compatible store)");
        }
        if (!region.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
            throw new ConfigException("AWS_REGION must be a region name such as us-east-1, got '" + region + "'");
        }
        return new OriginConfig(originals, variants, cache, errorCache, maxImageSize, limits, region, endpoint);
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value);
            if ((uri.getScheme() != null && uri.getScheme().matches("https?")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // refused below
        }
        throw new ConfigException("S3_ENDPOINT must be an http(s) URL such as http://127.0.0.1:9000, got '" + value + "'");
    }

    /** Reads variables, refusing the AWS sample's Lambda-only camelCase names so a copied setting is not silently ignored. */
    private record Env(Map<String, String> env) {
        Optional<String> get(String name, String samplesName) {
            if (samplesName != null && env.containsKey(samplesName)) {
                throw new ConfigException(samplesName + " is the AWS sample's Lambda variable; imageopt reads " + name + " instead");
            }
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        Optional<String> bucket(String name, String samplesName) {
            Optional<String> v = get(name, samplesName);
            v.ifPresent(b -> {
                if (!b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                    throw new ConfigException(name + " must be an S3 bucket name (3-63 of a-z 0-9 . -), got '" + b + "'");
                }
            });
            return v;
        }

        boolean bool(String name, boolean fallback) {
            return get(name, null).map(v -> switch (v) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
            }).orElse(fallback);
        }

        long integer(String name, String samplesName, long fallback, long min, long max) {
            Optional<String> v = get(name, samplesName);
            if (v.isEmpty()) {
                return fallback;
            }
            String s = v.get();
            if (s.matches("[1-9][0-9]{0,17}|0")) {
                long n = Long.parseLong(s);
                if (n >= min && n <= max) {
                    return n;
                }
            }
            throw new ConfigException(name + " must be an integer " + min + ".." + max + ", got '" + s + "'");
        }
    }
}
