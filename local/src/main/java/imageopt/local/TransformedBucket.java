package imageopt.local;

import imageopt.edge.HttpDate;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * CloudFront's first origin: the transformed bucket, read as CloudFront reads it (GET, or HEAD for
 * a HEAD), with its own S3 client so that hits never wait for a connection a transform holds.
 * A found object's body is a stream from the store, never read into memory here.
 */
final class TransformedBucket {
    /** The bucket's answer: a found object, or the status that sends the request on to the origin group's next member. */
    sealed interface Lookup {
        /**
         * @param answer status (200, 206 for a range, 416 for a range past the end) and headers, no body
         * @param body   the object's bytes (the range's, for a 206) from the store; null for a HEAD or a 416.
         *               Whoever takes it closes it.
         */
        record Found(Edge.Answer answer, InputStream body) implements Lookup {}

        record Status(int status) implements Lookup {}
    }

    private final S3Client s3;
    private final String bucket;

    TransformedBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** @param range a single byte range ({@link ByteRange}) to ask the store for, or empty for the whole object */
    Lookup lookup(String key, boolean head, Optional<String> range) {
        try {
            if (head) return new Lookup.Found(new Edge.Answer(200, headers(s3.headObject(b -> b.bucket(bucket).key(key))), null), null);
            ResponseInputStream<GetObjectResponse> in;
            try {
                in = s3.getObject(b -> b.bucket(bucket).key(key).range(range.orElse(null)));
            } catch (S3Exception e) {
                if (e.statusCode() != 416 || range.isEmpty()) throw e;
                // past the end: S3 says so without the length, which the 416's Content-Range must carry
                HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key));
                Map<String, String> headers = headers(h);
                headers.remove("content-length");
                headers.remove("content-type");
                headers.put("content-range", "bytes */" + h.contentLength());
                return new Lookup.Found(new Edge.Answer(416, headers, null), null);
            }
            GetObjectResponse r = in.response();
            Map<String, String> headers = headers(r.contentType(), r.cacheControl(), r.eTag(), r.contentLength(), r.lastModified());
            if (r.contentRange() != null) headers.put("content-range", r.contentRange());
            return new Lookup.Found(new Edge.Answer(r.contentRange() != null ? 206 : 200, headers, null), in);
        } catch (S3Exception e) {
            return new Lookup.Status(e.statusCode());
        } catch (SdkClientException e) {
            // the bucket cannot be reached: CloudFront would see a 502/504 and fail over
            return new Lookup.Status(502);
        }
    }

    private static Map<String, String> headers(HeadObjectResponse r) {
        return headers(r.contentType(), r.cacheControl(), r.eTag(), r.contentLength(), r.lastModified());
    }

    private static Map<String, String> headers(String type, String cacheControl, String etag, Long length, java.time.Instant lastModified) {
        Map<String, String> h = new LinkedHashMap<>();
        if (type != null) h.put("content-type", type);
        if (cacheControl != null) h.put("cache-control", cacheControl);
        if (etag != null) h.put("etag", etag.startsWith("\"") ? etag : "\"" + etag + "\"");
        if (length != null) h.put("content-length", Long.toString(length));
        if (lastModified != null) h.put("last-modified", HttpDate.format(lastModified));
        h.put("accept-ranges", "bytes");
        return h;
    }
}
