package imageopt.store;

import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Originals in one S3 bucket, read whole into memory after checking their length. */
public final class S3OriginalStore implements OriginalStore {
    private final S3Client s3;
    private final String bucket;

    public S3OriginalStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public StoredObject get(String key, long maxBytes) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key).build();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
            GetObjectResponse response = in.response();
            Long length = response.contentLength();
            if (length != null && length > maxBytes) {
                in.abort(); // do not drain a body we refuse
                throw new ObjectTooLargeException(key, length, maxBytes);
            }
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                in.abort();
                throw new ObjectTooLargeException(key, bytes.length, maxBytes);
            }
            return new StoredObject(bytes, response.contentType(), unquote(response.eTag()));
        } catch (SdkException e) {
            throw S3Failures.classify("GET", bucket, key, e);
        } catch (IOException e) {
            throw new StoreUnavailableException("GET s3://" + bucket + "/" + key + ": reading the body failed: " + e.getMessage(), e);
        }
    }

    private static String unquote(String etag) {
        return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }
}
