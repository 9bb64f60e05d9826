package imageopt.stack;

import imageopt.parameters.Regions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Match;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every region of the region table synthesizes the default deployment: CDK's region facts
 * (cdk.json's validateAgainstDefaultRules fails the synth on a resource type a region lacks) and
 * cdk-nag pass, and the region's own Origin Shield and web ACL wiring are in the template. The
 * templates land in target/synth/region-&lt;region&gt;, where .ci/run lints them for their region.
 */
class RegionTableTest {

    static Set<String> regions() {
        return Regions.OFFERED.keySet();
    }

    static Synth.Result synth(String region) {
        // No staged copies of the assets (the variants' AssetsTest checks those): the templates are the same.
        return Synth.of("region-" + region, Map.of("REGION", region, "aws:cdk:disable-asset-staging", "true"), Map.of());
    }

    @ParameterizedTest
    @MethodSource("regions")
    void synthesizesForItsRegion(String region) {
        Synth.Result synth = synth(region);
        Regions.Region row = Regions.require(region);
        assertEquals(region, synth.artifact("imageopt-dev").getEnvironment().getRegion());
        Map<String, Object> shield = Map.of("Enabled", true, "OriginShieldRegion", row.originShield());
        synth.template().hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Map.of(
            "Origins", List.of(Match.objectLike(Map.of("OriginShield", shield)), Match.objectLike(Map.of("OriginShield", shield))))));
        synth.template().hasResourceProperties("AWS::Lambda::Function", Map.of("Runtime", "java25",
            "SnapStart", Map.of("ApplyOn", "PublishedVersions")));
        // the web ACL in this stack in us-east-1, else in the us-east-1 stack beside it
        boolean usEast1 = region.equals(WafStack.REGION);
        assertEquals(usEast1 ? List.of("imageopt-dev") : List.of("imageopt-dev", "imageopt-dev-waf"), synth.stackNames());
        synth.template().resourceCountIs("AWS::WAFv2::WebACL", usEast1 ? 1 : 0);
        assertTrue(synth.warnings().isEmpty(), synth.warnings().toString());
    }
}
