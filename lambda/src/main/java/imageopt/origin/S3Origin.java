package imageopt.origin;

import imageopt.store.S3Clients;
import imageopt.store.S3OriginalStore;
import imageopt.store.S3VariantStore;
import imageopt.store.VariantStore;
import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The origin wired to S3 as a configuration says: one S3 client shared by both stores, the engine
 * with the configured limits. What the Lambda handler and the local edge both start from.
 */
public record S3Origin(ImageOrigin origin, S3Client s3) implements AutoCloseable {
    public static S3Origin create(OriginConfig config, AwsCredentialsProvider credentials, EncoderSettings encoders, Consumer<String> log) {
        S3Client s3 = S3Clients.create(config.region(), config.s3Endpoint(), credentials);
        Optional<VariantStore> variants = config.variantsBucket().map(bucket -> new S3VariantStore(s3, bucket));
        ImageTransformer engine = new ImageTransformer(config.limits(), encoders);
        ImageOrigin origin = new ImageOrigin(new S3OriginalStore(s3, config.originalsBucket()), variants, engine,
                ImageOrigin.Settings.of(config), log);
        return new S3Origin(origin, s3);
    }

    @Override
    public void close() {
        s3.close();
    }
}
