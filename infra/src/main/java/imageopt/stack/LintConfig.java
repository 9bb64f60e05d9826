package imageopt.stack;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

import java.util.List;
import java.util.Map;

/**
 * What cfn-lint (.ci/run lints every template the tests and the CLI synthesize) reads from the
 * templates themselves: the region each template is for, so resource types and property values are
 * checked against that region's schemas, and the findings this design accepts, ignored on the
 * resource they arise on with the reason beside them (cfn-lint reads "config", people read
 * "reasons"). Anything else cfn-lint finds fails CI.
 */
final class LintConfig {

    static final String KEY = "cfn-lint";

    private LintConfig() {
    }

    /** The template's own config: lint it for the stack's region. */
    static void forRegion(Stack stack) {
        stack.getTemplateOptions().setMetadata(Map.of(KEY, Map.of("config", Map.of("regions", List.of(stack.getRegion())))));
    }

    /** The image stack: its region, and the findings accepted on its resources. */
    static void apply(ImageOptStack stack) {
        forRegion(stack);
        String dependsOnRole = "CDK makes every Lambda function it builds depend on its role (and the role's policy, which the"
            + " function needs before it runs); the role's half duplicates the GetAtt of the role's ARN and changes nothing";
        ignore(stack.origin().function(), "W3005", dependsOnRole);
        // CDK's singleton functions: S3 auto-delete (transformed and website buckets) and BucketDeployment (samples, page)
        for (IConstruct child : stack.getNode().getChildren()) {
            String id = child.getNode().getId();
            if (id.startsWith("Custom::CDKBucketDeployment")) ignore(child, "W3005", dependsOnRole);
            if (id.equals("Custom::S3AutoDeleteObjectsCustomResourceProvider")) ignore(child.getNode().findChild("Handler"), "W3005",
                "CDK's custom resource provider makes its handler depend on its role, which the handler's GetAtt of the role's ARN"
                    + " already orders");
        }
    }

    /** Ignores `rule` on the CloudFormation resource of `scope`, giving the reason. */
    static void ignore(IConstruct scope, String rule, String reason) {
        CfnResource resource = scope instanceof CfnResource cfn ? cfn : (CfnResource) scope.getNode().getDefaultChild();
        resource.addMetadata(KEY, Map.of("config", Map.of("ignore_checks", List.of(rule)), "reasons", Map.of(rule, reason)));
    }
}
