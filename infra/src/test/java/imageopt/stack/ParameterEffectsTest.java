package imageopt.stack;

import imageopt.parameters.ContractSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each parameter changes in the template (the topology changes are in TopologyTest). */
class ParameterEffectsTest {

    private static final Synth.Result TUNED = Variants.TUNED.synth();
    private static final Template T = TUNED.template();

    @Test
    void stageNameNamesTheStacksAndSoEveryGeneratedName() {
        assertEquals(List.of("imageopt-prod"), TUNED.stackNames());
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("Comment", "imageopt prod: image delivery")));
        T.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("VisibilityConfig", Map.of("MetricName", "imageopt-prod-web-acl")));
        assertEquals(List.of("imageopt-staging", "imageopt-staging-waf"), Variants.EVERYTHING_EU.synth().stackNames());
    }

    @Test
    void lambdaMemoryAndTimeout() {
        T.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java25", "MemorySize", 3008, "Timeout", 30));
    }

    @Test
    void theOriginReadTimeoutFollowsLambdaTimeout() {
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("Origins",
            Match.arrayWith(List.of(Match.objectLike(Map.of("CustomOriginConfig", Map.of("OriginReadTimeout", 30))))))));
        assertTrue(TUNED.warnings().isEmpty(), TUNED.warnings().toString());
    }

    @Test
    void aTimeoutOver60sIsCappedForCloudFrontWithAWarning() {
        Synth.Result synth = Variants.LONG_TIMEOUT.synth();
        synth.template().hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java25", "Timeout", 120));
        synth.template().hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("Origins",
            Match.arrayWith(List.of(Match.objectLike(Map.of("CustomOriginConfig", Map.of("OriginReadTimeout", 60))))))));
        assertEquals(1, synth.warnings().size(), synth.warnings().toString());
        assertTrue(synth.warnings().getFirst().startsWith("LAMBDA_TIMEOUT is 120 s but CloudFront waits at most 60 s"),
            synth.warnings().getFirst());
    }

    @Test
    void transformedImageExpiration() {
        T.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules",
            List.of(Match.objectLike(Map.of("ExpirationInDays", 7, "AbortIncompleteMultipartUpload", Match.anyValue()))))));
    }

    @Test
    void cacheTtlAndMaxImageSizeReachTheOrigin() {
        Map<String, Object> variables = environment(TUNED);
        assertEquals("public, max-age=86400", variables.get("S3_TRANSFORMED_IMAGE_CACHE_TTL"));
        assertEquals("1000000", variables.get("MAX_IMAGE_SIZE"));
    }

    @Test
    void corsOffKeepsVaryAndSecurityHeaders() {
        T.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of("ResponseHeadersPolicyConfig", Map.of(
            "CorsConfig", Match.absent(),
            "CustomHeadersConfig", Map.of("Items", List.of(Map.of("Header", "vary", "Value", "accept", "Override", true))),
            "SecurityHeadersConfig", Match.objectLike(Map.of("ContentTypeOptions", Map.of("Override", true))))));
    }

    @Test
    void anExplicitOriginShieldRegionIsUsedForBothOrigins() {
        Map<String, Object> shield = Map.of("Enabled", true, "OriginShieldRegion", "eu-central-1");
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "Origins", List.of(Match.objectLike(Map.of("OriginShield", shield)), Match.objectLike(Map.of("OriginShield", shield))))));
        assertTrue(TUNED.json().get("Mappings") == null, "no region table when the region is chosen");
    }

    @Test
    void originShieldNoneTurnsItOff() {
        Synth.Result synth = Variants.NO_ORIGIN_SHIELD.synth();
        synth.template().hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "Origins", List.of(Match.objectLike(Map.of("OriginShield", Match.absent())),
                Match.objectLike(Map.of("OriginShield", Match.absent()))))));
    }

    @Test
    void wafRateLimitAndItsQueryStringScope() {
        T.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
            "Name", "RateLimitPerIp",
            "Statement", Map.of("RateBasedStatement", Map.of("Limit", 500, "AggregateKeyType", "IP",
                "ScopeDownStatement", Map.of("SizeConstraintStatement", Map.of(
                    "FieldToMatch", Map.of("QueryString", Map.of()), "ComparisonOperator", "GT", "Size", 0,
                    "TextTransformations", List.of(Map.of("Priority", 0, "Type", "NONE"))))))))))));
    }

    @Test
    void logRetentionForFunctionLogsAndAccessLogs() {
        T.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
        T.hasResourceProperties("AWS::S3::Bucket", Map.of("OwnershipControls", Match.anyValue(),
            "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("ExpirationInDays", 7, "Status", "Enabled")))));
    }

    @Test
    void priceClass() {
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("PriceClass", "PriceClass_100")));
    }

    @Test
    void contractSettingsFillTheConfigLine() {
        String code = EdgeFunctionCode.render(new ContractSettings(2048, List.of(320, 640, 1280), "auto", false));
        assertTrue(code.contains("\nconst CONFIG = {\"MAX_DIMENSION\":2048,\"ALLOWED_WIDTHS\":[320,640,1280],\"DEFAULT_FORMAT\":\"auto\",\"SIGNING\":false};\n"));
        T.hasResourceProperties("AWS::CloudFront::Function", Map.of("FunctionCode", code,
            "FunctionConfig", Map.of("Runtime", "cloudfront-js-2.0", "KeyValueStoreAssociations", Match.absent())));
    }

    @Test
    void signingAddsAnEmptyKeyValueStoreToTheFunction() throws IOException {
        Synth.Result synth = Variants.SIGNING.synth();
        Template t = synth.template();
        t.resourceCountIs("AWS::CloudFront::KeyValueStore", 1);
        // Created empty: no ImportSource, so no key ever passes through the template or an asset.
        t.hasResourceProperties("AWS::CloudFront::KeyValueStore", Map.of("ImportSource", Match.absent(),
            "Comment", Match.stringLikeRegexp(".*URL signing keys.*")));
        t.hasResourceProperties("AWS::CloudFront::Function", Map.of(
            "FunctionCode", EdgeFunctionCode.render(new ContractSettings(4096, List.of(), null, true)),
            "FunctionConfig", Map.of("Runtime", "cloudfront-js-2.0", "KeyValueStoreAssociations", List.of(Map.of(
                "KeyValueStoreARN", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("EdgeSigningKeys.*"), "Arn")))))));
        t.hasOutput("SigningKeyValueStoreArn", Map.of("Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("EdgeSigningKeys.*"), "Arn"))));
        // nothing in the whole cloud assembly imports data into the store
        try (var files = Files.walk(synth.outdir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                assertFalse(Files.readString(file).contains("ImportSource"), file.toString());
            }
        }
    }

    @Test
    void theSampleWebsiteHasItsOwnPrivateBucketAndDistribution() {
        Synth.Result synth = Variants.SAMPLE_WEBSITE.synth();
        Template t = synth.template();
        t.resourceCountIs("AWS::CloudFront::Distribution", 2);
        t.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "Comment", "imageopt dev: sample website",
            "DefaultRootObject", "index.html",
            "DefaultCacheBehavior", Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https")),
            "WebACLId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WafWebAcl.*"), "Arn")),
            "Logging", Map.of("Bucket", Match.anyValue(), "Prefix", "cloudfront/website/"))));
        t.resourceCountIs("AWS::S3::Bucket", 4);
        Map<String, Object> page = synth.all("Custom::CDKBucketDeployment").stream()
            .filter(deployment -> deployment.get("DestinationBucketName").toString().contains("SampleWebsiteBucket"))
            .findFirst().orElseThrow();
        // The image domain is only known at deploy: Source.data leaves a marker that the deployment
        // replaces with the distribution's domain name.
        assertTrue(page.get("SourceMarkers").toString().matches(".*DeliveryDistribution\\w*, DomainName.*"), page.toString());
        t.hasOutput("SampleWebsiteDomain", Map.of("Value", Match.anyValue()));
        t.hasOutput("SampleWebsiteS3Bucket", Map.of("Value", Match.anyValue()));
    }

    @Test
    void theSamplePageShowsEachSampleInSeveralFormatsAndWidths() {
        String page = SampleWebsite.page("d111111abcdef8.cloudfront.net");
        for (String image : Artifacts.sampleImages()) {
            assertTrue(page.contains("https://d111111abcdef8.cloudfront.net/images/" + image + "?format=auto&amp;width=400"), image);
            assertTrue(page.contains("https://d111111abcdef8.cloudfront.net/images/" + image + "?format=avif&amp;width=200"), image);
        }
    }

    @Test
    void loggingOffDropsTheLogsBucketAndEveryLogDestination() {
        Synth.Result synth = Variants.LOGGING_OFF.synth();
        Template t = synth.template();
        t.resourceCountIs("AWS::S3::Bucket", 2);
        t.allResourcesProperties("AWS::S3::Bucket", Map.of("LoggingConfiguration", Match.absent()));
        t.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("Logging", Match.absent())));
        assertTrue(t.findOutputs("LogsS3Bucket").isEmpty());
        // the function's own logs stay, with their retention
        t.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Synth.Result synth) {
        Map<String, Object> function = synth.all("AWS::Lambda::Function").stream()
            .filter(candidate -> "java25".equals(candidate.get("Runtime"))).findFirst().orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    }
}
