package imageopt.parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Origin Shield region serves a stack's region: CloudFront's regional edge caches, and the
 * nearest of them for every other region. The first 20 rows are the AWS sample's table
 * (lib/origin-shield.ts, taken from CloudFront's documentation); the sample throws for any other
 * region. The rows after them are regions opened since, each mapped to the nearest shield region
 * by geography: a judgement, not AWS's table, so CLOUDFRONT_ORIGIN_SHIELD_REGION overrides it.
 */
public final class OriginShieldRegions {

    /** The regions that host Origin Shield (CloudFront's regional edge caches). */
    public static final List<String> SHIELD_REGIONS = List.of("us-east-2", "us-east-1", "us-west-2", "ap-south-1",
        "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "eu-west-1", "eu-west-2",
        "sa-east-1");

    /** Stack region to Origin Shield region. */
    public static final Map<String, String> TABLE;

    static {
        Map<String, String> table = new LinkedHashMap<>();
        SHIELD_REGIONS.forEach(region -> table.put(region, region));
        // The AWS sample's other regions.
        table.put("us-west-1", "us-west-2");
        table.put("af-south-1", "eu-west-1");
        table.put("ap-east-1", "ap-southeast-1");
        table.put("ca-central-1", "us-east-1");
        table.put("eu-south-1", "eu-central-1");
        table.put("eu-west-3", "eu-west-2");
        table.put("eu-north-1", "eu-west-2");
        table.put("me-south-1", "ap-south-1");
        // Newer regions: nearest by geography (see the class comment).
        table.put("ap-northeast-3", "ap-northeast-1"); // Osaka
        table.put("ap-south-2", "ap-south-1");         // Hyderabad
        table.put("ap-southeast-3", "ap-southeast-1"); // Jakarta
        table.put("ap-southeast-4", "ap-southeast-2"); // Melbourne
        table.put("ap-southeast-5", "ap-southeast-1"); // Malaysia
        table.put("ap-southeast-6", "ap-southeast-2"); // New Zealand
        table.put("ap-southeast-7", "ap-southeast-1"); // Thailand
        table.put("ap-east-2", "ap-northeast-1");      // Taipei
        table.put("ca-west-1", "us-west-2");           // Calgary
        table.put("eu-central-2", "eu-central-1");     // Zurich
        table.put("eu-south-2", "eu-central-1");       // Spain, like Milan
        table.put("il-central-1", "eu-central-1");     // Tel Aviv
        table.put("me-central-1", "ap-south-1");       // UAE, like Bahrain
        table.put("mx-central-1", "us-east-2");        // Mexico
        TABLE = Map.copyOf(table);
    }

    private OriginShieldRegions() {
    }

    /** The shield region for a stack region, empty for a region the table does not know. */
    public static Optional<String> forRegion(String region) {
        return Optional.ofNullable(TABLE.get(region));
    }
}
