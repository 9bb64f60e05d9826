package imageopt.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The two S3 stores against a real S3 API (S3Proxy on loopback, the real SDK over HTTP). */
class S3StoresTest {
    static LocalS3 s3;

    @BeforeAll
    static void start() {
        s3 = LocalS3.start();
        s3.createBucket("originals");
        s3.createBucket("variants");
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @AfterEach
    void reset() {
        s3.faults().refusePuts.set(false);
        s3.faults().failGets.set(false);
    }

    @Test
    void readsAnOriginalWithItsTypeAndEtag() {
        String etag = s3.put("originals", "a/b c+é.jpg", new byte[] {1, 2, 3}, "image/jpeg").eTag();
        StoredObject o = new S3OriginalStore(s3.client(), "originals").get("a/b c+é.jpg", 100);
        assertArrayEquals(new byte[] {1, 2, 3}, o.bytes());
        assertEquals("image/jpeg", o.contentType());
        assertEquals(etag.replace("\"", ""), o.etag());
    }

    /** Lambda's credentials always carry a session token: the SDK signs and sends it as x-amz-security-token. */
    @Test
    void worksWithSessionCredentialsAsLambdaHandsThemOut() {
        var session = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY, "session-token-as-lambda-sets-it"));
        try (S3Client client = S3Clients.create("us-east-1", Optional.of(s3.endpoint()), session)) {
            new S3VariantStore(client, "variants").put("token/v.webp", new Variant(new byte[] {7, 8}, "image/webp", "max-age=60", Map.of()));
            assertArrayEquals(new byte[] {7, 8}, new S3OriginalStore(client, "variants").get("token/v.webp", 100).bytes());
        }
    }

    @Test
    void missingKeyIsNoSuchObject() {
        assertThrows(NoSuchObjectException.class, () -> new S3OriginalStore(s3.client(), "originals").get("nope.jpg", 100));
    }

    @Test
    void refusesAnOriginalOverTheLimitBeforeReadingIt() {
        s3.put("originals", "big.bin", new byte[1000], "application/octet-stream");
        ObjectTooLargeException e = assertThrows(ObjectTooLargeException.class,
                () -> new S3OriginalStore(s3.client(), "originals").get("big.bin", 999));
        assertEquals(1000, e.size());
        assertEquals(999, e.limit());
    }

    @Test
    void writesContentTypeAndCacheControlAsObjectHeadersAndMetadataAsUserMetadata() throws Exception {
        new S3VariantStore(s3.client(), "variants").put("a b/format=webp", new Variant(new byte[] {9, 8},
                "image/webp", "max-age=31622400", Map.of("source-etag", "abc", "engine", "imageopt/dev libvips/8.18.7")));
        try (var in = s3.get("variants", "a b/format=webp")) {
            GetObjectResponse r = in.response();
            assertArrayEquals(new byte[] {9, 8}, in.readAllBytes());
            assertEquals("image/webp", r.contentType());
            assertEquals("max-age=31622400", r.cacheControl());
            assertEquals(Map.of("source-etag", "abc", "engine", "imageopt/dev libvips/8.18.7"), r.metadata());
        }
    }

    @Test
    void aRefusedWriteIsAStoreFailureNotRetryable() {
        s3.faults().refusePuts.set(true);
        StoreException e = assertThrows(StoreException.class, () -> new S3VariantStore(s3.client(), "variants")
                .put("x", new Variant(new byte[1], "image/png", "max-age=1", Map.of())));
        assertEquals(StoreException.class, e.getClass());
    }

    @Test
    void internalErrorsAfterRetriesAreUnavailable() {
        s3.put("originals", "flaky.jpg", new byte[] {1}, "image/jpeg");
        s3.faults().failGets.set(true);
        assertThrows(StoreUnavailableException.class, () -> new S3OriginalStore(s3.client(), "originals").get("flaky.jpg", 100));
    }

    @Test
    void aStoreThatIsDownIsUnavailable() {
        try (LocalS3 other = LocalS3.start()) {
            S3Client client = S3Clients.create("us-east-1", Optional.of(other.endpoint()), LocalS3.CREDENTIALS);
            other.stop();
            assertThrows(StoreUnavailableException.class, () -> new S3OriginalStore(client, "originals").get("a.jpg", 100));
            client.close();
        }
    }
}
