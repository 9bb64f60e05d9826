package imageopt.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import imageopt.testing.Exif;
import imageopt.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The function through its event JSON, on a real S3 API (S3Proxy on loopback, the real SDK over HTTP). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionUrlHandlerTest {
    static final String IMAGE_TTL = "max-age=31622400";
    static final String ERROR_TTL = "max-age=60";
    static final String PHOTO_KEY = "photos/cat.jpg";

    Harness fn;
    String photoEtag;
    byte[] gpsJpeg;

    @BeforeAll
    void start() {
        fn = Harness.start(Map.of());
        photoEtag = fn.s3.put(Harness.ORIGINALS, PHOTO_KEY, TestImages.photo(256), "image/jpeg").eTag().replace("\"", "");
        gpsJpeg = Exif.jpegWithPrivacyMetadata(TestImages.photo(200), 1);
        fn.s3.put(Harness.ORIGINALS, "photos/gps.jpg", gpsJpeg, "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "photos/café au lait+1.jpeg", TestImages.photo(128), "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "images/rio/1.jpeg", TestImages.photo(400), "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "images/rio/café au lait+1.jpeg", TestImages.photo(100), "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "photos/big.jpg", TestImages.sample("aitzgorri_by_Aitzol_Berasategi.jpg"), "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "photos/corrupt.jpg", corruptJpeg(), "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "photos/bomb.png", TestImages.pngBomb(), "image/png");
        fn.s3.put(Harness.ORIGINALS, "photos/notes.txt", "not an image".getBytes(StandardCharsets.UTF_8), "text/plain");
        fn.s3.put(Harness.ORIGINALS, "photos/logo.svg", TestImages.svg(), "image/svg+xml");
    }

    @AfterAll
    void stop() {
        fn.closeAll();
    }

    @AfterEach
    void healS3() {
        fn.s3.faults().refusePuts.set(false);
        fn.s3.faults().failGets.set(false);
    }

    static byte[] corruptJpeg() {
        byte[] b = TestImages.photo(64);
        for (int i = 200; i < b.length - 2; i++) {
            b[i] = (byte) 0xA5; // header intact, scan data and tables garbage
        }
        return java.util.Arrays.copyOf(b, 400);
    }

    // --- 200: every output format, what is answered and what is stored -----------------------

    @ParameterizedTest
    @CsvSource({"jpeg,image/jpeg,jpegload_buffer", "png,image/png,pngload_buffer", "webp,image/webp,webpload_buffer",
            "avif,image/avif,heifload_buffer", "gif,image/gif,gifload_buffer"})
    void missTransformsAnswersAndStoresWhatTheNextHitServes(String format, String type, String loader) throws Exception {
        String key = PHOTO_KEY + "/format=" + format + ",width=64";
        Harness.Response r = fn.get("/" + key);

        assertEquals(200, r.status(), new String(r.body()));
        assertEquals(type, r.header("Content-Type"));
        assertEquals(IMAGE_TTL, r.header("Cache-Control"));
        assertEquals("\"" + md5(r.body()) + "\"", r.header("ETag"));
        assertTrue(r.header("Server-Timing").matches("download;dur=[0-9.]+, transform;dur=[0-9.]+, upload;dur=[0-9.]+"), r.header("Server-Timing"));
        assertEquals(64, TestImages.pixels(r.body(), loader).getWidth());

        try (var hit = fn.s3.get(Harness.VARIANTS, key)) { // what CloudFront's S3 origin serves from now on
            GetObjectResponse stored = hit.response();
            assertArrayEquals(r.body(), hit.readAllBytes());
            assertEquals(type, stored.contentType());
            assertEquals(IMAGE_TTL, stored.cacheControl());
            assertEquals(r.header("ETag"), stored.eTag());
            assertEquals(photoEtag, stored.metadata().get("source-etag"));
            assertTrue(stored.metadata().get("engine").matches("imageopt/\\S+ libvips/8\\.18\\.\\d+"), stored.metadata().toString());
        }
    }

    @Test
    void withoutFormatTheSourceFormatIsKept() {
        Harness.Response r = fn.get("/" + PHOTO_KEY + "/width=32");
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.header("Content-Type"));
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABodyAndStoresTheVariant() {
        String key = PHOTO_KEY + "/format=png,width=40";
        Harness.Response head = fn.head("/" + key);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals("image/png", head.header("Content-Type"));
        assertEquals(IMAGE_TTL, head.header("Cache-Control"));
        assertEquals(fn.s3.client().headObject(b -> b.bucket(Harness.VARIANTS).key(key)).eTag(), head.header("ETag"));
        assertEquals(head.header("ETag"), fn.get("/" + key).header("ETag"));
    }

    @Test
    void namesWithSpacesPlusAndUnicodeReachTheirS3Keys() {
        Harness.Response r = fn.get("/photos/caf%C3%A9%20au%20lait%2B1.jpeg/format=webp,width=32");
        assertEquals(200, r.status(), new String(r.body()));
        assertTrue(fn.s3.exists(Harness.VARIANTS, "photos/café au lait+1.jpeg/format=webp,width=32"));
    }

    // --- /original --------------------------------------------------------------------------

    @Test
    void originalOfAJpegWithGpsComesBackWithoutItAndWithIdenticalPixelsAndIsNotStored() {
        assertNotNull(TestImages.field(gpsJpeg, "jpegload_buffer", "exif-ifd3-GPSLatitude"));
        Harness.Response r = fn.get("/photos/gps.jpg/original");
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.header("Content-Type"));
        assertNull(TestImages.field(r.body(), "jpegload_buffer", "exif-ifd3-GPSLatitude"));
        assertNull(TestImages.field(r.body(), "jpegload_buffer", "exif-data"));
        assertFalse(Exif.contains(r.body(), "Jane Doe"));
        assertTrue(TestImages.samePixels(TestImages.pixels(gpsJpeg, "jpegload_buffer"), TestImages.pixels(r.body(), "jpegload_buffer")));
        assertFalse(fn.s3.exists(Harness.VARIANTS, "photos/gps.jpg/original"), "an /original is not copied (AWS sample #47)");
        assertTrue(fn.lastLog().contains("\"made\":\"stripped\""), fn.lastLog());
    }

    @Test
    void originalOfAnSvgIsRasterisedToPng() {
        Harness.Response r = fn.get("/photos/logo.svg/original");
        assertEquals(200, r.status());
        assertEquals("image/png", r.header("Content-Type"));
        assertEquals(40, TestImages.pixels(r.body(), "pngload_buffer").getWidth());
    }

    // --- 302 above MAX_IMAGE_SIZE ------------------------------------------------------------

    @Test
    void overMaxImageSizeTheVariantIsStoredAndTheViewerRedirectedToIt() {
        try (Harness small = fn.with(Map.of("MAX_IMAGE_SIZE", "2000"))) {
            Harness.Response r = small.get("/" + PHOTO_KEY + "/format=png,width=200");
            assertEquals(302, r.status());
            assertEquals("/photos/cat.jpg?format=png&width=200", r.header("Location"));
            assertEquals("private, no-store", r.header("Cache-Control"));
            assertEquals(0, r.body().length);
            assertTrue(fn.s3.exists(Harness.VARIANTS, PHOTO_KEY + "/format=png,width=200"));

            Harness.Response original = small.get("/" + PHOTO_KEY + "/original");
            assertEquals(302, original.status());
            assertEquals("/photos/cat.jpg", original.header("Location"));
            assertTrue(fn.s3.exists(Harness.VARIANTS, PHOTO_KEY + "/original"), "an /original too large to answer is stored");
        }
    }

    @Test
    void theRedirectReusesTheViewersOwnUrlSoASignedUrlStaysSigned() {
        try (Harness small = fn.with(Map.of("MAX_IMAGE_SIZE", "2000"))) {
            String signed = "/photos/cat.jpg?format=auto&w=180&sig=k1.3q2-7wzEbh0J0mPmN4kP3tqk0tqS6q0uQ5xUeSWcR3w";
            Harness.Response r = small.send(Harness.event("GET", "/" + PHOTO_KEY + "/format=webp,width=180",
                    Map.of("x-imageopt-viewer-url", signed)));
            assertEquals(302, r.status());
            assertEquals(signed, r.header("Location"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/photos/cat.jpg", "//evil.example/photos/cat.jpg", "/photos/dog.jpg?format=webp&width=180",
            "/photos/cat.jpg?x=\u00e9", "/photos/cat.jpg\r\nSet-Cookie: a=b"})
    void aViewerUrlForAnotherImageOrAnotherSiteIsNotFollowed(String header) {
        try (Harness small = fn.with(Map.of("MAX_IMAGE_SIZE", "2000"))) {
            Harness.Response r = small.send(Harness.event("GET", "/" + PHOTO_KEY + "/format=webp,width=180", Map.of("x-imageopt-viewer-url", header)));
            assertEquals(302, r.status());
            assertEquals("/photos/cat.jpg?format=webp&width=180", r.header("Location"));
        }
    }

    @Test
    void overMaxImageSizeWithoutStoringIsTheOutputTooLargeProblem() {
        Map<String, String> env = new HashMap<>();
        env.put("MAX_IMAGE_SIZE", "2000");
        env.put("STORE_TRANSFORMED_IMAGES", "false");
        env.put("S3_TRANSFORMED_IMAGE_BUCKET_NAME", null);
        try (Harness noStore = fn.with(env)) {
            Harness.Response r = noStore.get("/" + PHOTO_KEY + "/format=png,width=210");
            assertProblem(r, 500, "output-too-large", ERROR_TTL);
            assertEquals(2000, ((Number) r.problem().get("limit")).intValue());
            assertTrue(((Number) r.problem().get("size")).intValue() > 2000);
            assertFalse(fn.s3.exists(Harness.VARIANTS, PHOTO_KEY + "/format=png,width=210"));
        }
    }

    // --- errors -------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/photos/cat.jpg/width=064 |                 400 | bad-key",
            "/photos/cat.jpg/format=webp&width=64 |      400 | bad-key",
            "/photos/a+b.jpg/original |                  400 | bad-key",
            "/photos/%2e%2e/cat.jpg/original |           400 | bad-key",
            "/photos/cat.jpg/width=5000 |                400 | bad-key",
            "/photos/missing.jpg/original |              404 | no-such-original",
            "/photos/bomb.png/format=webp,width=10 |     413 | too-large",
            "/photos/notes.txt/width=10 |                415 | unsupported-format",
            "/photos/corrupt.jpg/width=10 |              422 | corrupt-image"})
    void everyErrorIsAProblemWithAShortCacheControlAndOneLogLine(String path, int status, String type) throws IOException {
        int logsBefore = fn.logs.size();
        Harness.Response r = fn.get(path);
        assertProblem(r, status, type, ERROR_TTL);
        assertEquals(path, r.problem().get("instance"));
        assertEquals(logsBefore + 1, fn.logs.size());
        Map<String, Object> line = JSON.std.mapFrom(fn.lastLog());
        assertEquals(status, ((Number) line.get("status")).intValue());
        assertEquals(type, line.get("problem"));
        assertEquals("3c7f3a5e-2f0b-4b7c-9d57-0a1b2c3d4e5f", line.get("requestId"));
        assertEquals("warn", line.get("level"));
    }

    @Test
    void aRefusedKeyNamesItsReason() {
        assertEquals("key-bad-operations", fn.get("/photos/cat.jpg/width=064").problem().get("reason"));
        assertEquals("key-not-canonical", fn.get("/photos/a+b.jpg/original").problem().get("reason"));
        assertEquals("path-dot-segment", fn.get("/photos/%2e%2e/cat.jpg/original").problem().get("reason"));
    }

    @Test
    void otherMethodsAre405WithAllow() {
        Harness.Response r = fn.send(Harness.fixture("docs-example-post.json"));
        assertProblem(r, 405, "method-not-allowed", ERROR_TTL);
        assertEquals("GET, HEAD", r.header("Allow"));
    }

    @Test
    void anOriginalOverTheByteLimitIs413BeforeItIsDownloaded() {
        try (Harness tight = fn.with(Map.of("MAX_SOURCE_BYTES", "1000"))) {
            Harness.Response r = tight.get("/" + PHOTO_KEY + "/width=10");
            assertProblem(r, 413, "too-large", ERROR_TTL);
            assertEquals(1000, ((Number) r.problem().get("limit")).intValue());
        }
    }

    @Test
    void aTransformPastItsTimeBudgetIs503() {
        try (Harness hurried = fn.with(Map.of("TRANSFORM_TIMEOUT_MS", "1"))) {
            Harness.Response r = hurried.get("/photos/big.jpg/format=avif,width=2000");
            assertProblem(r, 503, "timeout", "no-store");
            assertEquals("1", r.header("Retry-After"));
        }
    }

    @Test
    void s3InternalErrorsAre503WithRetryAfter() throws IOException {
        fn.s3.faults().failGets.set(true);
        Harness.Response r = fn.get("/" + PHOTO_KEY + "/width=12");
        assertProblem(r, 503, "store-unavailable", "no-store");
        assertEquals("1", r.header("Retry-After"));
        assertEquals("error", JSON.std.mapFrom(fn.lastLog()).get("level"));
    }

    @Test
    void aStoreThatIsDownIs503() {
        Harness down = Harness.start(Map.of());
        try {
            down.s3.stop();
            Harness.Response r = down.get("/" + PHOTO_KEY + "/width=12");
            assertProblem(r, 503, "store-unavailable", "no-store");
            assertEquals("1", r.header("Retry-After"));
        } finally {
            down.closeAll();
        }
    }

    @Test
    void aMisconfiguredStoreIs500NotCached() {
        try (Harness wrong = fn.with(Map.of("S3_IMAGE_BUCKET_NAME", "no-such-bucket"))) {
            assertProblem(wrong.get("/" + PHOTO_KEY + "/width=12"), 500, "internal", "no-store");
        }
    }

    @Test
    void aFailingVariantWriteIsLoggedAndTheImageStillServed() throws IOException {
        fn.s3.faults().refusePuts.set(true);
        String key = PHOTO_KEY + "/format=webp,width=33";
        Harness.Response r = fn.get("/" + key);
        assertEquals(200, r.status());
        assertEquals("image/webp", r.header("Content-Type"));
        assertEquals(33, TestImages.pixels(r.body(), "webpload_buffer").getWidth());
        assertFalse(fn.s3.exists(Harness.VARIANTS, key));
        Map<String, Object> line = JSON.std.mapFrom(fn.lastLog());
        assertEquals("warn", line.get("level"));
        assertTrue(((String) line.get("storeError")).contains("403"), line.toString());
    }

    @Test
    void afterACorruptOriginalAndABombTheFunctionStillServes() {
        assertEquals(422, fn.get("/photos/corrupt.jpg/format=webp,width=20").status());
        assertEquals(413, fn.get("/photos/bomb.png/width=20").status());
        assertEquals(422, fn.get("/photos/corrupt.jpg/original").status());
        Harness.Response r = fn.get("/" + PHOTO_KEY + "/format=avif,width=20");
        assertEquals(200, r.status());
        assertEquals(20, TestImages.pixels(r.body(), "heifload_buffer").getWidth());
    }

    @Test
    void headOfAnErrorHasTheProblemHeadersAndNoBody() {
        Harness.Response r = fn.head("/photos/missing.jpg/original");
        assertEquals(404, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals(0, r.body().length);
    }

    // --- concurrency and fixtures ---------------------------------------------------------

    @Test
    void concurrentInvocationsEachGetTheirOwnAnswer() throws Exception {
        String[] formats = {"jpeg", "png", "webp", "avif", "gif"};
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String format = formats[i % formats.length];
                int width = 20 + i;
                results.add(pool.submit(() -> {
                    Harness.Response r = fn.get("/" + PHOTO_KEY + "/format=" + format + ",width=" + width);
                    String loader = format.equals("avif") ? "heifload_buffer" : format + "load_buffer";
                    assertEquals("image/" + format, r.header("Content-Type"));
                    return new int[] {r.status(), TestImages.pixels(r.body(), loader).getWidth(), width};
                }));
            }
            for (Future<int[]> f : results) {
                int[] r = f.get();
                assertEquals(200, r[0]);
                assertEquals(r[2], r[1]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void realEventSamplesAreAnswered() {
        Harness.Response get = fn.send(Harness.fixture("cloudfront-get.json"));
        assertEquals(200, get.status());
        assertEquals("image/webp", get.header("Content-Type"));
        assertEquals(300, TestImages.pixels(get.body(), "webpload_buffer").getWidth());

        Harness.Response head = fn.send(Harness.fixture("cloudfront-head.json"));
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
        assertEquals(get.header("ETag"), head.header("ETag"));

        Harness.Response encoded = fn.send(Harness.fixture("cloudfront-get-encoded-name.json"));
        assertEquals(200, encoded.status());
        assertEquals("image/jpeg", encoded.header("Content-Type"));

        try (Harness small = fn.with(Map.of("MAX_IMAGE_SIZE", "2000"))) {
            Harness.Response signed = small.send(Harness.fixture("cloudfront-get-signed-viewer-url.json"));
            assertEquals(302, signed.status());
            assertEquals("/images/rio/1.jpeg?format=auto&width=300&sig=k1.3q2-7wzEbh0J0mPmN4kP3tqk0tqS6q0uQ5xUeSWcR3w", signed.header("Location"));
        }
        assertEquals(405, fn.send(Harness.fixture("docs-example-post.json")).status());
    }

    // --- helpers ----------------------------------------------------------------------------

    static void assertProblem(Harness.Response r, int status, String type, String cacheControl) {
        assertEquals(status, r.status(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals(cacheControl, r.header("Cache-Control"));
        assertNotNull(r.header("Server-Timing"));
        Map<String, Object> p = r.problem();
        assertEquals("urn:imageopt:problem:" + type, p.get("type"));
        assertEquals(status, ((Number) p.get("status")).intValue());
        assertNotNull(p.get("title"));
        assertFalse(((String) p.get("detail")).isBlank());
    }

    static String md5(byte[] body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
    }
}
