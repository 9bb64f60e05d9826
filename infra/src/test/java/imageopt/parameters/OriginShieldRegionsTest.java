package imageopt.parameters;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginShieldRegionsTest {

    @Test
    void keepsTheAwsSamplesTable() {
        Map<String, String> sample = Map.ofEntries(
            Map.entry("us-east-2", "us-east-2"), Map.entry("us-east-1", "us-east-1"), Map.entry("us-west-2", "us-west-2"),
            Map.entry("ap-south-1", "ap-south-1"), Map.entry("ap-northeast-2", "ap-northeast-2"),
            Map.entry("ap-southeast-1", "ap-southeast-1"), Map.entry("ap-southeast-2", "ap-southeast-2"),
            Map.entry("ap-northeast-1", "ap-northeast-1"), Map.entry("eu-central-1", "eu-central-1"),
            Map.entry("eu-west-1", "eu-west-1"), Map.entry("eu-west-2", "eu-west-2"), Map.entry("sa-east-1", "sa-east-1"),
            Map.entry("us-west-1", "us-west-2"), Map.entry("af-south-1", "eu-west-1"), Map.entry("ap-east-1", "ap-southeast-1"),
            Map.entry("ca-central-1", "us-east-1"), Map.entry("eu-south-1", "eu-central-1"), Map.entry("eu-west-3", "eu-west-2"),
            Map.entry("eu-north-1", "eu-west-2"), Map.entry("me-south-1", "ap-south-1"));
        sample.forEach((region, shield) -> assertEquals(Optional.of(shield), OriginShieldRegions.forRegion(region), region));
    }

    @Test
    void extendsItToNewerRegionsInsteadOfFailing() {
        for (String region : new String[] {"ap-northeast-3", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7", "ap-east-2", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1",
            "me-central-1", "mx-central-1"}) {
            assertTrue(OriginShieldRegions.forRegion(region).isPresent(), region);
        }
        assertEquals(Optional.empty(), OriginShieldRegions.forRegion("xx-north-9"));
    }

    @Test
    void everyAnswerHostsOriginShield() {
        OriginShieldRegions.TABLE.forEach((region, shield) ->
            assertTrue(OriginShieldRegions.SHIELD_REGIONS.contains(shield), region + " -> " + shield));
    }
}
