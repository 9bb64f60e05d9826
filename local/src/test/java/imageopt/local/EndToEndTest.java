package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.edge.EdgePolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The whole flow over real HTTP on loopback: the URL contract, the transformed bucket of the
 * embedded store, the origin on a miss, every status of the error model, conditional requests,
 * HEAD, the 302 of an oversized variant, and a folder of the user's own images with spaces and
 * non-ASCII names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    static final String AVIF_ACCEPT = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    static final String SAMPLE = "/images/samples/friends_by_Aitzol_Berasategi.jpg";
    /** {@code my pics/été à Donostia.jpg} in the user's folder, as a browser sends it. */
    static final String OWN = "/images/my%20pics/%C3%A9t%C3%A9%20%C3%A0%20Donostia.jpg";
    static final String OWN_UNICODE = "/images/my%20pics/%E4%BA%AC%E9%83%BD%201%2B1.png";

    Path tmp;
    TestEdge edge;

    @BeforeAll
    void start() throws IOException {
        tmp = Files.createTempDirectory("imageopt-e2e");
        Path own = tmp.resolve("my pics");
        Files.createDirectories(own);
        Files.copy(TestEdge.SAMPLES.resolve("friends_by_Aitzol_Berasategi.jpg"), own.resolve("été à Donostia.jpg"));
        Files.copy(TestEdge.SAMPLES.resolve("calla.png"), own.resolve("京都 1+1.png"));
        Files.writeString(own.resolve("notes.txt"), "not an image\n");
        // a PNG signature and then no header: nothing a decoder can read
        byte[] broken = new byte[200];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, broken, 0, 8);
        java.util.Arrays.fill(broken, 8, broken.length, (byte) 0x5a);
        Files.write(own.resolve("broken.png"), broken);
        Files.write(own.resolve("huge.png"), blankPng(12_000, 10_000));
        Files.write(own.resolve("thin.png"), blankPng(1, 99_999_999)); // under the pixel limit, 194 KB
        Files.writeString(own.resolve(".hidden.jpg"), "skipped");
        edge = TestEdge.start(tmp.resolve("data"), "--originals", own.toString(), "--max-image-size", "300000",
                "--transform-workers", "2");
    }

    @AfterAll
    void stop() throws IOException {
        if (edge != null) edge.close();
        TestEdge.delete(tmp);
    }

    @Test
    void missThenHitFromTheTransformedBucketWithoutATransform() {
        String url = SAMPLE + "?format=webp&width=333";
        long before = edge.originCalls();
        HttpResponse<byte[]> miss = edge.get(url);
        assertEquals(200, miss.statusCode());
        assertEquals("Miss", header(miss, "x-cache"));
        assertEquals("image/webp", header(miss, "content-type"));
        assertTrue(header(miss, "server-timing").contains("transform;dur="), header(miss, "server-timing"));
        assertEquals(before + 1, edge.originCalls());

        // stored as the origin wrote it: Content-Type and Cache-Control are the object's own headers
        HeadObjectResponse stored = edge.edge.s3().headObject(b -> b.bucket("transformed")
                .key("images/samples/friends_by_Aitzol_Berasategi.jpg/format=webp,width=333"));
        assertEquals("image/webp", stored.contentType());
        assertEquals(header(miss, "cache-control"), stored.cacheControl());
        assertEquals(header(miss, "etag"), stored.eTag());

        HttpResponse<byte[]> hit = edge.get(url);
        assertEquals(200, hit.statusCode());
        assertEquals("Hit", header(hit, "x-cache"));
        assertArrayEquals(miss.body(), hit.body());
        assertEquals(header(miss, "etag"), header(hit, "etag"));
        assertEquals(header(miss, "cache-control"), header(hit, "cache-control"));
        assertEquals("image/webp", header(hit, "content-type"));
        assertFalse(header(hit, "server-timing").contains("transform"), header(hit, "server-timing"));
        assertEquals(before + 1, edge.originCalls(), "the hit must not reach the origin");
        // aliases and unknown parameters normalise to the same key: a hit too
        assertEquals("Hit", header(edge.get(SAMPLE + "?w=333&fm=webp&utm_source=x"), "x-cache"));
        assertEquals(before + 1, edge.originCalls());
    }

    @Test
    void formatAutoFollowsAccept() {
        String url = SAMPLE + "?format=auto&width=120";
        assertEquals("image/avif", header(edge.get(url, "Accept", AVIF_ACCEPT), "content-type"));
        assertEquals("image/webp", header(edge.get(url, "Accept", "image/webp,*/*"), "content-type"));
        assertEquals("image/jpeg", header(edge.get(url, "Accept", "*/*"), "content-type"));
        assertEquals("image/jpeg", header(edge.get(url), "content-type"));
    }

    @Test
    void responseHeadersPolicyOnEveryAnswer() {
        for (HttpResponse<byte[]> r : List.of(edge.get(SAMPLE + "?width=50"), edge.get(SAMPLE + "?width=0"),
                edge.get("/images/samples/nope.jpg"), edge.get("/"))) {
            assertEquals("accept", header(r, "vary"), r.uri().toString());
            assertEquals("nosniff", header(r, "x-content-type-options"));
            assertEquals(EdgePolicy.VERSION, header(r, EdgePolicy.VERSION_HEADER));
            assertEquals("*", header(r, "access-control-allow-origin"));
            assertEquals("*", header(r, "timing-allow-origin"));
        }
        HttpResponse<byte[]> preflight = edge.send("OPTIONS", SAMPLE, "Origin", "https://example.com",
                "Access-Control-Request-Method", "GET");
        assertEquals(204, preflight.statusCode());
        assertEquals("GET,HEAD", header(preflight, "access-control-allow-methods"));
        assertEquals("600", header(preflight, "access-control-max-age"));
    }

    @Test
    void refusedAtTheEdgeWithAReasonKey() {
        HttpResponse<byte[]> r = edge.get(SAMPLE + "?width=abc");
        assertEquals(400, r.statusCode());
        assertEquals("bad-width", header(r, "x-imageopt-reason"));
        assertEquals("no-store", header(r, "cache-control"));
        assertEquals("application/problem+json", header(r, "content-type"));
        assertEquals("{\"type\":\"urn:imageopt:problem:bad-url\",\"title\":\"Bad URL\",\"status\":400,"
                + "\"detail\":\"width: 1..MAX_DIMENSION\",\"reason\":\"bad-width\"}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("bad-format", header(edge.get(SAMPLE + "?format=svg"), "x-imageopt-reason"));
        assertEquals("repeated-param", header(edge.get(SAMPLE + "?w=1&width=2"), "x-imageopt-reason"));
        assertEquals("path-dot-segment", header(edge.get("/images/%2e%2e/secret.jpg"), "x-imageopt-reason"));
        assertEquals("too-large", header(edge.get(SAMPLE + "?width=4000&dpr=2"), "x-imageopt-reason"));
        assertEquals(-1, edge.accessLog().indexOf("Exception"));
    }

    @Test
    void everyStatusOfTheErrorModel() {
        assertProblem(edge.get("/images/samples/missing.jpg?width=100"), 404);
        assertProblem(edge.get(ownUrl("huge.png") + "?width=100"), 413);
        assertProblem(edge.get(ownUrl("thin.png") + "?width=100"), 413); // was a 500: no output keeps its shape
        assertProblem(edge.get(ownUrl("thin.png") + "?format=webp"), 413);
        assertProblem(edge.get(ownUrl("notes.txt") + "?width=100"), 415);
        assertProblem(edge.get(ownUrl("broken.png") + "?width=100"), 422);
        HttpResponse<byte[]> post = edge.send("POST", SAMPLE);
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD, OPTIONS", header(post, "allow"));
        // errors are not stored: asked again, the origin answers again
        long before = edge.originCalls();
        assertProblem(edge.get("/images/samples/missing.jpg?width=100"), 404);
        assertEquals(before + 1, edge.originCalls());
    }

    @Test
    void ifNoneMatchIsA304OnHitsAndMisses() {
        String url = SAMPLE + "?format=jpeg&width=140";
        HttpResponse<byte[]> first = edge.get(url);
        String etag = header(first, "etag");
        assertNotNull(etag);
        HttpResponse<byte[]> notModified = edge.get(url, "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, header(notModified, "etag"));
        assertEquals(header(first, "cache-control"), header(notModified, "cache-control"));
        assertEquals(200, edge.get(url, "If-None-Match", "\"other\"").statusCode());
        assertEquals(304, edge.get(url, "If-None-Match", "\"other\", W/" + etag).statusCode());
        // on a miss too: the origin's ETag is what S3 will answer for the stored copy
        edge.edge.s3().deleteObject(b -> b.bucket("transformed").key("images/samples/friends_by_Aitzol_Berasategi.jpg/format=jpeg,width=140"));
        HttpResponse<byte[]> missed = edge.get(url, "If-None-Match", etag);
        assertEquals("Miss", header(missed, "x-cache"));
        assertEquals(304, missed.statusCode());
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() {
        String url = SAMPLE + "?format=png&width=90";
        HttpResponse<byte[]> headMiss = edge.head(url);
        assertEquals(200, headMiss.statusCode());
        assertEquals(0, headMiss.body().length);
        assertEquals("image/png", header(headMiss, "content-type"));
        HttpResponse<byte[]> get = edge.get(url);
        assertEquals(Integer.toString(get.body().length), header(headMiss, "content-length"));
        HttpResponse<byte[]> headHit = edge.head(url);
        assertEquals("Hit", header(headHit, "x-cache"));
        assertEquals(Integer.toString(get.body().length), header(headHit, "content-length"));
        assertEquals(header(get, "etag"), header(headHit, "etag"));
        assertEquals(0, headHit.body().length);
    }

    @Test
    void oversizedVariantIsStoredAndRedirectedToItself() {
        // calla.png untouched is ~1.3 MB, over --max-image-size 300000
        String url = "/images/samples/calla.png?format=png";
        HttpResponse<byte[]> redirect = edge.get(url);
        assertEquals(302, redirect.statusCode());
        assertEquals("Miss", header(redirect, "x-cache"));
        assertEquals(url, header(redirect, "location"));
        HttpResponse<byte[]> followed = edge.get(header(redirect, "location"));
        assertEquals(200, followed.statusCode());
        assertEquals("Hit", header(followed, "x-cache"));
        assertEquals("image/png", header(followed, "content-type"));
        assertTrue(followed.body().length > 300_000);
    }

    @Test
    void theUsersOwnFolderWithSpacesAndUnicode() {
        HttpResponse<byte[]> r = edge.get(OWN + "?width=200");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/jpeg", header(r, "content-type"));
        assertEquals("Hit", header(edge.get(OWN + "?width=200"), "x-cache"));
        HttpResponse<byte[]> u = edge.get(OWN_UNICODE + "?format=webp&width=64");
        assertEquals(200, u.statusCode(), new String(u.body(), StandardCharsets.UTF_8));
        // '+' in a name is %2B in the key's URL; a raw + means the same file
        assertEquals("Hit", header(edge.get("/images/my%20pics/%E4%BA%AC%E9%83%BD%201+1.png?format=webp&width=64"), "x-cache"));
        String list = new String(edge.get(DemoPages.SAMPLES_JSON).body(), StandardCharsets.UTF_8);
        assertTrue(list.contains("\"images/my pics/été à Donostia.jpg\""), list);
        assertTrue(list.contains("\"images/samples/calla.png\""), list);
        assertFalse(list.contains(".hidden"), list);
        assertTrue(edge.edge.own().orElseThrow().keys().contains("images/my pics/京都 1+1.png"));
    }

    @Test
    void concurrentMissesOfOneKeyShareOneTransform() throws Exception {
        String url = SAMPLE + "?format=avif&width=410";
        long before = edge.originCalls();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (int i = 0; i < 6; i++) all.add(pool.submit(() -> edge.get(url)));
            for (Future<HttpResponse<byte[]>> f : all) assertEquals(200, f.get().statusCode());
        } finally {
            pool.shutdown();
        }
        assertEquals(before + 1, edge.originCalls());
    }

    @Test
    void demoPage() {
        HttpResponse<byte[]> page = edge.get("/");
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", header(page, "content-type"));
        assertTrue(new String(page.body(), StandardCharsets.UTF_8).contains("imageopt"));
    }

    @Test
    void oneAccessLogLinePerRequest() {
        String marker = "/images/samples/log-check.jpg?width=77";
        edge.get(marker);
        // the line is written once the answer is out: give it a moment
        String line = null;
        for (int i = 0; i < 100 && line == null; i++) {
            line = edge.accessLog().lines().filter(l -> l.contains(marker)).findFirst().orElse(null);
            if (line == null) sleep(20);
        }
        assertNotNull(line, edge.accessLog());
        // time, method, target, status, bytes, hit or miss, milliseconds, key
        assertTrue(line.matches("\\S+ GET \\Q" + marker + "\\E 404 \\d+B miss \\d+ms /images/samples/log-check.jpg/width=77"), line);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String ownUrl(String name) {
        return "/images/my%20pics/" + name;
    }

    static void assertProblem(HttpResponse<byte[]> r, int status) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), body);
        assertEquals("application/problem+json", header(r, "content-type"), body);
        assertTrue(body.contains("\"status\":" + status), body);
        String cache = header(r, "cache-control");
        assertTrue(cache.equals("no-store") || cache.matches("max-age=\\d{1,4}"), cache);
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** A grey PNG of {@code w x h} pixels: a few hundred KB on disk, over the pixel limit once decoded. */
    static byte[] blankPng(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
            int rowsPerBlock = Math.max(1, (1 << 16) / (w + 1)); // rows written a block at a time
            byte[] block = new byte[rowsPerBlock * (w + 1)];
            for (int r = 0; r < rowsPerBlock; r++) java.util.Arrays.fill(block, r * (w + 1) + 1, (r + 1) * (w + 1), (byte) 128);
            for (int y = 0; y < h; y += rowsPerBlock) z.write(block, 0, Math.min(rowsPerBlock, h - y) * (w + 1));
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
