package imageopt.stack;

import imageopt.infra.ImageOptApp;
import imageopt.parameters.InvalidParameterException;
import org.junit.jupiter.api.Test;
import imageopt.parameters.Parameters;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parameters and environments that change what is deployed, not only how. */
class TopologyTest {

    @Test
    void storeOffMakesTheFunctionTheOnlyOrigin() {
        Synth.Result synth = Variants.STORE_OFF.synth();
        Template t = synth.template();
        t.resourceCountIs("AWS::S3::Bucket", 2); // originals and logs
        t.resourceCountIs("Custom::S3AutoDeleteObjects", 0);
        t.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        t.hasResourceProperties("AWS::CloudFront::OriginAccessControl", Map.of("OriginAccessControlConfig",
            Match.objectLike(Map.of("OriginAccessControlOriginType", "lambda"))));
        t.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "OriginGroups", Match.absent(),
            "Origins", List.of(Match.objectLike(Map.of("CustomOriginConfig", Match.objectLike(Map.of("OriginReadTimeout", 60))))),
            "DefaultCacheBehavior", Match.objectLike(Map.of("TargetOriginId", Match.stringLikeRegexp(".*Origin1.*"))))));
        Map<String, Object> variables = ParameterEffectsTest.environment(synth);
        assertFalse(variables.containsKey("S3_TRANSFORMED_IMAGE_BUCKET_NAME"), variables.toString());
        assertFalse(synth.template().toJSON().toString().contains("s3:PutObject\", \"Resource"), "nothing to write to");
        assertTrue(t.findOutputs("TransformedImagesS3Bucket").isEmpty());
    }

    @Test
    void anExistingBucketIsReadNotCreatedNorSeeded() {
        Synth.Result synth = Variants.EXISTING_BUCKET.synth();
        Template t = synth.template();
        t.resourceCountIs("AWS::S3::Bucket", 2); // transformed and logs
        t.resourceCountIs("Custom::CDKBucketDeployment", 0);
        assertEquals("my-images", ParameterEffectsTest.environment(synth).get("S3_IMAGE_BUCKET_NAME"));
        String bucketArn = "arn:" + synth.stack().getPartition() + ":s3:::my-images";
        t.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyName", Match.stringLikeRegexp("OriginRole.*"),
            "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Map.of("Effect", "Allow", "Action", "s3:GetObject", "Resource", bucketArn + "/*"),
                Map.of("Effect", "Allow", "Action", "s3:ListBucket", "Resource", bucketArn))))));
        t.hasOutput("OriginalImagesS3Bucket", Map.of("Value", "my-images"));
    }

    @Test
    void wafOffLeavesNoWebAcl() {
        Synth.Result synth = Variants.WAF_OFF.synth();
        synth.template().resourceCountIs("AWS::WAFv2::WebACL", 0);
        synth.template().hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("WebACLId", Match.absent())));
    }

    @Test
    void aCustomDomainGetsItsCertificateAndModernTls() {
        Template t = Variants.CUSTOM_DOMAIN.synth().template();
        t.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "Aliases", List.of("img.example.com", "images.example.com"),
            "ViewerCertificate", Map.of("AcmCertificateArn", Synth.CERTIFICATE, "MinimumProtocolVersion", "TLSv1.2_2021",
                "SslSupportMethod", "sni-only"))));
        t.hasOutput("CustomDomainNames", Map.of("Value", "img.example.com,images.example.com"));
    }

    @Test
    void arm64MovesTheFunctionAndItsLayer() {
        Template t = Variants.ARM64.synth().template();
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java25", "Architectures", List.of("arm64")));
        t.hasResourceProperties("AWS::Lambda::LayerVersion", Map.of("CompatibleArchitectures", List.of("arm64"),
            "Description", Match.stringLikeRegexp(".*arm64")));
    }

    @Test
    void anotherRegionGetsItsWebAclFromAUsEast1Stack() {
        Synth.Result synth = Variants.EU_WEST_1.synth();
        assertEquals(List.of("imageopt-dev", "imageopt-dev-waf"), synth.stackNames());
        assertEquals("eu-west-1", synth.artifact("imageopt-dev").getEnvironment().getRegion());
        assertEquals("us-east-1", synth.artifact("imageopt-dev-waf").getEnvironment().getRegion());
        assertEquals("111111111111", synth.artifact("imageopt-dev-waf").getEnvironment().getAccount());
        assertTrue(synth.artifact("imageopt-dev").getDependencies().stream()
            .anyMatch(dependency -> dependency.getId().equals("imageopt-dev-waf")), "the WAF stack deploys first");

        Template waf = synth.template("imageopt-dev-waf");
        waf.resourceCountIs("AWS::WAFv2::WebACL", 1);
        waf.hasResourceProperties("AWS::WAFv2::WebACL", Map.of("Scope", "CLOUDFRONT"));
        Template images = synth.template();
        images.resourceCountIs("AWS::WAFv2::WebACL", 0);
        // CDK's weak cross-region reference (cdk.json's defaultCrossStackReferences): an output of
        // the us-east-1 stack, read with Fn::GetStackOutput
        images.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "WebACLId", webAclFromUsEast1("imageopt-dev-waf"))));
        waf.hasOutput("*", Map.of("Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WafWebAcl.*"), "Arn"))));
        // the region table's Origin Shield region for eu-west-1
        images.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of("Origins",
            List.of(Match.objectLike(Map.of("OriginShield", Map.of("Enabled", true, "OriginShieldRegion", "eu-west-1"))),
                Match.objectLike(Map.of("OriginShield", Map.of("Enabled", true, "OriginShieldRegion", "eu-west-1")))))));
    }

    private static Map<String, Object> webAclFromUsEast1(String wafStack) {
        return Map.of("Fn::GetStackOutput", Map.of("StackName", wafStack, "Region", "us-east-1",
            "OutputName", Match.stringLikeRegexp(".*WafWebAcl.*Arn.*")));
    }

    @Test
    void usEast1KeepsItsWebAclInOneStack() {
        Synth.Result synth = Variants.US_EAST_1.synth();
        assertEquals(List.of("imageopt-dev"), synth.stackNames());
        synth.template().resourceCountIs("AWS::WAFv2::WebACL", 1);
        synth.template().hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "WebACLId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WafWebAcl.*"), "Arn")))));
    }

    @Test
    void aRegionOutsideTheTableIsRefusedAtSynth() {
        for (String region : List.of("xx-north-9", "ap-south-2", "cn-north-1")) {
            App app = Synth.failingApp("region-" + region, Map.of("REGION", region));
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ImageOptApp.build(app, Map.of()));
            assertEquals("REGION", e.parameter());
            assertTrue(e.getMessage().contains(region), e.getMessage());
        }
    }

    @Test
    void noRegionNoSynth() {
        // what `cdk synth` without credentials hands the app: us-east-1, which nobody chose
        App app = Synth.failingApp("no-region", Map.of());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> ImageOptApp.build(app, Map.of("CDK_DEFAULT_REGION", "us-east-1")));
        assertTrue(e.getMessage().startsWith("REGION: is needed"), e.getMessage());
    }

    @Test
    void whereSnapStartIsMissingTheFunctionRunsWithoutItAndSaysSo() {
        // No offered region lacks it today (Regions.NO_SNAPSTART are refused for their function
        // URLs), so the origin is built as a region row without SnapStart would build it.
        App app = new App();
        Stack stack = new Stack(app, "NoSnapStart", StackProps.builder().env(Environment.builder().region("eu-west-1").build()).build());
        Parameters parameters = Parameters.read(Map.of("REGION", "eu-west-1"), Map.of());
        OriginFunction origin = new OriginFunction(stack, "Origin", parameters, false, Bucket.fromBucketName(stack, "Originals", "my-images"), null);
        assertFalse(origin.snapStart());
        Template t = Template.fromStack(stack);
        t.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java25", "SnapStart", Match.absent()));
        // the URL still sits on the alias of a published version
        t.hasResourceProperties("AWS::Lambda::Url", Map.of("Qualifier", OriginFunction.ALIAS));
        Annotations.fromStack(stack).hasWarning("/NoSnapStart/Origin",
            Match.stringLikeRegexp("Lambda SnapStart is not available in eu-west-1: the function runs without it.*"));
    }

    @Test
    void everythingOnInAnotherRegion() {
        Synth.Result synth = Variants.EVERYTHING_EU.synth();
        Template images = synth.template();
        images.resourceCountIs("AWS::CloudFront::Distribution", 2);
        images.resourceCountIs("AWS::CloudFront::KeyValueStore", 1);
        images.resourceCountIs("AWS::WAFv2::WebACL", 0);
        // both distributions take the us-east-1 web ACL
        images.allResourcesProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
            "WebACLId", webAclFromUsEast1("imageopt-staging-waf")))));
        images.hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java25", "Architectures", List.of("arm64")));
    }

    @Test
    void theMinimalDeployment() {
        Template t = Variants.MINIMAL.synth().template();
        t.resourceCountIs("AWS::S3::Bucket", 0);
        t.resourceCountIs("AWS::WAFv2::WebACL", 0);
        t.resourceCountIs("AWS::CloudFront::Distribution", 1);
        t.resourceCountIs("AWS::Lambda::Url", 1);
        t.hasResourceProperties("AWS::CloudFront::ResponseHeadersPolicy", Map.of("ResponseHeadersPolicyConfig",
            Match.objectLike(Map.of("CorsConfig", Match.absent()))));
    }
}
