package imageopt.stack;

import java.util.List;
import java.util.Map;

/**
 * The deployments the tests synthesize: every parameter's effect and every topology. Each writes
 * its cloud assembly to target/synth/&lt;variant&gt;, and .ci/run lints every template there.
 */
enum Variants {
    DEFAULTS(Map.of()),
    TUNED(Map.ofEntries(
        Map.entry("STAGE_NAME", "prod"),
        Map.entry("LAMBDA_MEMORY", "3008"),
        Map.entry("LAMBDA_TIMEOUT", "30"),
        Map.entry("S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION", "7"),
        Map.entry("S3_TRANSFORMED_IMAGE_CACHE_TTL", "public, max-age=86400"),
        Map.entry("MAX_IMAGE_SIZE", "1000000"),
        Map.entry("CLOUDFRONT_CORS_ENABLED", "false"),
        Map.entry("CLOUDFRONT_ORIGIN_SHIELD_REGION", "eu-central-1"),
        Map.entry("WAF_RATE_LIMIT", "500"),
        Map.entry("WAF_RATE_LIMIT_QUERY_ONLY", "true"),
        Map.entry("LOG_RETENTION_DAYS", "7"),
        Map.entry("PRICE_CLASS", "PriceClass_100"),
        Map.entry("MAX_DIMENSION", "2048"),
        Map.entry("ALLOWED_WIDTHS", "320,640,1280"),
        Map.entry("DEFAULT_FORMAT", "auto"))),
    LONG_TIMEOUT(Map.of("LAMBDA_TIMEOUT", "120")),
    NO_ORIGIN_SHIELD(Map.of("CLOUDFRONT_ORIGIN_SHIELD_REGION", "none")),
    SIGNING(Map.of("SIGNING", "true")),
    SAMPLE_WEBSITE(Map.of("DEPLOY_SAMPLE_WEBSITE", "true")),
    LOGGING_OFF(Map.of("LOGGING_ENABLED", "false")),
    STORE_OFF(Map.of("STORE_TRANSFORMED_IMAGES", "false")),
    EXISTING_BUCKET(Map.of("S3_IMAGE_BUCKET_NAME", "my-images")),
    WAF_OFF(Map.of("WAF_ENABLED", "false")),
    CUSTOM_DOMAIN(Map.of("CUSTOM_DOMAIN_NAMES", "img.example.com,images.example.com", "CERTIFICATE_ARN", Synth.CERTIFICATE)),
    ARM64(Map.of("LAMBDA_ARCHITECTURE", "arm64")),
    EU_WEST_1(Map.of(), Synth.EU_WEST_1),
    US_EAST_1(Map.of(), Synth.US_EAST_1),
    // Everything off that can be, on an existing bucket, in a known region: the smallest deployment.
    MINIMAL(Map.of("STORE_TRANSFORMED_IMAGES", "false", "S3_IMAGE_BUCKET_NAME", "my-images", "WAF_ENABLED", "false",
        "LOGGING_ENABLED", "false", "CLOUDFRONT_CORS_ENABLED", "false", "CLOUDFRONT_ORIGIN_SHIELD_REGION", "none"), Synth.EU_WEST_1),
    // Everything on, in a region that needs the us-east-1 WAF stack.
    EVERYTHING_EU(Map.of("DEPLOY_SAMPLE_WEBSITE", "true", "SIGNING", "true", "LAMBDA_ARCHITECTURE", "arm64",
        "CUSTOM_DOMAIN_NAMES", "img.example.com", "CERTIFICATE_ARN", Synth.CERTIFICATE, "STAGE_NAME", "staging"), Synth.EU_WEST_1);

    final Map<String, String> parameters;
    final Map<String, String> environment;

    /** Without credentials: the `-c` parameters and the region a user must then give. */
    Variants(Map<String, String> parameters) {
        this(withRegion(parameters), Map.of());
    }

    Variants(Map<String, String> parameters, Map<String, String> environment) {
        this.parameters = parameters;
        this.environment = environment;
    }

    private static Map<String, String> withRegion(Map<String, String> parameters) {
        Map<String, String> withRegion = new java.util.HashMap<>(parameters);
        withRegion.put("REGION", Synth.DEFAULT_REGION);
        return Map.copyOf(withRegion);
    }

    Synth.Result synth() {
        return Synth.of(name().toLowerCase().replace('_', '-'), parameters, environment);
    }

    static List<Variants> all() {
        return List.of(values());
    }
}
