package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

import java.util.List;

/**
 * The buckets: originals (an existing one by name, or a new one seeded with the samples), the
 * transformed variants (when stored), and the access logs (when logging). All private,
 * encrypted, TLS-only.
 */
public final class ImageBuckets extends Construct {

    /** Where the seeded samples land: /images/&lt;file&gt; at the CDN. */
    public static final String SAMPLES_PREFIX = "images/";

    private final IBucket originals;
    private final Bucket transformed;
    private final Bucket logs;

    public ImageBuckets(Construct scope, String id, Parameters parameters) {
        super(scope, id);
        logs = parameters.loggingEnabled() ? logsBucket(parameters) : null;
        originals = parameters.importsOriginals()
            ? Bucket.fromBucketName(this, "Originals", parameters.originalsBucketName())
            : newOriginals();
        transformed = parameters.storeTransformedImages() ? transformedBucket(parameters) : null;
    }

    public IBucket originals() {
        return originals;
    }

    /** Null when STORE_TRANSFORMED_IMAGES is false. */
    public Bucket transformed() {
        return transformed;
    }

    /** Null when LOGGING_ENABLED is false. */
    public Bucket logs() {
        return logs;
    }

    /** A private bucket the way every one here is made; access logs go to `logs` unless null. */
    static Bucket.Builder privateBucket(Construct scope, String id, IBucket logs, String logPrefix) {
        Bucket.Builder builder = Bucket.Builder.create(scope, id)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true);
        if (logs != null) builder.serverAccessLogsBucket(logs).serverAccessLogsPrefix(logPrefix);
        return builder;
    }

    // The user's images: kept when the stack goes (RETAIN), whatever was uploaded since.
    private Bucket newOriginals() {
        Bucket bucket = privateBucket(this, "Originals", logs, "s3/originals/").removalPolicy(RemovalPolicy.RETAIN).build();
        BucketDeployment.Builder.create(this, "SampleImages")
            .sources(List.of(Source.asset(Artifacts.require(Artifacts.SAMPLE_IMAGES).toString())))
            .destinationBucket(bucket)
            .destinationKeyPrefix(SAMPLES_PREFIX)
            // never delete what users put under images/ that is not one of the samples
            .prune(false)
            .build();
        return bucket;
    }

    // A cache that can always be rebuilt: emptied and deleted with the stack.
    private Bucket transformedBucket(Parameters parameters) {
        return privateBucket(this, "Transformed", logs, "s3/transformed/")
            .lifecycleRules(List.of(LifecycleRule.builder()
                .expiration(Duration.days(parameters.transformedExpirationDays()))
                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                .build()))
            .removalPolicy(RemovalPolicy.DESTROY)
            .autoDeleteObjects(true)
            .build();
    }

    // CloudFront's standard logs are delivered through the bucket's ACL (it grants the awslogsdelivery
    // account FULL_CONTROL), so ACLs stay enabled; with BUCKET_OWNER_PREFERRED, AWS's recommendation
    // for these logs, the bucket owner owns every log file they deliver. Logs are evidence, kept
    // when the stack goes.
    private Bucket logsBucket(Parameters parameters) {
        return Bucket.Builder.create(this, "Logs")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
            .lifecycleRules(List.of(LifecycleRule.builder()
                .expiration(Duration.days(parameters.logRetentionDays()))
                .build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    }
}
