package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The web ACL's own stack in us-east-1, for image stacks in any other region: CloudFront only
 * takes web ACLs from there. The image stack reads its ARN through CDK's cross-region references.
 */
public final class WafStack extends Stack {

    public static final String REGION = "us-east-1";

    private final ImageWebAcl webAcl;

    public WafStack(Construct scope, String id, Parameters parameters) {
        super(scope, id, StackProps.builder()
            .env(Environment.builder().account(parameters.account()).region(REGION).build())
            .description("imageopt " + parameters.stageName() + ": the CloudFront web ACL (us-east-1)")
            .crossRegionReferences(true)
            .build());
        webAcl = new ImageWebAcl(this, "Waf", parameters);
        LintConfig.forRegion(this);
    }

    public ImageWebAcl webAcl() {
        return webAcl;
    }
}
