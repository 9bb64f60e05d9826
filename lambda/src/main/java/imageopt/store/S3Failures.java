package imageopt.store;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns what the S3 SDK throws into the store's typed failures, after the SDK's own retries. */
final class S3Failures {
    private S3Failures() {}

    static StoreException classify(String action, String bucket, String key, SdkException e) {
        String where = action + " s3://" + bucket + "/" + key;
        if (e instanceof NoSuchKeyException) {
            return new NoSuchObjectException(key);
        }
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            if ("NoSuchKey".equals(code)) {
                return new NoSuchObjectException(key);
            }
            if (s3.isThrottlingException() || status == 429 || status >= 500) {
                return new StoreUnavailableException(where + ": S3 answered " + status + " " + code, e);
            }
            String hint = status == 403
                    ? " (S3 answers 403, not 404, for a missing key when the role may not list the bucket)"
                    : "";
            return new StoreException(where + ": S3 answered " + status + " " + code + hint, e);
        }
        if (e instanceof SdkClientException) { // connection refused, reset, timeouts: the store is out of reach
            return new StoreUnavailableException(where + ": " + e.getMessage(), e);
        }
        return new StoreException(where + ": " + e.getMessage(), e);
    }
}
