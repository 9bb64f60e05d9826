package imageopt.stack;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the templates tell cfn-lint: their region, and each finding ignored with its reason. */
class LintConfigTest {

    @ParameterizedTest
    @EnumSource(Variants.class)
    void eachVariantsTemplatesNameTheirRegionAndEachIgnoredFindingItsReason(Variants variant) {
        check(variant.synth());
    }

    @ParameterizedTest
    @MethodSource("imageopt.stack.RegionTableTest#regions")
    void soDoEachRegionsTemplates(String region) {
        check(RegionTableTest.synth(region));
    }

    private static void check(Synth.Result synth) {
        for (String stack : synth.stackNames()) {
            Map<String, Object> template = synth.json(stack);
            assertEquals(Map.of(LintConfig.KEY, Map.of("config", Map.of("regions",
                List.of(synth.artifact(stack).getEnvironment().getRegion())))), template.get("Metadata"), stack);
            Map<?, ?> resources = (Map<?, ?>) template.get("Resources");
            resources.forEach((id, resource) -> {
                Map<?, ?> metadata = (Map<?, ?>) ((Map<?, ?>) resource).get("Metadata");
                if (metadata == null || !(metadata.get(LintConfig.KEY) instanceof Map<?, ?> lint)) return;
                Map<?, ?> reasons = (Map<?, ?>) lint.get("reasons");
                for (Object rule : (List<?>) ((Map<?, ?>) lint.get("config")).get("ignore_checks")) {
                    assertTrue(String.valueOf(reasons.get(rule)).length() >= 30, id + " ignores " + rule + " without a reason");
                }
            });
        }
    }
}
