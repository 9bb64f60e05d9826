package imageopt.stack;

import imageopt.parameters.ContractSettings;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every resource of `cdk synth -c REGION=us-east-1`: no other parameter, no credentials. */
class DefaultDeploymentTest {

    private static final Synth.Result SYNTH = Variants.DEFAULTS.synth();
    private static final Template T = SYNTH.template();

    private static Object ref(String logicalIdPrefix) {
        return Map.of("Ref", Match.stringLikeRegexp(logicalIdPrefix + ".*"));
    }

    @Test
    void oneStackInTheGivenRegionNamedForTheStage() {
        assertEquals(List.of("imageopt-dev"), SYNTH.stackNames());
        assertEquals("unknown-account", SYNTH.artifact("imageopt-dev").getEnvironment().getAccount());
        assertEquals(Synth.DEFAULT_REGION, SYNTH.artifact("imageopt-dev").getEnvironment().getRegion());
    }

    @Test
    void nothingIsLeftToDecideAtDeployTime() {
        // The region is known at synth: no mapping, condition or rule of ours stands in for it
        // (CDK's own rule checks the bootstrap version).
        for (String section : List.of("Mappings", "Conditions")) {
            assertFalse(SYNTH.json().containsKey(section), section + ": " + SYNTH.json().get(section));
        }
        assertEquals(List.of("CheckBootstrapVersion"), List.copyOf(((Map<?, ?>) SYNTH.json().get("Rules")).keySet()));
    }

    @Test
    void threeBucketsAllPrivateEncryptedAndTlsOnly() {
        T.resourceCountIs("AWS::S3::Bucket", 3);
        T.allResourcesProperties("AWS::S3::Bucket", Map.of(
            "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
            "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))));
        T.resourceCountIs("AWS::S3::BucketPolicy", 3);
        T.allResourcesProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
            Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*", "Principal", Map.of("AWS", "*"),
                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void originalsAreKeptAndSeededWithTheSamplesWithoutPruning() {
        T.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
            "LoggingConfiguration", Map.of("LogFilePrefix", "s3/originals/"))));
        T.hasResourceProperties("Custom::CDKBucketDeployment", Map.of(
            "DestinationBucketName", ref("BucketsOriginals"),
            "DestinationBucketKeyPrefix", "images/",
            "Prune", false));
    }

    @Test
    void transformedVariantsExpireAndGoWithTheStack() {
        T.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Delete", "Properties", Map.of(
            "LifecycleConfiguration", Map.of("Rules", List.of(Map.of(
                "ExpirationInDays", 90, "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1), "Status", "Enabled"))),
            "LoggingConfiguration", Map.of("LogFilePrefix", "s3/transformed/"))));
        T.resourceCountIs("Custom::S3AutoDeleteObjects", 1);
    }

