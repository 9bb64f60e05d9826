package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.FunctionAssociation;
import software.amazon.awscdk.services.cloudfront.FunctionEventType;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.IOrigin;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersCorsBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOrigin;
import software.amazon.awscdk.services.cloudfront.origins.FunctionUrlOriginWithOACProps;
import software.amazon.awscdk.services.cloudfront.origins.OriginGroup;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.List;

/**
 * The image distribution: the cache policy keyed on the URI alone, the response headers, the
 * origins behind origin access control (transformed bucket first, the function on a miss), the
 * viewer-request function, and the function's permissions for this distribution only.
 */
public final class ImageDelivery extends Construct {

    /**
     * S3 behind origin access control answers 403 for a missing key (no list permission), so 403
     * is a miss; CloudFront's default list (500, 502, 503, 504) would never fall over on it.
     */
    public static final List<Number> FALLBACK_STATUS_CODES = List.of(403, 500, 503, 504);

    private final Distribution distribution;

    public ImageDelivery(Construct scope, String id, Parameters parameters, ImageBuckets buckets, OriginFunction origin,
                         EdgeFunction edge, String webAclArn, String originShieldRegion) {
        super(scope, id);
        distribution = distribution(parameters, buckets, origin, edge, webAclArn, originShieldRegion);
        allowCloudFront(origin);
    }

    public Distribution distribution() {
        return distribution;
    }

    private Distribution distribution(Parameters parameters, ImageBuckets buckets, OriginFunction origin,
                                      EdgeFunction edge, String webAclArn, String originShieldRegion) {
        BehaviorOptions behavior = BehaviorOptions.builder()
            .origin(origin(parameters, buckets.transformed(), origin, originShieldRegion))
            .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
            // Images are compressed already; CloudFront's gzip would only cost time.
            .compress(false)
            .cachePolicy(cachePolicy())
            .responseHeadersPolicy(responseHeaders(parameters))
            .functionAssociations(List.of(FunctionAssociation.builder()
                .eventType(FunctionEventType.VIEWER_REQUEST)
                .function(edge.function())
                .build()))
            .build();
        Distribution.Builder builder = Distribution.Builder.create(this, "Distribution")
            .comment("imageopt " + parameters.stageName() + ": image delivery")
            .defaultBehavior(behavior)
            .priceClass(priceClass(parameters.priceClass()))
            .httpVersion(HttpVersion.HTTP2_AND_3)
            .enableIpv6(true);
        if (webAclArn != null) builder.webAclId(webAclArn);
        if (buckets.logs() != null) {
            builder.enableLogging(true).logBucket(buckets.logs()).logFilePrefix("cloudfront/images/");
        }
        if (!parameters.customDomainNames().isEmpty()) {
            builder.domainNames(parameters.customDomainNames())
                .certificate(Certificate.fromCertificateArn(this, "Certificate", parameters.certificateArn()))
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021);
        }
        return builder.build();
    }

    private IOrigin origin(Parameters parameters, IBucket transformed, OriginFunction origin, String originShieldRegion) {
        FunctionUrlOriginWithOACProps.Builder functionProps = FunctionUrlOriginWithOACProps.builder()
            // The AWS sample waits CloudFront's default 30 s for a 60 s function: wait as long as it may run.
            .readTimeout(Duration.seconds(parameters.originReadTimeout()));
        if (originShieldRegion != null) functionProps.originShieldRegion(originShieldRegion);
        IOrigin function = FunctionUrlOrigin.withOriginAccessControl(origin.url(), functionProps.build());
        if (transformed == null) return function;
        S3BucketOriginWithOACProps.Builder bucketProps = S3BucketOriginWithOACProps.builder();
        if (originShieldRegion != null) bucketProps.originShieldRegion(originShieldRegion);
        return OriginGroup.Builder.create()
            .primaryOrigin(S3BucketOrigin.withOriginAccessControl(transformed, bucketProps.build()))
            .fallbackOrigin(function)
            .fallbackStatusCodes(FALLBACK_STATUS_CODES)
            .build();
    }

    // Minimum TTL 0: a higher one would cache the origin's "private, no-store" 302 for too-large
    // images, and the viewer would loop on it (the AWS sample's issue #71). The key is the URI the
    // edge function made canonical; nothing else may split the cache.
    private CachePolicy cachePolicy() {
        return CachePolicy.Builder.create(this, "CachePolicy")
            .comment("imageopt: the canonical URI is the whole key")
            .minTtl(Duration.seconds(0))
            .defaultTtl(Duration.hours(24))
            .maxTtl(Duration.days(365))
            .queryStringBehavior(CacheQueryStringBehavior.none())
            .headerBehavior(CacheHeaderBehavior.none())
            .cookieBehavior(CacheCookieBehavior.none())
            .enableAcceptEncodingGzip(false)
            .enableAcceptEncodingBrotli(false)
            .build();
    }

    // Vary: Accept, because format=auto answers one URL differently per browser; the CDN's key
    // holds the resolved format, but browsers and proxies after it only see the viewer's URL.
    private ResponseHeadersPolicy responseHeaders(Parameters parameters) {
        ResponseHeadersPolicy.Builder policy = ResponseHeadersPolicy.Builder.create(this, "ResponseHeaders")
            .comment("imageopt: Vary on Accept, nosniff, HSTS" + (parameters.corsEnabled() ? ", CORS for any origin" : ""))
            .customHeadersBehavior(ResponseCustomHeadersBehavior.builder()
                .customHeaders(List.of(ResponseCustomHeader.builder().header("vary").value("accept").override(true).build()))
                .build())
            .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                .contentTypeOptions(ResponseHeadersContentTypeOptions.builder().override(true).build())
                .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                    .accessControlMaxAge(Duration.days(365)).includeSubdomains(false).override(true).build())
                .build());
        if (parameters.corsEnabled()) {
            // The AWS sample's CORS: any origin may GET, preflight cached 10 minutes.
            policy.corsBehavior(ResponseHeadersCorsBehavior.builder()
                .accessControlAllowCredentials(false)
                .accessControlAllowHeaders(List.of("*"))
                .accessControlAllowMethods(List.of("GET"))
                .accessControlAllowOrigins(List.of("*"))
                .accessControlMaxAge(Duration.seconds(600))
                .originOverride(false)
                .build());
        }
        return policy.build();
    }

    // Function URLs created since October 2025 need both actions for CloudFront's principal; CDK
    // 2.263.0 grants only InvokeFunctionUrl, and on the URL's function ARN. Both go on the alias the
    // URL belongs to, each for this distribution alone.
    private void allowCloudFront(OriginFunction origin) {
        ServicePrincipal cloudFront = new ServicePrincipal("cloudfront.amazonaws.com");
        origin.alias().addPermission("CloudFrontInvokeFunctionUrl", Permission.builder()
            .principal(cloudFront)
            .action("lambda:InvokeFunctionUrl")
            .functionUrlAuthType(FunctionUrlAuthType.AWS_IAM)
            .sourceArn(distribution.getDistributionArn())
            .build());
        origin.alias().addPermission("CloudFrontInvokeFunction", Permission.builder()
            .principal(cloudFront)
            .action("lambda:InvokeFunction")
            .invokedViaFunctionUrl(true)
            .sourceArn(distribution.getDistributionArn())
            .build());
    }

    static PriceClass priceClass(String name) {
        return switch (name) {
            case "PriceClass_100" -> PriceClass.PRICE_CLASS_100;
            case "PriceClass_200" -> PriceClass.PRICE_CLASS_200;
            default -> PriceClass.PRICE_CLASS_ALL;
        };
    }
}
