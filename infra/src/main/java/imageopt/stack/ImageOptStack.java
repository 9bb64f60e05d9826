package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * One deployment of the image CDN in one region of the region table: buckets, origin function,
 * edge function, distribution, and optionally the web ACL (when this stack is in us-east-1) and
 * the sample website. In any other region the web ACL comes from a {@link WafStack}.
 */
public final class ImageOptStack extends Stack {

    private final ImageBuckets buckets;
    private final OriginFunction origin;
    private final EdgeFunction edge;
    private final ImageDelivery delivery;
    private final SampleWebsite sampleWebsite;

    /**
     * @param externalWebAcl the web ACL of a {@link WafStack}, or null to create one here when
     *                       WAF_ENABLED (the region must then be us-east-1)
     */
    public ImageOptStack(Construct scope, String id, Parameters parameters, ImageWebAcl externalWebAcl) {
        super(scope, id, StackProps.builder()
            .env(Environment.builder().account(parameters.account()).region(parameters.region()).build())
            .description("imageopt " + parameters.stageName() + ": on-the-fly image optimizer (CloudFront, S3, Lambda java25 + libvips)")
            .crossRegionReferences(externalWebAcl != null)
            .build());
        buckets = new ImageBuckets(this, "Buckets", parameters);
        origin = new OriginFunction(this, "Origin", parameters, parameters.regionRow().snapStart(), buckets.originals(),
            buckets.transformed());
        edge = new EdgeFunction(this, "Edge", parameters.stageName(), parameters.contract());
        String webAclArn = webAclArn(parameters, externalWebAcl);
        delivery = new ImageDelivery(this, "Delivery", parameters, buckets, origin, edge, webAclArn, originShieldRegion(parameters));
        sampleWebsite = parameters.deploySampleWebsite()
            ? new SampleWebsite(this, "SampleWebsite", parameters, delivery.distribution().getDistributionDomainName(),
                buckets.logs(), webAclArn)
            : null;
        if (parameters.lambdaTimeout() > Parameters.ORIGIN_READ_TIMEOUT_LIMIT) {
            Annotations.of(delivery).addWarningV2("imageopt:originReadTimeoutCapped", Parameters.LAMBDA_TIMEOUT + " is "
                + parameters.lambdaTimeout() + " s but CloudFront waits at most " + Parameters.ORIGIN_READ_TIMEOUT_LIMIT
                + " s for an origin (more needs a quota increase): transforms running longer reach viewers as 504s");
        }
        outputs(parameters);
        NagAcknowledgements.apply(this, parameters);
        LintConfig.apply(this);
    }

    public ImageBuckets buckets() {
        return buckets;
    }

    public OriginFunction origin() {
        return origin;
    }

    public EdgeFunction edge() {
        return edge;
    }

    public ImageDelivery delivery() {
        return delivery;
    }

    /** Null unless DEPLOY_SAMPLE_WEBSITE. */
    public SampleWebsite sampleWebsite() {
        return sampleWebsite;
    }

    private String webAclArn(Parameters parameters, ImageWebAcl externalWebAcl) {
        if (!parameters.wafEnabled()) return null;
        if (externalWebAcl != null) return externalWebAcl.arn();
        return new ImageWebAcl(this, "Waf", parameters).arn();
    }

    // The explicit choice, else the region table's.
    private static String originShieldRegion(Parameters parameters) {
        String chosen = parameters.originShieldRegion();
        if ("none".equals(chosen)) return null;
        return chosen != null ? chosen : parameters.regionRow().originShield();
    }

    private void outputs(Parameters parameters) {
        output("ImageDeliveryDomain", "Domain name of image delivery", delivery.distribution().getDistributionDomainName());
        output("ImageDeliveryDistributionId", "CloudFront distribution of image delivery",
            delivery.distribution().getDistributionId());
        output("OriginalImagesS3Bucket", "S3 bucket where original images are stored", buckets.originals().getBucketName());
        if (buckets.transformed() != null) {
            output("TransformedImagesS3Bucket", "S3 bucket where transformed images are stored",
                buckets.transformed().getBucketName());
        }
        output("OriginFunctionName", "The origin Lambda function (its URL is on alias " + OriginFunction.ALIAS + ")",
            origin.function().getFunctionName());
        if (!parameters.customDomainNames().isEmpty()) {
            output("CustomDomainNames", "Point these names (CNAME or alias records) at ImageDeliveryDomain",
                String.join(",", parameters.customDomainNames()));
        }
        if (edge.signingKeys() != null) {
            output("SigningKeyValueStoreArn", "Load URL signing keys here after deploy (key id -> secret)",
                edge.signingKeys().getKeyValueStoreArn());
        }
        if (buckets.logs() != null) {
            output("LogsS3Bucket", "S3 bucket of CloudFront standard logs and S3 access logs", buckets.logs().getBucketName());
        }
        if (sampleWebsite != null) {
            output("SampleWebsiteDomain", "Sample website domain", sampleWebsite.distribution().getDistributionDomainName());
            output("SampleWebsiteS3Bucket", "S3 bucket used by the sample website", sampleWebsite.bucket().getBucketName());
        }
    }

    private void output(String id, String description, String value) {
        CfnOutput.Builder.create(this, id).description(description).value(value).build();
    }
}
