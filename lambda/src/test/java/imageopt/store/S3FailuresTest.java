package imageopt.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 answers S3Proxy cannot give (SlowDown, 429, NoSuchBucket...), classified as the origin needs them. */
class S3FailuresTest {
    static S3Exception s3(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    static StoreException classify(Exception e) {
        return S3Failures.classify("GET", "bucket", "a.jpg", (software.amazon.awssdk.core.exception.SdkException) e);
    }

    @Test
    void throttlingAndServerErrorsAreRetryable() {
        assertInstanceOf(StoreUnavailableException.class, classify(s3(503, "SlowDown")));
        assertInstanceOf(StoreUnavailableException.class, classify(s3(429, "TooManyRequests")));
        assertInstanceOf(StoreUnavailableException.class, classify(s3(500, "InternalError")));
        assertInstanceOf(StoreUnavailableException.class, classify(s3(504, "GatewayTimeout")));
        assertInstanceOf(StoreUnavailableException.class, classify(SdkClientException.create("Connection refused")));
        assertInstanceOf(StoreUnavailableException.class, classify(ApiCallTimeoutException.create(15000)));
    }

    @Test
    void aMissingKeyIsNoSuchObjectWhicheverWayTheSdkSaysIt() {
        assertInstanceOf(NoSuchObjectException.class, classify(NoSuchKeyException.builder().statusCode(404).build()));
        assertInstanceOf(NoSuchObjectException.class, classify(s3(404, "NoSuchKey")));
    }

    @Test
    void aMissingBucketOrDeniedAccessIsAPlainFailureWithAHint() {
        StoreException bucket = classify(s3(404, "NoSuchBucket"));
        assertEquals(StoreException.class, bucket.getClass());
        StoreException denied = classify(s3(403, "AccessDenied"));
        assertEquals(StoreException.class, denied.getClass());
        assertTrue(denied.getMessage().contains("list the bucket"), denied.getMessage());
    }
}
