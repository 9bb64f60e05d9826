package imageopt.parameters;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.regioninfo.RegionInfo;
import software.amazon.awscdk.services.lambda.CfnUrl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The region table against the AWS sample's Origin Shield table and CDK's own region facts. */
class RegionsTest {

    @Test
    void keepsTheAwsSamplesOriginShieldTable() {
        Map<String, String> sample = Map.ofEntries(
            Map.entry("us-east-2", "us-east-2"), Map.entry("us-east-1", "us-east-1"), Map.entry("us-west-2", "us-west-2"),
            Map.entry("ap-south-1", "ap-south-1"), Map.entry("ap-northeast-2", "ap-northeast-2"),
            Map.entry("ap-southeast-1", "ap-southeast-1"), Map.entry("ap-southeast-2", "ap-southeast-2"),
            Map.entry("ap-northeast-1", "ap-northeast-1"), Map.entry("eu-central-1", "eu-central-1"),
            Map.entry("eu-west-1", "eu-west-1"), Map.entry("eu-west-2", "eu-west-2"), Map.entry("sa-east-1", "sa-east-1"),
            Map.entry("us-west-1", "us-west-2"), Map.entry("af-south-1", "eu-west-1"), Map.entry("ap-east-1", "ap-southeast-1"),
            Map.entry("ca-central-1", "us-east-1"), Map.entry("eu-south-1", "eu-central-1"), Map.entry("eu-west-3", "eu-west-2"),
            Map.entry("eu-north-1", "eu-west-2"), Map.entry("me-south-1", "ap-south-1"));
        sample.forEach((region, shield) -> assertEquals(shield, Regions.require(region).originShield(), region));
    }

    @Test
    void everyOfferedRegionHasAShieldRegionAndSnapStart() {
        Regions.OFFERED.forEach((name, row) -> {
            assertEquals(name, row.name());
            assertTrue(Regions.SHIELD_REGIONS.contains(row.originShield()), name + " -> " + row.originShield());
            assertTrue(row.snapStart(), name);
        });
    }

    @Test
    void whereSnapStartIsMissingItIsSaid() {
        for (String region : Regions.NO_SNAPSTART) {
            assertTrue(Regions.NOT_OFFERED.get(region).contains(Regions.Service.SNAPSTART), region);
        }
    }

    @Test
    void everyRegionCdkKnowsInTheAwsPartitionIsClassified() {
        // A region CDK learns of fails here until it is either offered or said to lack something.
        Set<String> aws = new TreeSet<>();
        for (RegionInfo region : RegionInfo.getRegions()) {
            if (Regions.PARTITION.equals(region.getPartition())) aws.add(region.getName());
        }
        Set<String> classified = new TreeSet<>(Regions.OFFERED.keySet());
        classified.addAll(Regions.NOT_OFFERED.keySet());
        assertEquals(aws, classified);
        for (String region : Regions.OFFERED.keySet()) assertFalse(Regions.NOT_OFFERED.containsKey(region), region);
    }

    /**
     * CDK validates every template against its region facts at synth (cdk.json's
     * validateAgainstDefaultRules makes a finding fail it): a function URL must be refused exactly
     * where the table says it is missing. One app, one stack per region, one synth.
     */
    @Test
    void functionUrlsAreMissingExactlyWhereCdksRegionFactsSay() throws IOException {
        Path outdir = Path.of("target", "region-facts").toAbsolutePath();
        App app = App.Builder.create().outdir(outdir.toString()).build();
        Set<String> regions = new TreeSet<>(Regions.OFFERED.keySet());
        regions.addAll(Regions.NOT_OFFERED.keySet());
        for (String region : regions) {
            Stack stack = new Stack(app, "url-" + region, StackProps.builder()
                .env(Environment.builder().region(region).build()).build());
            CfnUrl.Builder.create(stack, "Url").authType("AWS_IAM").targetFunctionArn("arn:" + stack.getPartition() + ":lambda:"
                + region + ":111111111111:function:f").build();
        }
        app.synth();
        Map<?, ?> report = new ObjectMapper().readValue(Files.readString(outdir.resolve("validation-report.json")), Map.class);
        Set<String> refused = new TreeSet<>();
        for (Object plugin : (List<?>) report.get("pluginReports")) {
            for (Object violation : (List<?>) ((Map<?, ?>) plugin).get("violations")) {
                String description = String.valueOf(((Map<?, ?>) violation).get("description"));
                if (description.startsWith("Type: Resource type 'AWS::Lambda::Url' does not exist in '")) {
                    refused.add(description.replaceAll(".*does not exist in '([a-z0-9-]+)'.*", "$1"));
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        Regions.NOT_OFFERED.forEach((region, services) -> {
            if (services.contains(Regions.Service.FUNCTION_URLS)) missing.add(region);
        });
        assertFalse(refused.isEmpty(), "CDK refused no function URL anywhere: the check did not run");
        assertEquals(missing, refused);
    }
}
