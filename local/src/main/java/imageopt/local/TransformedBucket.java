package imageopt.local;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * CloudFront's first origin: the transformed bucket, read as CloudFront reads it (GET, or HEAD for
 * a HEAD), with its own S3 client so that hits never wait for a connection a transform holds.
 */
final class TransformedBucket {
    /** The bucket's answer: a found object, or the status that sends the request on to the origin group's next member. */
    sealed interface Lookup {
        record Found(Edge.Answer answer) implements Lookup {}

        record Status(int status) implements Lookup {}
    }

    private final S3Client s3;
    private final String bucket;

    TransformedBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    Lookup lookup(String key, boolean head) {
        try {
            if (head) {
                HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(key));
                return new Lookup.Found(new Edge.Answer(200,
                        headers(r.contentType(), r.cacheControl(), r.eTag(), r.contentLength(), r.lastModified()), new byte[0]));
            }
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            GetObjectResponse r = bytes.response();
            return new Lookup.Found(new Edge.Answer(200,
                    headers(r.contentType(), r.cacheControl(), r.eTag(), r.contentLength(), r.lastModified()), bytes.asByteArray()));
        } catch (S3Exception e) {
            return new Lookup.Status(e.statusCode());
        } catch (SdkClientException e) {
            // the bucket cannot be reached: CloudFront would see a 502/504 and fail over
            return new Lookup.Status(502);
        }
    }

    private static Map<String, String> headers(String type, String cacheControl, String etag, Long length, java.time.Instant lastModified) {
        Map<String, String> h = new LinkedHashMap<>();
        if (type != null) h.put("content-type", type);
        if (cacheControl != null) h.put("cache-control", cacheControl);
        if (etag != null) h.put("etag", etag.startsWith("\"") ? etag : "\"" + etag + "\"");
        if (length != null) h.put("content-length", Long.toString(length));
        if (lastModified != null) {
            h.put("last-modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atZone(java.time.ZoneOffset.UTC)));
        }
        return h;
    }
}
