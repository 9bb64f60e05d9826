package imageopt.local;

import static imageopt.local.EndToEndTest.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import imageopt.edge.HttpDate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HTTP as CloudFront and S3 answer it (issue 13): IMF-fixdate Last-Modified on hits and misses,
 * If-Modified-Since, Range, every 400 the contract's problem+json whatever the request target
 * holds, and a bomb refused as an original on the URL without parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpDetailsTest {
    static final Pattern IMF_FIXDATE = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d GMT");
    static final String SAMPLE = "/images/samples/calla.png";

    Path tmp;
    TestEdge edge;

    @BeforeAll
    void start() throws IOException {
        tmp = Files.createTempDirectory("imageopt-http");
        Path bombs = tmp.resolve("bombs");
        Files.createDirectories(bombs);
        Files.write(bombs.resolve("30000x30000.png"), headerOnlyPng(30000, 30000));
        Files.write(bombs.resolve("1x99999999.png"), headerOnlyPng(1, 99_999_999));
        edge = TestEdge.start(tmp.resolve("data"), "--originals", bombs.toString());
    }

    @AfterAll
    void stop() throws IOException {
        if (edge != null) edge.close();
        TestEdge.delete(tmp);
    }

    @Test
    void lastModifiedIsAnImfFixdateOnMissesAndHits() {
        String url = SAMPLE + "?format=webp&width=61";
        HttpResponse<byte[]> miss = edge.get(url);
        HttpResponse<byte[]> hit = edge.get(url);
        assertEquals("Miss", header(miss, "x-cache"));
        assertEquals("Hit", header(hit, "x-cache"));
        for (HttpResponse<byte[]> r : java.util.List.of(miss, hit)) {
            String lastModified = header(r, "last-modified");
            assertTrue(lastModified != null && IMF_FIXDATE.matcher(lastModified).matches(), lastModified);
        }
        // the miss's date is the variant's making, the hit's its storing: the same second or the next
        long apart = HttpDate.parse(header(hit, "last-modified")).orElseThrow().getEpochSecond()
                - HttpDate.parse(header(miss, "last-modified")).orElseThrow().getEpochSecond();
        assertTrue(apart >= -1 && apart <= 2, apart + " s");
    }

    @Test
    void ifModifiedSinceIs304AndIfNoneMatchTakesPrecedence() {
        String url = SAMPLE + "?format=webp&width=62";
        edge.get(url);
        HttpResponse<byte[]> hit = edge.get(url);
        String lastModified = header(hit, "last-modified");
        String etag = header(hit, "etag");
        HttpResponse<byte[]> notModified = edge.get(url, "If-Modified-Since", lastModified);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, header(notModified, "etag"));
        assertEquals(lastModified, header(notModified, "last-modified"));
        assertEquals(200, edge.get(url, "If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT").statusCode());
        assertEquals(304, edge.get(url, "If-Modified-Since", "Sunday, 06-Nov-44 08:49:37 GMT").statusCode(), "RFC 850: 2044");
        assertEquals(200, edge.get(url, "If-Modified-Since", "not a date").statusCode());
        // If-None-Match wins: a different tag means modified, whatever the date says
        assertEquals(200, edge.get(url, "If-None-Match", "\"other\"", "If-Modified-Since", lastModified).statusCode());
        assertEquals(304, edge.head(url, "If-Modified-Since", lastModified).statusCode());
        // a miss carries its own date: asked again with it, the answer is a 304 from the bucket
        String fresh = SAMPLE + "?format=webp&width=63";
        String made = header(edge.get(fresh), "last-modified");
        assertEquals(304, edge.get(fresh, "If-Modified-Since", HttpDate.format(Instant.now().plusSeconds(5))).statusCode(), made);
    }

    @Test
    void rangesOnAHitAre206Or416AndAListOfRangesIsTheWholeObject() {
        String url = SAMPLE + "?format=png&width=64";
        byte[] whole = edge.get(url).body();
        int n = whole.length;
        assertTrue(n > 1000, n + " bytes");
        HttpResponse<byte[]> first = edge.get(url, "Range", "bytes=0-99");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-99/" + n, header(first, "content-range"));
        assertArrayEquals(Arrays.copyOfRange(whole, 0, 100), first.body());
        assertEquals("bytes", header(first, "accept-ranges"));
        HttpResponse<byte[]> tail = edge.get(url, "Range", "bytes=-10");
        assertEquals(206, tail.statusCode());
        assertArrayEquals(Arrays.copyOfRange(whole, n - 10, n), tail.body());
        HttpResponse<byte[]> from = edge.get(url, "Range", "bytes=" + (n - 5) + "-");
        assertEquals("bytes " + (n - 5) + "-" + (n - 1) + "/" + n, header(from, "content-range"));
        assertArrayEquals(Arrays.copyOfRange(whole, n - 5, n), from.body());
        HttpResponse<byte[]> past = edge.get(url, "Range", "bytes=" + n + "-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + n, header(past, "content-range"));
        assertEquals(416, edge.get(url, "Range", "bytes=-0").statusCode());
        for (String ignored : new String[] {"bytes=0-1,5-6", "bytes=9-3", "pages=1-2", "bytes=x-"}) {
            HttpResponse<byte[]> r = edge.get(url, "Range", ignored);
            assertEquals(200, r.statusCode(), ignored);
            assertArrayEquals(whole, r.body(), ignored);
        }
        // conditionals come before the range
        assertEquals(304, edge.get(url, "Range", "bytes=0-9", "If-None-Match", header(first, "etag")).statusCode());
    }

    @Test
    void everyRefusalIsTheContractsProblemJsonWhateverTheTargetHolds() throws IOException {
        Map<String, String> reasons = Map.of(
                "/images/a\\b.png", "path-bad-char",
                "/images/a%zz.png", "path-bad-escape",
                "/images/a%2.png", "path-bad-escape",
                "/images/a%00b.png", "path-bad-char",
                "/../etc/passwd", "path-dot-segment",
                "/images/%2e%2e/%2e%2e/x.png", "path-dot-segment",
                "/images/a.png?width=%zz", "bad-width",
                "/images/a.png?w=1&w=2", "repeated-param");
        for (var e : reasons.entrySet()) {
            TestEdge.Raw r = edge.raw(e.getKey());
            assertEquals(400, r.status(), e.getKey() + ": " + r.body());
            assertEquals("application/problem+json", r.headers().get("content-type"), e.getKey());
            assertEquals(e.getValue(), r.headers().get("x-imageopt-reason"), e.getKey());
            assertEquals("no-store", r.headers().get("cache-control"), e.getKey());
            assertEquals("nosniff", r.headers().get("x-content-type-options"), e.getKey());
            Map<String, Object> problem = JSON.std.mapFrom(r.body());
            assertEquals("urn:imageopt:problem:bad-url", problem.get("type"), e.getKey());
            assertEquals(e.getValue(), problem.get("reason"));
            assertEquals(400, ((Number) problem.get("status")).intValue());
        }
        // characters a URI class refuses but the contract accepts reach the origin (no such original)
        for (String target : new String[] {"/images/a|b.png", "/images/a\"b.png", "/images/a{b}^`.png"}) {
            TestEdge.Raw r = edge.raw(target);
            assertEquals(404, r.status(), target + ": " + r.body());
            assertEquals("application/problem+json", r.headers().get("content-type"));
        }
        // not HTTP at all: still a problem, never an HTML page
        TestEdge.Raw control = edge.raw("/images/a\u0001b.png");
        assertEquals(400, control.status());
        assertEquals("application/problem+json", control.headers().get("content-type"));
        assertTrue(control.body().startsWith("{\"type\":\"urn:imageopt:problem:"), control.body());
    }

    @Test
    void aBombIs413OnTheUrlWithoutParametersAsOnATransform() throws IOException {
        for (String name : new String[] {"30000x30000.png", "1x99999999.png"}) {
            for (String url : new String[] {"/images/bombs/" + name, "/images/bombs/" + name + "?width=100"}) {
                HttpResponse<byte[]> r = edge.get(url);
                assertEquals(413, r.statusCode(), url + ": " + new String(r.body(), StandardCharsets.UTF_8));
                assertEquals("urn:imageopt:problem:too-large", JSON.std.mapFrom(r.body()).get("type"));
                assertNull(header(r, "etag"));
            }
        }
    }

    /** A PNG whose header claims width x height grey pixels, with the first rows' data only. */
    static byte[] headerOnlyPng(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        EndToEndTest.chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[(width + 1) * Math.min(height, 16)]);
        deflater.finish();
        byte[] z = new byte[1 << 20];
        EndToEndTest.chunk(out, "IDAT", Arrays.copyOf(z, deflater.deflate(z)));
        EndToEndTest.chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }
}
