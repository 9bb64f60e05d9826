package imageopt.stack;

import imageopt.parameters.Regions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARNs take the partition of their stack (Stack.getPartition, Aws.PARTITION): none is spelt out. */
class PartitionTest {

    private static final Pattern SPELT_PARTITION = Pattern.compile("arn:aws[a-z-]*:");

    @Test
    void noSourceSpellsAPartition() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (SPELT_PARTITION.matcher(lines.get(i)).find()) found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), found);
    }

    @ParameterizedTest
    @EnumSource(Variants.class)
    void everyArnInTheTemplatesIsInItsStacksPartition(Variants variant) {
        Synth.Result synth = variant.synth();
        assertEquals(Regions.PARTITION, synth.stack().getPartition(), "CDK's partition of the stack's region");
        List<String> arns = new ArrayList<>();
        for (String stack : synth.stackNames()) {
            strings(synth.json(stack), arns);
            for (String arn : arns) {
                // or the partition of wherever it is deployed: "arn:" alone begins a join whose next
                // part is { "Ref": "AWS::Partition" }, or a Fn::Sub names it
                assertTrue(arn.equals("arn:") || arn.startsWith("arn:${AWS::Partition}:")
                    || arn.startsWith("arn:" + Regions.PARTITION + ":"), stack + ": " + arn);
            }
        }
        assertTrue(arns.stream().anyMatch(arn -> arn.startsWith("arn:" + Regions.PARTITION + ":")), "no ARN found");
    }

    private static void strings(Object node, List<String> arns) {
        if (node instanceof String text && text.startsWith("arn:")) arns.add(text);
        if (node instanceof Map<?, ?> map) map.values().forEach(value -> strings(value, arns));
        if (node instanceof List<?> list) list.forEach(item -> strings(item, arns));
    }
}
