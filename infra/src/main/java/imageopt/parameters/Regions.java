package imageopt.parameters;

import software.amazon.awscdk.regioninfo.RegionInfo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The region table: the regions this stack deploys to, each with its Origin Shield region, and,
 * for every other region CDK knows, what it lacks. A region is offered only where everything the
 * stack uses exists: Lambda function URLs as CDK's region facts know them (CDK refuses to
 * synthesize an AWS::Lambda::Url elsewhere), web ACLs and certificates from us-east-1 (the aws
 * partition), and an Origin Shield region. SnapStart is the one thing a region may lack: the
 * function then runs without it, with a synth warning.
 *
 * <p>Origin Shield: the first 20 rows are the AWS sample's table (lib/origin-shield.ts, from
 * CloudFront's documentation); ap-northeast-3 and ap-southeast-3 are mapped to the nearest shield
 * region by geography, a judgement that CLOUDFRONT_ORIGIN_SHIELD_REGION overrides. A region moved
 * into the table from {@link #NOT_OFFERED} needs such a row too.
 */
public final class Regions {

    /** What a region can lack, as a refusal or a warning names it. */
    public enum Service {
        FUNCTION_URLS("Lambda function URLs (CDK's region facts have no AWS::Lambda::Url there, so CDK refuses the template)"),
        SNAPSTART("Lambda SnapStart");

        private final String description;

        Service(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One row of the region table.
     *
     * @param name         the region
     * @param originShield the Origin Shield region that serves it
     * @param snapStart    whether Lambda SnapStart runs the java25 runtime there
     */
    public record Region(String name, String originShield, boolean snapStart) {
    }

    /** The partition every offered region is in: CloudFront's us-east-1 (web ACLs, certificates) is there. */
    public static final String PARTITION = "aws";

    /** The regions that host Origin Shield (CloudFront's regional edge caches). */
    public static final List<String> SHIELD_REGIONS = List.of("us-east-2", "us-east-1", "us-west-2", "ap-south-1",
        "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-central-1", "eu-west-1", "eu-west-2",
        "sa-east-1");

    /**
     * Where SnapStart is missing, per the Lambda developer guide ("available in all commercial
     * Regions except Asia Pacific (New Zealand) and Asia Pacific (Taipei)"). cfn-lint 1.51.0's
     * E2530 knows an older, shorter list (exactly the offered regions): a region moved into the
     * table from NOT_OFFERED may need that finding ignored, citing the guide.
     */
    static final Set<String> NO_SNAPSTART = Set.of("ap-southeast-6", "ap-east-2");

    /** Regions of the aws partition that CDK knows but the stack cannot use, and what each lacks. */
    public static final Map<String, Set<Service>> NOT_OFFERED;

    /** The region table, by name. */
    public static final Map<String, Region> OFFERED;

    static {
        Map<String, String> shields = new LinkedHashMap<>();
        SHIELD_REGIONS.forEach(region -> shields.put(region, region));
        // The AWS sample's other regions.
        shields.put("us-west-1", "us-west-2");
        shields.put("af-south-1", "eu-west-1");
        shields.put("ap-east-1", "ap-southeast-1");
        shields.put("ca-central-1", "us-east-1");
        shields.put("eu-south-1", "eu-central-1");
        shields.put("eu-west-3", "eu-west-2");
        shields.put("eu-north-1", "eu-west-2");
        shields.put("me-south-1", "ap-south-1");
        // Newer regions: nearest by geography (see the class comment).
        shields.put("ap-northeast-3", "ap-northeast-1"); // Osaka
        shields.put("ap-southeast-3", "ap-southeast-1"); // Jakarta
        Map<String, Region> offered = new TreeMap<>();
        shields.forEach((region, shield) -> offered.put(region, new Region(region, shield, !NO_SNAPSTART.contains(region))));
        OFFERED = Collections.unmodifiableMap(offered);

        Map<String, Set<Service>> notOffered = new LinkedHashMap<>();
        for (String region : List.of("ap-south-2", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
            "ap-east-2", "ca-west-1", "eu-central-2", "eu-south-2", "il-central-1", "me-central-1", "mx-central-1")) {
            Set<Service> missing = EnumSet.of(Service.FUNCTION_URLS);
            if (NO_SNAPSTART.contains(region)) missing.add(Service.SNAPSTART);
            notOffered.put(region, Collections.unmodifiableSet(missing));
        }
        NOT_OFFERED = Collections.unmodifiableMap(notOffered);
    }

    private Regions() {
    }

    /** The row for `region`, or a refusal of REGION that says what the region lacks. */
    public static Region require(String region) {
        Region row = OFFERED.get(region);
        if (row != null) return row;
        String offered = "; the regions it deploys to are " + String.join(", ", OFFERED.keySet());
        Set<Service> missing = NOT_OFFERED.get(region);
        if (missing != null) {
            throw new InvalidParameterException(Parameters.REGION, region + " cannot host this stack: it lacks "
                + missing.stream().map(Service::description).collect(Collectors.joining(" and ")) + offered);
        }
        String partition = RegionInfo.get(region).getPartition();
        if (partition == null) {
            throw new InvalidParameterException(Parameters.REGION, "\"" + region + "\" is not a region CDK knows" + offered);
        }
        if (partition.equals(PARTITION)) {
            // newer than this table (RegionsTest fails until it is classified here)
            throw new InvalidParameterException(Parameters.REGION, region + " is not in this stack's region table yet: nobody has"
                + " checked function URLs, SnapStart and its Origin Shield region there" + offered);
        }
        throw new InvalidParameterException(Parameters.REGION, region + " is in the " + partition + " partition, and this stack"
            + " deploys to the " + PARTITION + " partition only: its web ACL and certificate come from us-east-1, its Origin"
            + " Shield regions are " + PARTITION + " regions, and it has been checked nowhere else" + offered);
    }
}
