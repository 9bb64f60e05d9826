package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cdk-nag (AwsSolutions) findings this design accepts, each acknowledged on the construct it
 * arises on, with the reason. cdk-nag 3 has no prefix matching: a wildcard finding is
 * acknowledged by its exact text (`AwsSolutions-IAM5[Resource::<Logical.Arn>/*]`), so a new
 * wildcard still fails the synth.
 */
final class NagAcknowledgements {

    private NagAcknowledgements() {
    }

    static void apply(ImageOptStack stack, Parameters parameters) {
        ImageBuckets buckets = stack.buckets();
        IConstruct originPolicy = stack.origin().getNode().findChild("Role").getNode().findChild("DefaultPolicy");
        if (!parameters.importsOriginals()) {
            ack(originPolicy, objectsOf(stack, buckets.originals()),
                "the origin reads any original a viewer names: object-level read on the whole originals bucket is its job");
        }
        if (buckets.transformed() != null) {
            ack(originPolicy, objectsOf(stack, buckets.transformed()),
                "the origin stores each variant under its canonical key: object-level write on the whole transformed bucket is its job");
        }
        if (parameters.importsOriginals()) {
            ack(originPolicy, "AwsSolutions-IAM5[Resource::arn:" + known(stack.getPartition(), "<AWS::Partition>") + ":s3:::"
                    + parameters.originalsBucketName() + "/*]",
                "the origin reads any original a viewer names: object-level read on the whole originals bucket is its job");
        }
        if (stack.origin().snapStart()) {
            ackWarning(stack.origin().function(), "@aws-cdk/aws-lambda:snapStartRequirePublish",
                "versions are published: the alias the function URL sits on points at the function's current version");
        }
        distribution(stack.delivery().distribution(), parameters, parameters.customDomainNames().isEmpty());
        if (stack.sampleWebsite() != null) {
            // The website has no custom domain: *.cloudfront.net's certificate allows TLSv1.
            distribution(stack.sampleWebsite().distribution(), parameters, true);
        }
        if (!parameters.loggingEnabled()) {
            List<IBucket> owned = new ArrayList<>();
            if (!parameters.importsOriginals()) owned.add(buckets.originals());
            if (buckets.transformed() != null) owned.add(buckets.transformed());
            if (stack.sampleWebsite() != null) owned.add(stack.sampleWebsite().bucket());
            for (IBucket bucket : owned) {
                ack(bucket, "AwsSolutions-S1", "LOGGING_ENABLED=false: the deployer turned access logs off");
            }
        }
        List<IBucket> deployedTo = new ArrayList<>();
        if (!parameters.importsOriginals()) deployedTo.add(buckets.originals());
        if (stack.sampleWebsite() != null) deployedTo.add(stack.sampleWebsite().bucket());
        cdkBucketDeployment(stack, deployedTo);
    }

    private static void distribution(IConstruct distribution, Parameters parameters, boolean defaultCertificate) {
        ack(distribution, "AwsSolutions-CFR1",
            "an image CDN serves viewers everywhere; geo restriction is a business choice, not a default");
        if (defaultCertificate) {
            ack(distribution, "AwsSolutions-CFR4",
                "with CloudFront's own *.cloudfront.net certificate the minimum protocol cannot be raised;"
                    + " with CUSTOM_DOMAIN_NAMES it is TLSv1.2_2021");
        }
        if (!parameters.wafEnabled()) {
            ack(distribution, "AwsSolutions-CFR2", "WAF_ENABLED=false: the deployer turned the web ACL off");
        }
        if (!parameters.loggingEnabled()) {
            ack(distribution, "AwsSolutions-CFR3", "LOGGING_ENABLED=false: the deployer turned access logs off");
        }
    }

    // CDK's own BucketDeployment function (the sample images, the sample website's page): its
    // role, runtime and managed policy are CDK's, not ours to change.
    private static void cdkBucketDeployment(Stack stack, List<IBucket> deployedTo) {
        for (IConstruct child : stack.getNode().getChildren()) {
            if (!child.getNode().getId().startsWith("Custom::CDKBucketDeployment")) continue;
            String reason = "CDK's BucketDeployment handler, which copies the sample files at deploy time; its role and runtime are CDK's";
            ack(child, "AwsSolutions-L1", reason);
            ack(child, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]", reason);
            for (String action : List.of("s3:GetBucket*", "s3:GetObject*", "s3:List*", "s3:Abort*", "s3:DeleteObject*")) {
                ack(child, "AwsSolutions-IAM5[Action::" + action + "]", reason);
            }
            ack(child, "AwsSolutions-IAM5[Resource::" + assetObjects(stack) + "]", reason);
            for (IBucket bucket : deployedTo) ack(child, objectsOf(stack, bucket), reason);
        }
    }

    /**
     * The CDK asset bucket's objects as cdk-nag prints them: what the synthesizer knows of
     * partition, account and region is literal, the rest stays a pseudo parameter.
     */
    private static String assetObjects(Stack stack) {
        Object qualifier = stack.getNode().tryGetContext("@aws-cdk/core:bootstrapQualifier");
        return "arn:" + known(stack.getPartition(), "<AWS::Partition>") + ":s3:::cdk-"
            + (qualifier != null ? qualifier : DefaultStackSynthesizer.DEFAULT_QUALIFIER) + "-assets-"
            + known(stack.getAccount(), "<AWS::AccountId>") + "-" + known(stack.getRegion(), "<AWS::Region>") + "/*";
    }

    private static String known(String value, String placeholder) {
        return Token.isUnresolved(value) ? placeholder : value;
    }

    /** The finding for `bucket/*` in a policy, as cdk-nag prints it: the bucket's logical id. */
    private static String objectsOf(Stack stack, IBucket bucket) {
        String logicalId = (String) stack.resolve(stack.getLogicalId((CfnElement) bucket.getNode().getDefaultChild()));
        return "AwsSolutions-IAM5[Resource::<" + logicalId + ".Arn>/*]";
    }

    /**
     * Records the acknowledgment in the metadata cdk-nag reads on a resource and its ancestors.
     * Not through Validations.acknowledge: it refuses ids holding "::" (IAM findings do), and CDK
     * core would match a "pack::rule" id anywhere in the app, not only under this construct.
     */
    static void ack(IConstruct scope, String id, String reason) {
        scope.getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, Map.of(id, reason));
    }

    /**
     * A CDK warning, acknowledged on its construct so that synth no longer prints it. Through
     * Annotations: Validations.acknowledge records it as "Annotation::id", which does not remove a
     * warning already tagged with the plain id.
     */
    static void ackWarning(IConstruct scope, String id, String reason) {
        Annotations.of(scope).acknowledgeWarning(id, reason);
    }
}
