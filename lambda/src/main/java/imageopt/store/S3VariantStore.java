package imageopt.store;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Variants in one S3 bucket. Content-Type and Cache-Control are the object's own headers, so
 * S3 (and CloudFront in front of it) answers with them; the AWS sample once wrote Cache-Control
 * as user metadata, where nobody reads it (its issue #56).
 */
public final class S3VariantStore implements VariantStore {
    private final S3Client s3;
    private final String bucket;

    public S3VariantStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Variant variant) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(variant.contentType())
                .cacheControl(variant.cacheControl())
                .metadata(variant.metadata())
                .build();
        try {
            s3.putObject(request, RequestBody.fromBytes(variant.bytes()));
        } catch (SdkException e) {
            throw S3Failures.classify("PUT", bucket, key, e);
        }
    }
}
