package imageopt.parameters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParametersTest {

    /** Read without credentials: the region comes from the context, us-east-1 unless it says otherwise. */
    private static Parameters read(Map<String, ?> context) {
        Map<String, Object> withRegion = new HashMap<>(context);
        withRegion.putIfAbsent("REGION", "us-east-1");
        return Parameters.read(withRegion, Map.of());
    }

    @Test
    void defaultsAreTheAwsSamplesWhereItHasThem() {
        Parameters p = read(Map.of());
        assertAll(
            () -> assertTrue(p.storeTransformedImages()),
            () -> assertNull(p.originalsBucketName()),
            () -> assertEquals(90, p.transformedExpirationDays()),
            () -> assertEquals("max-age=31622400", p.transformedCacheControl()),
            () -> assertNull(p.originShieldRegion(), "from the region table"),
            () -> assertTrue(p.corsEnabled()),
            () -> assertEquals(1769, p.lambdaMemory()),
            () -> assertEquals(60, p.lambdaTimeout()),
            () -> assertEquals(4_700_000, p.maxImageSize()),
            () -> assertFalse(p.deploySampleWebsite()),
            // ours
            () -> assertEquals("dev", p.stageName()),
            () -> assertEquals("x86_64", p.lambdaArchitecture()),
            () -> assertTrue(p.wafEnabled()),
            () -> assertEquals(2000, p.wafRateLimit()),
            () -> assertFalse(p.wafRateLimitQueryOnly()),
            () -> assertTrue(p.loggingEnabled()),
            () -> assertEquals(30, p.logRetentionDays()),
            () -> assertEquals(List.of(), p.customDomainNames()),
            () -> assertNull(p.certificateArn()),
            () -> assertEquals("PriceClass_All", p.priceClass()),
            () -> assertEquals(ContractSettings.defaults(), p.contract()),
            () -> assertNull(p.account()),
            () -> assertEquals("us-east-1", p.region()));
    }

    @Test
    void readsEveryParameter() {
        Parameters p = read(Map.ofEntries(
            Map.entry("STAGE_NAME", "prod"),
            Map.entry("STORE_TRANSFORMED_IMAGES", "false"),
            Map.entry("S3_IMAGE_BUCKET_NAME", "my-images.example"),
            Map.entry("S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION", "30"),
            Map.entry("S3_TRANSFORMED_IMAGE_CACHE_TTL", "public, max-age=86400"),
            Map.entry("CLOUDFRONT_ORIGIN_SHIELD_REGION", "eu-central-1"),
            Map.entry("CLOUDFRONT_CORS_ENABLED", "false"),
            Map.entry("LAMBDA_MEMORY", "3008"),
            Map.entry("LAMBDA_TIMEOUT", "30"),
            Map.entry("LAMBDA_ARCHITECTURE", "arm64"),
            Map.entry("MAX_IMAGE_SIZE", "1000000"),
            Map.entry("DEPLOY_SAMPLE_WEBSITE", "true"),
            Map.entry("WAF_ENABLED", "false"),
            Map.entry("WAF_RATE_LIMIT", "500"),
            Map.entry("WAF_RATE_LIMIT_QUERY_ONLY", "true"),
            Map.entry("LOGGING_ENABLED", "false"),
            Map.entry("LOG_RETENTION_DAYS", "365"),
            Map.entry("CUSTOM_DOMAIN_NAMES", "img.example.com, Images.Example.com"),
            Map.entry("CERTIFICATE_ARN", "arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012"),
            Map.entry("PRICE_CLASS", "PriceClass_100"),
            Map.entry("MAX_DIMENSION", "2048"),
            Map.entry("ALLOWED_WIDTHS", "320,640,1280"),
            Map.entry("DEFAULT_FORMAT", "auto"),
            Map.entry("SIGNING", "true"),
            Map.entry("ACCOUNT", "111111111111"),
            Map.entry("REGION", "eu-west-1")));
        assertAll(
            () -> assertEquals("prod", p.stageName()),
            () -> assertFalse(p.storeTransformedImages()),
            () -> assertEquals("my-images.example", p.originalsBucketName()),
            () -> assertTrue(p.importsOriginals()),
            () -> assertEquals(30, p.transformedExpirationDays()),
            () -> assertEquals("public, max-age=86400", p.transformedCacheControl()),
            () -> assertEquals("eu-central-1", p.originShieldRegion()),
            () -> assertFalse(p.corsEnabled()),
            () -> assertEquals(3008, p.lambdaMemory()),
            () -> assertEquals(30, p.lambdaTimeout()),
            () -> assertEquals("arm64", p.lambdaArchitecture()),
            () -> assertEquals(1_000_000, p.maxImageSize()),
            () -> assertTrue(p.deploySampleWebsite()),
            () -> assertFalse(p.wafEnabled()),
            () -> assertEquals(500, p.wafRateLimit()),
            () -> assertTrue(p.wafRateLimitQueryOnly()),
            () -> assertFalse(p.loggingEnabled()),
            () -> assertEquals(365, p.logRetentionDays()),
            () -> assertEquals(List.of("img.example.com", "images.example.com"), p.customDomainNames()),
            () -> assertEquals("PriceClass_100", p.priceClass()),
            () -> assertEquals(new ContractSettings(2048, List.of(320, 640, 1280), "auto", true), p.contract()),
            () -> assertEquals("111111111111", p.account()),
            () -> assertEquals("eu-west-1", p.region()));
    }

    @Test
    void cdkJsonMayHoldBooleansNumbersAndLists() {
        Parameters p = read(Map.of("STORE_TRANSFORMED_IMAGES", false, "LAMBDA_MEMORY", 2048,
            "ALLOWED_WIDTHS", List.of(320, 640), "CUSTOM_DOMAIN_NAMES", List.of("img.example.com"),
            "CERTIFICATE_ARN", "arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012"));
        assertFalse(p.storeTransformedImages());
        assertEquals(2048, p.lambdaMemory());
        assertEquals(List.of(320, 640), p.contract().allowedWidths());
        assertEquals(List.of("img.example.com"), p.customDomainNames());
    }

    @Test
    void theCliSuppliesAccountAndRegionUnlessGiven() {
        Map<String, String> cli = Map.of("CDK_DEFAULT_ACCOUNT", "222222222222", "CDK_DEFAULT_REGION", "ap-south-1");
        Parameters fromCli = Parameters.read(Map.of(), cli);
        assertEquals("222222222222", fromCli.account());
        assertEquals("ap-south-1", fromCli.region());
        Parameters given = Parameters.read(Map.of("REGION", "eu-west-2"), cli);
        assertEquals("eu-west-2", given.region());
    }

    @Test
    void withoutCredentialsTheClisRegionIsNotTakenForAChoice() {
        // The CLI hands CDK_DEFAULT_REGION=us-east-1 to every app when it finds no region, and
        // without credentials nothing says it found one: refused, naming what to pass.
        for (Map<String, String> cli : List.of(Map.<String, String>of(), Map.of("CDK_DEFAULT_REGION", "us-east-1"))) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Parameters.read(Map.of(), cli));
            assertEquals("REGION", e.parameter());
            assertTrue(e.getMessage().startsWith("REGION: is needed"), e.getMessage());
            assertTrue(e.getMessage().contains("-c REGION=<region>"), e.getMessage());
            assertTrue(e.getMessage().contains("eu-west-1"), "lists the regions: " + e.getMessage());
        }
        assertEquals("eu-west-1", Parameters.read(Map.of("REGION", "eu-west-1"), Map.of("CDK_DEFAULT_REGION", "us-east-1")).region());
        // an explicit account is not credentials: the CLI's region is still its guess
        assertThrows(InvalidParameterException.class,
            () -> Parameters.read(Map.of("ACCOUNT", "111111111111"), Map.of("CDK_DEFAULT_REGION", "us-east-1")));
    }

    @Test
    void aMisspeltRegionParameterIsNamedBeforeTheMissingRegion() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> Parameters.read(Map.of("REGOIN", "eu-west-1"), Map.of()));
        assertEquals("REGOIN", e.parameter());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ap-south-2|ap-south-2 cannot host this stack: it lacks Lambda function URLs",
        "eu-central-2|eu-central-2 cannot host this stack: it lacks Lambda function URLs",
        "ap-east-2|ap-east-2 cannot host this stack: it lacks Lambda function URLs (CDK's region facts have no AWS::Lambda::Url there, so CDK refuses the template) and Lambda SnapStart",
        "cn-north-1|cn-north-1 is in the aws-cn partition, and this stack deploys to the aws partition only: its web ACL",
        "us-gov-west-1|us-gov-west-1 is in the aws-us-gov partition",
        "eusc-de-east-1|eusc-de-east-1 is in the aws-eusc partition",
        "xx-north-9|\"xx-north-9\" is not a region CDK knows",
    })
    void aRegionThatCannotHostTheStackIsRefusedNamingWhatItLacks(String region, String expected) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> read(Map.of("REGION", region)));
        assertEquals("REGION", e.parameter());
        assertTrue(e.getMessage().startsWith("REGION: " + expected), e.getMessage());
        assertTrue(e.getMessage().endsWith("; the regions it deploys to are " + String.join(", ", Regions.OFFERED.keySet())),
            e.getMessage());
    }

    @Test
    void anEmptyValueMeansTheDefault() {
        assertEquals(1769, read(Map.of("LAMBDA_MEMORY", "")).lambdaMemory());
        assertNull(read(Map.of("DEFAULT_FORMAT", "")).contract().defaultFormat());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "STAGE_NAME|Prod|lower-case",
        "STAGE_NAME|dev_1|lower-case",
        "STAGE_NAME|a-very-long-stage-name-x|lower-case",
        "STORE_TRANSFORMED_IMAGES|yes|true or false",
        "S3_IMAGE_BUCKET_NAME|My_Bucket|not a valid S3 bucket name",
        "S3_IMAGE_BUCKET_NAME|192.168.1.1|not a valid S3 bucket name",
        "S3_IMAGE_BUCKET_NAME|a..b|not a valid S3 bucket name",
        "S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION|0|from 1 to 36500 days",
        "S3_TRANSFORMED_IMAGE_EXPIRATION_DURATION|1.5|whole number",
        "CLOUDFRONT_ORIGIN_SHIELD_REGION|eu-west-3|region offering Origin Shield",
        "CLOUDFRONT_CORS_ENABLED|1|true or false",
        "LAMBDA_MEMORY|64|from 128 to 10240 MB",
        "LAMBDA_MEMORY|2GB|whole number",
        "LAMBDA_MEMORY|1e3|whole number",
        "LAMBDA_TIMEOUT|901|from 1 to 900 seconds",
        "LAMBDA_ARCHITECTURE|arm|x86_64, arm64",
        "MAX_IMAGE_SIZE|6000000|6 MB",
        "DEPLOY_SAMPLE_WEBSITE|on|true or false",
        "WAF_ENABLED|off|true or false",
        "WAF_RATE_LIMIT|5|from 10",
        "WAF_RATE_LIMIT_QUERY_ONLY|maybe|true or false",
        "LOGGING_ENABLED|no|true or false",
        "LOG_RETENTION_DAYS|31|periods CloudWatch Logs accepts",
        "LOG_RETENTION_DAYS|0|from 1 to 3653 days",
        "CUSTOM_DOMAIN_NAMES|not a domain|not a DNS name",
        "PRICE_CLASS|100|PriceClass_100, PriceClass_200, PriceClass_All",
        "MAX_DIMENSION|16384|from 1 to 16383",
        "MAX_DIMENSION|0|from 1 to 16383",
        "ALLOWED_WIDTHS|320,,640|empty entry",
        "ALLOWED_WIDTHS|320,abc|whole numbers",
        "ALLOWED_WIDTHS|5000|from 1 to MAX_DIMENSION (4096)",
        "ALLOWED_WIDTHS|320,320|twice",
        "DEFAULT_FORMAT|webp|auto or left out",
        "SIGNING|1|true or false",
        "ACCOUNT|1234|12-digit",
        "REGION|Europe|AWS region",
    })
    void aBadValueIsRefusedWithAMessageNamingIt(String name, String value, String expected) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> read(Map.of(name, value)));
        assertEquals(name, e.parameter());
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void aDomainNeedsACertificateAndACertificateADomain() {
        InvalidParameterException noCertificate = assertThrows(InvalidParameterException.class,
            () -> read(Map.of("CUSTOM_DOMAIN_NAMES", "img.example.com")));
        assertEquals("CERTIFICATE_ARN", noCertificate.parameter());
        InvalidParameterException noDomain = assertThrows(InvalidParameterException.class,
            () -> read(Map.of("CERTIFICATE_ARN", "arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012")));
        assertEquals("CUSTOM_DOMAIN_NAMES", noDomain.parameter());
    }

    @Test
    void theCertificateMustBeInUsEast1() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> read(Map.of(
            "CUSTOM_DOMAIN_NAMES", "img.example.com",
            "CERTIFICATE_ARN", "arn:aws:acm:eu-west-1:111111111111:certificate/12345678-1234-1234-1234-123456789012")));
        assertEquals("CERTIFICATE_ARN: must be in us-east-1, where CloudFront reads certificates; this one is in eu-west-1",
            e.getMessage());
        InvalidParameterException otherPartition = assertThrows(InvalidParameterException.class, () -> read(Map.of(
            "CUSTOM_DOMAIN_NAMES", "img.example.com",
            "CERTIFICATE_ARN", "arn:aws-cn:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012")));
        assertEquals("CERTIFICATE_ARN: must be in the stack's partition, aws; this one is in aws-cn", otherPartition.getMessage());
        InvalidParameterException notAnArn = assertThrows(InvalidParameterException.class, () -> read(Map.of(
            "CUSTOM_DOMAIN_NAMES", "img.example.com", "CERTIFICATE_ARN", "arn:aws:iam::111111111111:role/x")));
        assertTrue(notAnArn.getMessage().startsWith("CERTIFICATE_ARN: must be an ACM certificate ARN"), notAnArn.getMessage());
    }

    @Test
    void aWildcardDomainIsAName() {
        Parameters p = read(Map.of("CUSTOM_DOMAIN_NAMES", "*.img.example.com",
            "CERTIFICATE_ARN", "arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012"));
        assertEquals(List.of("*.img.example.com"), p.customDomainNames());
    }

    @Test
    void aMisspeltParameterIsRefusedNotIgnored() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> read(Map.of("LAMBDA_MEMROY", "2048", "WAF_ENABLE", "false")));
        assertEquals("LAMBDA_MEMROY", e.parameter());
        assertTrue(e.getMessage().startsWith("LAMBDA_MEMROY: is not a parameter of this stack (nor are WAF_ENABLE); the parameters are "),
            e.getMessage());
        assertTrue(e.getMessage().contains("LAMBDA_MEMORY"), e.getMessage());
    }

    @Test
    void signingKeysCannotBePassedAsParameters() {
        // Keys go into the KeyValueStore after deploy; a context value would land in cdk.context.json
        // or shell history, and in nothing CDK deploys.
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> read(Map.of("SIGNING", "true", "SIGNING_KEYS", "k1:secret")));
        assertEquals("SIGNING_KEYS", e.parameter());
    }

    @Test
    void cdksOwnContextIsNotAParameter() {
        Parameters p = read(Map.of("@aws-cdk/core:enablePartitionLiterals", true, "aws:cdk:enable-path-metadata", true));
        assertEquals("dev", p.stageName());
    }

    @Test
    void theOriginWaitsForTheFunctionUpToCloudFrontsLimit() {
        assertEquals(30, read(Map.of("LAMBDA_TIMEOUT", "30")).originReadTimeout());
        assertEquals(60, read(Map.of("LAMBDA_TIMEOUT", "60")).originReadTimeout());
        assertEquals(60, read(Map.of("LAMBDA_TIMEOUT", "300")).originReadTimeout());
    }
}
