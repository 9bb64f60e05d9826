package imageopt.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import imageopt.infra.ImageOptApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.IConstruct;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cdk-nag's AWS Solutions pack on every variant: no finding left unacknowledged, warnings included. */
class NagTest {

    @ParameterizedTest
    @EnumSource(Variants.class)
    void noUnacknowledgedFinding(Variants variant) throws IOException {
        // synth throws on any finding; the report holds at most our own warnings (CDK annotations)
        Synth.Result synth = variant.synth();
        Map<?, ?> report = new ObjectMapper().readValue(Files.readString(synth.outdir().resolve("validation-report.json")), Map.class);
        for (Object plugin : (List<?>) report.get("pluginReports")) {
            Map<?, ?> pluginReport = (Map<?, ?>) plugin;
            assertEquals("Construct Annotations", pluginReport.get("pluginName"), pluginReport.toString());
            for (Object violation : (List<?>) pluginReport.get("violations")) {
                Map<?, ?> finding = (Map<?, ?>) violation;
                assertEquals("warning", finding.get("severity"), finding.toString());
                assertTrue(String.valueOf(finding.get("ruleName")).startsWith("Annotation::imageopt:"), finding.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variants.class)
    void everyAcknowledgmentGivesItsReason(Variants variant) {
        Synth.Result synth = variant.synth();
        int count = 0;
        for (IConstruct construct : synth.stack().getNode().findAll()) {
            for (var entry : construct.getNode().getMetadata()) {
                if (!entry.getType().equals(Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) continue;
                for (var ack : ((Map<?, ?>) entry.getData()).entrySet()) {
                    count++;
                    assertTrue(String.valueOf(ack.getValue()).length() >= 30,
                        construct.getNode().getPath() + " acknowledges " + ack.getKey() + " without a reason");
                }
            }
        }
        assertTrue(count > 0);
    }

    @Test
    void theChecksAreOn() {
        // A bucket without access logs, TLS-only policy or public access block must fail the synth.
        App app = Synth.failingApp("nag-negative", Map.of("REGION", Synth.DEFAULT_REGION));
        Stack stack = ImageOptApp.build(app, Map.of());
        Bucket.Builder.create(stack, "Careless").build();
        RuntimeException e = assertThrows(RuntimeException.class, app::synth);
        assertTrue(e.getMessage().contains("Validation failed"), e.getMessage());
    }

    @Test
    void theDistributionIsNotAcknowledgedForWhatItHas() {
        // WAF and logs are on by default: CFR2 and CFR3 are not waved away.
        Synth.Result synth = Variants.DEFAULTS.synth();
        String metadata = synth.stack().delivery().distribution().getNode().getMetadata().toString();
        assertFalse(metadata.contains("AwsSolutions-CFR2"), metadata);
        assertFalse(metadata.contains("AwsSolutions-CFR3"), metadata);
    }
}
