package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

import java.util.List;

/**
 * DEPLOY_SAMPLE_WEBSITE: one page, served by its own distribution, that shows the seeded samples
 * through the image CDN in several formats and widths (the AWS sample deploys such a site too).
 */
public final class SampleWebsite extends Construct {

    private final Bucket bucket;
    private final Distribution distribution;

    public SampleWebsite(Construct scope, String id, Parameters parameters, String imageDomain, IBucket logs, String webAclArn) {
        super(scope, id);
        bucket = ImageBuckets.privateBucket(this, "Bucket", logs, "s3/website/")
            .removalPolicy(RemovalPolicy.DESTROY)
            .autoDeleteObjects(true)
            .build();
        BucketDeployment.Builder.create(this, "Page")
            .sources(List.of(Source.data("index.html", page(imageDomain))))
            .destinationBucket(bucket)
            .build();
        Distribution.Builder builder = Distribution.Builder.create(this, "Distribution")
            .comment("imageopt " + parameters.stageName() + ": sample website")
            .defaultRootObject("index.html")
            .defaultBehavior(BehaviorOptions.builder()
                .origin(S3BucketOrigin.withOriginAccessControl(bucket))
                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                .build())
            .priceClass(ImageDelivery.priceClass(parameters.priceClass()))
            .httpVersion(HttpVersion.HTTP2_AND_3);
        if (webAclArn != null) builder.webAclId(webAclArn);
        if (logs != null) builder.enableLogging(true).logBucket(logs).logFilePrefix("cloudfront/website/");
        distribution = builder.build();
    }

    public Bucket bucket() {
        return bucket;
    }

    public Distribution distribution() {
        return distribution;
    }

    /** The page; `imageDomain` is a deploy-time value, which Source.data fills in at deploy. */
    static String page(String imageDomain) {
        StringBuilder html = new StringBuilder("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>imageopt sample</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;margin:0 1em 1em 0}
            figcaption{font:12px monospace}</style></head><body>
            <h1>imageopt: the samples through the image CDN</h1>
            """);
        for (String image : Artifacts.sampleImages()) {
            for (String query : List.of("format=auto&width=400", "format=webp&width=300", "format=avif&width=200",
                "format=jpeg&width=640&quality=60")) {
                String url = "https://" + imageDomain + "/" + ImageBuckets.SAMPLES_PREFIX + image + "?" + query;
                html.append("<figure><img src=\"").append(url.replace("&", "&amp;")).append("\" alt=\"").append(image)
                    .append("\"><figcaption>").append(query.replace("&", "&amp;")).append("</figcaption></figure>\n");
            }
        }
        return html.append("</body></html>\n").toString();
    }
}
