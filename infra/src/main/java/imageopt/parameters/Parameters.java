package imageopt.parameters;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every deployment parameter, read from `-c NAME=value` (or cdk.json's context) and validated at
 * synth with a message naming the parameter. The AWS sample's names and defaults are kept;
 * the rest are ours. Absent optional values are null.
 *
 * @param stageName                 STAGE_NAME: dev, staging, prod...; in the stack names and so in every generated resource name
 * @param storeTransformedImages    STORE_TRANSFORMED_IMAGES: keep variants in S3 behind an origin group; false makes the function the only origin
 * @param originalsBucketName       S3_IMAGE_BUCKET_NAME: an existing bucket of originals; null creates one seeded with the samples
 * @param transformedExpirationDays S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION: days a stored variant lives
 * @param transformedCacheControl   S3_TRANSFORMED_IMAGE_CACHE_TTL: the Cache-Control of variants (a header value, as in the AWS sample)
 * @param originShieldRegion        CLOUDFRONT_ORIGIN_SHIELD_REGION: a region, "none", or null for the region table's choice
 * @param corsEnabled               CLOUDFRONT_CORS_ENABLED: CORS headers for any origin, GET only
 * @param lambdaMemory              LAMBDA_MEMORY: MB (CPU share follows memory)
 * @param lambdaTimeout             LAMBDA_TIMEOUT: seconds; CloudFront waits as long, up to 60 s
 * @param lambdaArchitecture        LAMBDA_ARCHITECTURE: x86_64 or arm64 (the layer follows)
 * @param maxImageSize              MAX_IMAGE_SIZE: bytes of the largest image the function answers inline
 * @param deploySampleWebsite       DEPLOY_SAMPLE_WEBSITE: a small page showing the samples through the CDN
 * @param wafEnabled                WAF_ENABLED: a web ACL on the distributions
 * @param wafRateLimit              WAF_RATE_LIMIT: requests per IP per 5 minutes before 429s
 * @param wafRateLimitQueryOnly     WAF_RATE_LIMIT_QUERY_ONLY: count only requests with a query string
 * @param loggingEnabled            LOGGING_ENABLED: CloudFront standard logs and S3 access logs to a logs bucket
 * @param logRetentionDays          LOG_RETENTION_DAYS: days logs are kept (function logs and the logs bucket)
 * @param customDomainNames         CUSTOM_DOMAIN_NAMES: alternate names of the image distribution
 * @param certificateArn            CERTIFICATE_ARN: an ACM certificate in us-east-1 covering those names
 * @param priceClass                PRICE_CLASS: PriceClass_100, PriceClass_200 or PriceClass_All
 * @param contract                  MAX_DIMENSION, ALLOWED_WIDTHS, DEFAULT_FORMAT, SIGNING: the edge function's CONFIG line
 * @param account                   ACCOUNT (or the CLI's CDK_DEFAULT_ACCOUNT): null leaves the account to deploy time
 * @param region                    REGION (or the CLI's CDK_DEFAULT_REGION with credentials): a row of the region table
 */
public record Parameters(
    String stageName,
    boolean storeTransformedImages,
    String originalsBucketName,
    int transformedExpirationDays,
    String transformedCacheControl,
    String originShieldRegion,
    boolean corsEnabled,
    int lambdaMemory,
    int lambdaTimeout,
    String lambdaArchitecture,
    int maxImageSize,
    boolean deploySampleWebsite,
    boolean wafEnabled,
    int wafRateLimit,
    boolean wafRateLimitQueryOnly,
    boolean loggingEnabled,
    int logRetentionDays,
    List<String> customDomainNames,
    String certificateArn,
    String priceClass,
    ContractSettings contract,
    String account,
    String region) {

    public static final String STAGE_NAME = "STAGE_NAME";
    public static final String STORE_TRANSFORMED_IMAGES = "STORE_TRANSFORMED_IMAGES";
    public static final String S3_IMAGE_BUCKET_NAME = "S3_IMAGE_BUCKET_NAME";
    public static final String S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION = "S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION";
    public static final String S3_TRANSFORMED_IMAGE_CACHE_TTL = "S3_TRANSFORMED_IMAGE_CACHE_TTL";
    public static final String CLOUDFRONT_ORIGIN_SHIELD_REGION = "CLOUDFRONT_ORIGIN_SHIELD_REGION";
    public static final String CLOUDFRONT_CORS_ENABLED = "CLOUDFRONT_CORS_ENABLED";
    public static final String LAMBDA_MEMORY = "LAMBDA_MEMORY";
    public static final String LAMBDA_TIMEOUT = "LAMBDA_TIMEOUT";
    public static final String LAMBDA_ARCHITECTURE = "LAMBDA_ARCHITECTURE";
    public static final String MAX_IMAGE_SIZE = "MAX_IMAGE_SIZE";
    public static final String DEPLOY_SAMPLE_WEBSITE = "DEPLOY_SAMPLE_WEBSITE";
    public static final String WAF_ENABLED = "WAF_ENABLED";
    public static final String WAF_RATE_LIMIT = "WAF_RATE_LIMIT";
    public static final String WAF_RATE_LIMIT_QUERY_ONLY = "WAF_RATE_LIMIT_QUERY_ONLY";
    public static final String LOGGING_ENABLED = "LOGGING_ENABLED";
    public static final String LOG_RETENTION_DAYS = "LOG_RETENTION_DAYS";
    public static final String CUSTOM_DOMAIN_NAMES = "CUSTOM_DOMAIN_NAMES";
    public static final String CERTIFICATE_ARN = "CERTIFICATE_ARN";
    public static final String PRICE_CLASS = "PRICE_CLASS";
    public static final String ACCOUNT = "ACCOUNT";
    public static final String REGION = "REGION";

    /**
     * The benchmarks' LAMBDA_MEMORY advisor's pick for the sample mix
     * (benchmarks/results/recommended-memory.json, written by ./imageopt advise --recommend),
     * instead of the AWS sample's 1500 MB.
     */
    public static final int DEFAULT_LAMBDA_MEMORY = RecommendedMemory.read();
    /** A function URL answers at most 6 MB, base64 included: about 4.7 MB of image. */
    public static final int MAX_IMAGE_SIZE_LIMIT = 4_700_000;
    /** CloudFront's origin response timeout without a quota increase. */
    public static final int ORIGIN_READ_TIMEOUT_LIMIT = 60;
    /** The retention periods CloudWatch Logs accepts. */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
        731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    // S3's naming rules: 3..63 of a-z 0-9 . -, alphanumeric at both ends, no "..", not an IP address.
    private static final Pattern BUCKET = Pattern.compile("(?!\\d+\\.\\d+\\.\\d+\\.\\d+$)(?!.*\\.\\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e]{1,256}");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,62}[a-z0-9]");
    private static final Pattern CERTIFICATE = Pattern.compile("arn:([a-z-]+):acm:([a-z0-9-]+):[0-9]{12}:certificate/[0-9a-f-]{36}");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,4}(-[a-z]{2,4})?-[a-z]+-[0-9]{1,2}");

    public Parameters {
        customDomainNames = List.copyOf(customDomainNames);
    }

    /**
     * Reads the parameters from the app's context; `environment` supplies what the CDK CLI puts
     * there (CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION from the caller's credentials and profile).
     */
    public static Parameters read(Map<String, ?> context, Map<String, String> environment) {
        ContextReader in = new ContextReader(context);
        String stage = in.string(STAGE_NAME, "dev");
        if (stage.length() > 20 || !STAGE.matcher(stage).matches()) {
            throw new InvalidParameterException(STAGE_NAME, "must be 1 to 20 lower-case letters, digits and single hyphens, starting with a letter"
                + " (dev, staging, prod), got \"" + stage + "\"");
        }
        boolean store = in.bool(STORE_TRANSFORMED_IMAGES, true);
        String bucket = in.string(S3_IMAGE_BUCKET_NAME);
        if (bucket != null && !BUCKET.matcher(bucket).matches()) {
            throw new InvalidParameterException(S3_IMAGE_BUCKET_NAME, "is not a valid S3 bucket name: \"" + bucket + "\"");
        }
        int expiration = in.integer(S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION, 90, 1, 36500, "days");
        String cacheControl = in.string(S3_TRANSFORMED_IMAGE_CACHE_TTL, "max-age=31622400");
        if (!HEADER_VALUE.matcher(cacheControl).matches()) {
            throw new InvalidParameterException(S3_TRANSFORMED_IMAGE_CACHE_TTL, "must be a Cache-Control header value of printable ASCII,"
                + " at most 256 characters (e.g. max-age=31622400)");
        }
        String shield = in.string(CLOUDFRONT_ORIGIN_SHIELD_REGION);
        if (shield != null && !shield.equals("none") && !Regions.SHIELD_REGIONS.contains(shield)) {
            throw new InvalidParameterException(CLOUDFRONT_ORIGIN_SHIELD_REGION, "must be none or a region offering Origin Shield ("
                + String.join(", ", Regions.SHIELD_REGIONS) + "), got \"" + shield + "\"");
        }
        boolean cors = in.bool(CLOUDFRONT_CORS_ENABLED, true);
        int memory = in.integer(LAMBDA_MEMORY, DEFAULT_LAMBDA_MEMORY, 128, 10240, "MB");
        int timeout = in.integer(LAMBDA_TIMEOUT, 60, 1, 900, "seconds");
        String architecture = in.oneOf(LAMBDA_ARCHITECTURE, "x86_64", "x86_64", "arm64");
        int maxImageSize = in.integer(MAX_IMAGE_SIZE, MAX_IMAGE_SIZE_LIMIT, 1, MAX_IMAGE_SIZE_LIMIT,
            "bytes (a function URL answers at most 6 MB after base64)");
        boolean website = in.bool(DEPLOY_SAMPLE_WEBSITE, false);
        boolean waf = in.bool(WAF_ENABLED, true);
        int rateLimit = in.integer(WAF_RATE_LIMIT, 2000, 10, 2_000_000_000, "requests per IP per 5 minutes");
        boolean queryOnly = in.bool(WAF_RATE_LIMIT_QUERY_ONLY, false);
        boolean logging = in.bool(LOGGING_ENABLED, true);
        int retention = in.integer(LOG_RETENTION_DAYS, 30, 1, 3653, "days");
        if (!RETENTION_DAYS.contains(retention)) {
            throw new InvalidParameterException(LOG_RETENTION_DAYS, "must be one of the periods CloudWatch Logs accepts ("
                + RETENTION_DAYS.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElseThrow() + "), got " + retention);
        }
        List<String> domains = in.list(CUSTOM_DOMAIN_NAMES).stream().map(String::toLowerCase).toList();
        for (String domain : domains) {
            if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
                throw new InvalidParameterException(CUSTOM_DOMAIN_NAMES, "\"" + domain + "\" is not a DNS name");
            }
        }
        if (domains.size() > 100) throw new InvalidParameterException(CUSTOM_DOMAIN_NAMES, "lists more than 100 names");
        if (domains.stream().distinct().count() != domains.size()) {
            throw new InvalidParameterException(CUSTOM_DOMAIN_NAMES, "lists a name twice");
        }
        String certificate = in.string(CERTIFICATE_ARN);
        String priceClass = in.oneOf(PRICE_CLASS, "PriceClass_All", "PriceClass_100", "PriceClass_200", "PriceClass_All");
        ContractSettings contract = ContractSettings.read(in);
        String account = in.string(ACCOUNT, environment.get("CDK_DEFAULT_ACCOUNT"));
        if (account != null && !ACCOUNT_ID.matcher(account).matches()) {
            throw new InvalidParameterException(ACCOUNT, "must be a 12-digit AWS account id, got \"" + account + "\"");
        }
        String region = in.string(REGION);
        // The CLI's region only with its credentials: without them it hands every app us-east-1,
        // whatever the user means to deploy to.
        if (region == null && environment.get("CDK_DEFAULT_ACCOUNT") != null) region = environment.get("CDK_DEFAULT_REGION");
        in.refuseUnknown();
        if (region == null) {
            throw new InvalidParameterException(REGION, "is needed: what the stack holds depends on its region (the web ACL's"
                + " us-east-1 stack, Origin Shield, SnapStart, function URLs). Pass -c REGION=<region>, or run with credentials"
                + " whose profile names a region; without credentials the CDK CLI hands every app us-east-1, so it is not taken."
                + " Regions: " + String.join(", ", Regions.OFFERED.keySet()));
        }
        if (!REGION_NAME.matcher(region).matches()) {
            throw new InvalidParameterException(REGION, "must be an AWS region such as eu-west-1, got \"" + region + "\"");
        }
        Regions.require(region);
        checkCertificate(certificate, domains);
        return new Parameters(stage, store, bucket, expiration, cacheControl, shield, cors, memory, timeout, architecture,
            maxImageSize, website, waf, rateLimit, queryOnly, logging, retention, domains, certificate, priceClass, contract,
            account, region);
    }

    // CloudFront takes certificates from us-east-1 only, whatever the stack's region.
    private static void checkCertificate(String certificate, List<String> domains) {
        if (certificate == null) {
            if (!domains.isEmpty()) {
                throw new InvalidParameterException(CERTIFICATE_ARN, "is needed with CUSTOM_DOMAIN_NAMES: an ACM certificate in us-east-1 covering "
                    + String.join(", ", domains));
            }
            return;
        }
        Matcher arn = CERTIFICATE.matcher(certificate);
        if (!arn.matches()) {
            throw new InvalidParameterException(CERTIFICATE_ARN, "must be an ACM certificate ARN"
                + " (arn:" + Regions.PARTITION + ":acm:us-east-1:<account>:certificate/<id>), got \"" + certificate + "\"");
        }
        if (!arn.group(1).equals(Regions.PARTITION)) {
            throw new InvalidParameterException(CERTIFICATE_ARN, "must be in the stack's partition, " + Regions.PARTITION
                + "; this one is in " + arn.group(1));
        }
        if (!arn.group(2).equals("us-east-1")) {
            throw new InvalidParameterException(CERTIFICATE_ARN, "must be in us-east-1, where CloudFront reads certificates; this one is in "
                + arn.group(2));
        }
        if (domains.isEmpty()) {
            throw new InvalidParameterException(CUSTOM_DOMAIN_NAMES, "is needed with CERTIFICATE_ARN: the names the certificate serves");
        }
    }

    /** The region's row of the region table: its Origin Shield region, whether SnapStart runs there. */
    public Regions.Region regionRow() {
        return Regions.require(region);
    }

    public boolean importsOriginals() {
        return originalsBucketName != null;
    }

    /** CloudFront's origin read timeout: the function's timeout, at most what CloudFront allows. */
    public int originReadTimeout() {
        return Math.min(lambdaTimeout, ORIGIN_READ_TIMEOUT_LIMIT);
    }
}