    @Test
    void logsBucketKeepsAclsForCloudFrontOwnsTheLogsAndExpiresThem() {
        // BucketOwnerPreferred: ACLs on, as CloudFront's standard logs need, and the bucket owner
        // owns what they deliver (AWS's recommendation for these logs; it was ObjectWriter)
        T.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
            "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerPreferred"))),
            "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("ExpirationInDays", 30, "Status", "Enabled"))))));
    }

    @Test
    void theOriginFunction() {
        T.hasResourceProperties("AWS::Lambda::Function", Map.of(
            "Runtime", "java25",
            "Handler", Artifacts.LAMBDA_HANDLER,
            "Architectures", List.of("x86_64"),
            "MemorySize", 1769,
            "Timeout", 60,
            "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
            "Layers", List.of(ref("OriginLibvips")),
            "LoggingConfig", Map.of("LogGroup", ref("OriginLogs"))));
        T.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
        T.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of(
            "CompatibleRuntimes", List.of("java25"), "CompatibleArchitectures", List.of("x86_64")));
    }

    @Test
    void theEnvironmentIsWhatTheOriginReads() {
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) originFunction().get("Environment")).get("Variables");
        assertEquals(List.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX", "MAX_DIMENSION", "MAX_IMAGE_SIZE", "S3_IMAGE_BUCKET_NAME",
            "S3_TRANSFORMED_IMAGE_BUCKET_NAME", "S3_TRANSFORMED_IMAGE_CACHE_TTL", "VIPS_WARNING"), variables.keySet().stream().sorted().toList());
        assertEquals("4096", variables.get("MAX_DIMENSION"));
        assertEquals("1", variables.get("VIPS_WARNING"));
        assertEquals("--enable-native-access=ALL-UNNAMED", variables.get("JAVA_TOOL_OPTIONS"));
        assertEquals("2", variables.get("MALLOC_ARENA_MAX"));
        assertEquals("4700000", variables.get("MAX_IMAGE_SIZE"));
        assertEquals("max-age=31622400", variables.get("S3_TRANSFORMED_IMAGE_CACHE_TTL"));
        assertTrue(String.valueOf(variables.get("S3_IMAGE_BUCKET_NAME")).contains("BucketsOriginals"));
        assertTrue(String.valueOf(variables.get("S3_TRANSFORMED_IMAGE_BUCKET_NAME")).contains("BucketsTransformed"));
    }

    @Test
    void theUrlSitsOnTheAliasOfThePublishedVersion() {
        T.resourceCountIs("AWS::Lambda::Version", 1);
        T.hasResourceProperties("AWS::Lambda::Alias", Map.of(
            "Name", "live", "FunctionVersion", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OriginFunctionCurrentVersion.*"), "Version"))));
        T.resourceCountIs("AWS::Lambda::Url", 1);
        T.hasResource("AWS::Lambda::Url", Map.of("DependsOn", List.of(Match.stringLikeRegexp("OriginAlias.*")),
            "Properties", Map.of("AuthType", "AWS_IAM", "Qualifier", "live",
                "TargetFunctionArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OriginFunction.*"), "Arn")))));
    }

    @Test
    void theRoleReadsAndListsOriginalsAndWritesVariantsOnly() {
        T.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyName", Match.stringLikeRegexp("OriginRole.*"),
            "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", Map.of("Fn::Join", List.of("",
                    List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsOriginals.*"), "Arn")), "/*")))),
                Map.of("Effect", "Allow", "Action", "s3:ListBucket",
                    "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsOriginals.*"), "Arn"))),
                Map.of("Effect", "Allow", "Action", "s3:PutObject", "Resource", Map.of("Fn::Join", List.of("",
                    List.of(Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsTransformed.*"), "Arn")), "/*")))))))));
        // its logs go to its own log group only, not through a managed policy on every log group
        T.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyName", Match.stringLikeRegexp("OriginRole.*"),
            "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Map.of("Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OriginLogs.*"), "Arn"))))))));
        T.hasResourceProperties("AWS::IAM::Role", Map.of("Description", Match.stringLikeRegexp("imageopt origin.*"),
            "ManagedPolicyArns", Match.absent()));
    }

    @Test
    void cloudFrontMayInvokeTheAliasBothWaysForThisDistributionOnly() {
        // the stack's partition, which CDK writes out once the region is known
        Map<String, Object> distributionArn = Map.of("Fn::Join", List.of("", List.of("arn:" + SYNTH.stack().getPartition()
            + ":cloudfront::", Map.of("Ref", "AWS::AccountId"), ":distribution/", ref("DeliveryDistribution"))));
        T.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunctionUrl",
            "FunctionName", ref("OriginAlias"), "FunctionUrlAuthType", "AWS_IAM",
            "Principal", "cloudfront.amazonaws.com", "SourceArn", distributionArn));
        T.hasResourceProperties("AWS::Lambda::Permission", Map.of("Action", "lambda:InvokeFunction",
            "FunctionName", ref("OriginAlias"), "InvokedViaFunctionUrl", true,
            "Principal", "cloudfront.amazonaws.com", "SourceArn", distributionArn));
        // CDK's own InvokeFunctionUrl permission stays, scoped the same way (its partition a
        // reference to the same one); nothing is unscoped.
        T.allResourcesProperties("AWS::Lambda::Permission", Map.of("Principal", "cloudfront.amazonaws.com",
            "SourceArn", Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":distribution/", ref("DeliveryDistribution")))))));
        T.resourcePropertiesCountIs("AWS::Lambda::Permission", Map.of("SourceArn", Map.of("Fn::Join", List.of("", List.of("arn:",
            Map.of("Ref", "AWS::Partition"), ":cloudfront::", Map.of("Ref", "AWS::AccountId"), ":distribution/",
            ref("DeliveryDistribution"))))), 1);
    }

    @Test
    void bothOriginsAreBehindOriginAccessControl() {
        T.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig", Map.of(
            "OriginAccessControlOriginType", "s3", "SigningBehavior", "always", "SigningProtocol", "sigv4")));
        T.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig", Map.of(
            "OriginAccessControlOriginType", "lambda", "SigningBehavior", "always", "SigningProtocol", "sigv4")));
        // CloudFront may read variants but not list them: a missing key is a 403, which falls over.
        T.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("Bucket", ref("BucketsTransformed"),
            "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                "Effect", "Allow", "Action", "s3:GetObject", "Principal", Map.of("Service", "cloudfront.amazonaws.com"))))))));
        for (Map<String, Object> policy : SYNTH.all("AWS::S3::BucketPolicy")) {
            assertFalse(policy.toString().contains("ListBucket"), "nobody may list a bucket through a bucket policy: " + policy);
        }
    }

    @Test
    void theOriginGroupFallsOverToTheFunctionOnAMissAndServerErrors() {
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "OriginGroups", Map.of("Quantity", 1, "Items", List.of(Map.of(
                "FailoverCriteria", Map.of("StatusCodes", Map.of("Quantity", 6, "Items", List.of(403, 404, 500, 502, 503, 504))),
                "Members", Map.of("Quantity", 2)))),
            "Origins", List.of(
                Map.of("DomainName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsTransformed.*"), "RegionalDomainName")),
                    "S3OriginConfig", Map.of("OriginAccessIdentity", "")),
                Map.of("CustomOriginConfig", Map.of("OriginProtocolPolicy", "https-only", "OriginReadTimeout", 60,
                    "OriginSSLProtocols", List.of("TLSv1.2")))))));
    }

    @Test
    void originShieldComesFromTheRegionTable() {
        Map<String, Object> shield = Map.of("Enabled", true, "OriginShieldRegion", "us-east-1");
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "Origins", List.of(Map.of("OriginShield", shield), Map.of("OriginShield", shield)))));
    }

    @Test
    void theBehaviour() {
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "DefaultCacheBehavior", Map.of(
                "ViewerProtocolPolicy", "redirect-to-https",
                "AllowedMethods", List.of("GET", "HEAD"),
                "Compress", false,
                "CachePolicyId", ref("DeliveryCachePolicy"),
                "ResponseHeadersPolicyId", ref("DeliveryResponseHeaders"),
                "TargetOriginId", Match.stringLikeRegexp(".*OriginGroup.*"),
                "FunctionAssociations", List.of(Map.of("EventType", "viewer-request",
                    "FunctionARN", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("EdgeUrlRewrite.*"), "FunctionARN"))))),
            "HttpVersion", "http2and3",
            "IPV6Enabled", true,
            "PriceClass", "PriceClass_All",
            "Aliases", Match.absent(),
            "WebACLId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WafWebAcl.*"), "Arn")),
            "Logging", Map.of("Bucket", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsLogs.*"), "RegionalDomainName")),
                "Prefix", "cloudfront/images/"))));
    }

    @Test
    void theCachePolicyKeysOnTheUriAloneWithMinimumTtlZero() {
        T.hasResourceProperties("AWS::CloudFront::CachePolicy", Map.of("CachePolicyConfig", Map.of(
            "MinTTL", 0, "DefaultTTL", 86400, "MaxTTL", 31536000,
            "ParametersInCacheKeyAndForwardedToOrigin", Map.of(
                "QueryStringsConfig", Map.of("QueryStringBehavior", "none"),
                "HeadersConfig", Map.of("HeaderBehavior", "none"),
                "CookiesConfig", Map.of("CookieBehavior", "none"),
                "EnableAcceptEncodingGzip", false,
                "EnableAcceptEncodingBrotli", false))));
    }

    @Test
    void theOriginIsHandedOnlyTheViewerUrlHeader() {
        T.hasResourceProperties("AWS::CloudFront::OriginRequestPolicy", Map.of("OriginRequestPolicyConfig", Map.of(
            "HeadersConfig", Map.of("HeaderBehavior", "whitelist", "Headers", List.of("x-imageopt-viewer-url")),
            "QueryStringsConfig", Map.of("QueryStringBehavior", "none"),
            "CookiesConfig", Map.of("CookieBehavior", "none"))));
        T.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "DefaultCacheBehavior", Match.objectLike(Map.of("OriginRequestPolicyId", Match.anyValue())))));
    }

    @Test
    void theResponseHeadersVaryOnAcceptWithTheSamplesCors() {
        T.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of("ResponseHeadersPolicyConfig", Map.of(
            "CorsConfig", Map.of("AccessControlAllowCredentials", false,
                "AccessControlAllowHeaders", Map.of("Items", List.of("*")),
                "AccessControlAllowMethods", Map.of("Items", List.of("GET", "HEAD")),
                "AccessControlAllowOrigins", Map.of("Items", List.of("*")),
                "AccessControlExposeHeaders", Map.of("Items", List.of("server-timing", "x-cache", "x-imageopt-version", "x-imageopt-reason")),
                "AccessControlMaxAgeSec", 600, "OriginOverride", false),
            "CustomHeadersConfig", Map.of("Items", List.of(Map.of("Header", "vary", "Value", "accept", "Override", true),
                Map.of("Header", "timing-allow-origin", "Value", "*", "Override", true),
                Map.of("Header", "x-imageopt-version", "Value", "v1", "Override", true))),
            "SecurityHeadersConfig", Map.of("ContentTypeOptions", Map.of("Override", true),
                "StrictTransportSecurity", Map.of("AccessControlMaxAgeSec", 31536000, "Override", true)))));
    }

    @Test
    void theViewerRequestFunctionIsTheTestedFileOnCloudfrontJs2() {
        T.hasResourceProperties("AWS::CloudFront::Function", Map.of(
            "AutoPublish", true,
            "FunctionConfig", Map.of("Runtime", "cloudfront-js-2.0", "KeyValueStoreAssociations", Match.absent()),
            "FunctionCode", EdgeFunctionCode.render(ContractSettings.defaults())));
        T.resourceCountIs("AWS::CloudFront::KeyValueStore", 0);
    }

    @Test
    void theWebAclAsImageFlexSetsItUp() {
        T.hasResourceProperties("AWS::WAFv2::WebACL", Map.of(
            "Scope", "CLOUDFRONT",
            "DefaultAction", Map.of("Allow", Map.of()),
            "Rules", List.of(
                Map.of("Name", "AWSManagedRulesCommonRuleSet", "Priority", 0, "OverrideAction", Map.of("None", Map.of()),
                    "Statement", Map.of("ManagedRuleGroupStatement", Map.of("VendorName", "AWS", "Name", "AWSManagedRulesCommonRuleSet",
                        "RuleActionOverrides", List.of(Map.of("Name", "NoUserAgent_HEADER", "ActionToUse", Map.of("Count", Map.of())))))),
                Map.of("Name", "AWSManagedRulesKnownBadInputsRuleSet", "Priority", 1,
                    "Statement", Map.of("ManagedRuleGroupStatement", Map.of("VendorName", "AWS", "Name", "AWSManagedRulesKnownBadInputsRuleSet"))),
                Map.of("Name", "RateLimitPerIp", "Priority", 2,
                    "Action", Map.of("Block", Map.of("CustomResponse", Map.of("ResponseCode", 429))),
                    "Statement", Map.of("RateBasedStatement", Map.of("Limit", 2000, "AggregateKeyType", "IP",
                        "EvaluationWindowSec", 300, "ScopeDownStatement", Match.absent())))),
            "VisibilityConfig", Map.of("CloudWatchMetricsEnabled", true, "SampledRequestsEnabled", true)));
    }

    @Test
    void outputs() {
        for (String name : List.of("ImageDeliveryDomain", "ImageDeliveryDistributionId", "OriginalImagesS3Bucket",
            "TransformedImagesS3Bucket", "OriginFunctionName", "LogsS3Bucket")) {
            T.hasOutput(name, Map.of("Value", Match.anyValue()));
        }
        T.hasOutput("ImageDeliveryDomain", Map.of("Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("DeliveryDistribution.*"), "DomainName"))));
        for (String name : List.of("SigningKeyValueStoreArn", "SampleWebsiteDomain", "SampleWebsiteS3Bucket", "CustomDomainNames")) {
            assertTrue(T.findOutputs(name).isEmpty(), name);
        }
        assertTrue(SYNTH.warnings().isEmpty(), SYNTH.warnings().toString());
    }

    static Map<String, Object> originFunction() {
        return SYNTH.all("AWS::Lambda::Function").stream()
            .filter(function -> "java25".equals(function.get("Runtime"))).findFirst().orElseThrow();
    }
}
