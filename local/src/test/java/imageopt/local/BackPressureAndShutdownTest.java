package imageopt.local;

import static imageopt.local.EndToEndTest.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackPressureAndShutdownTest {
    static final String BIG = "/images/samples/aitzgorri_by_Aitzol_Berasategi.jpg";

    @TempDir
    Path tmp;

    @Test
    void pastTheQueueA503WithRetryAfterAndHitsAreNeverQueued() throws Exception {
        try (TestEdge edge = TestEdge.start(tmp.resolve("data"), "--transform-workers", "1", "--transform-queue", "1")) {
            String hit = BIG + "?width=64";
            assertEquals(200, edge.get(hit).statusCode());
            assertEquals("Hit", header(edge.get(hit), "x-cache"));

            List<CompletableFuture<HttpResponse<byte[]>>> misses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String url = BIG + "?format=avif&width=" + (1000 + i);
                misses.add(CompletableFuture.supplyAsync(() -> edge.get(url)));
            }
            // while the worker is busy, hits go straight to the bucket
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (edge.edge.pendingTransforms() == 0 && System.nanoTime() < until) Thread.sleep(5);
            assertTrue(edge.edge.pendingTransforms() > 0, "no transform under way");
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = edge.get(hit);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals("Hit", header(r, "x-cache"));
                assertTrue(ms < 1500, "a hit waited " + ms + " ms behind transforms");
            }
            // and all of them while the transforms were still under way
            assertTrue(edge.edge.pendingTransforms() > 0, "the hits were not served alongside the transforms");
            int ok = 0, busy = 0;
            for (CompletableFuture<HttpResponse<byte[]>> f : misses) {
                HttpResponse<byte[]> r = f.get(120, TimeUnit.SECONDS);
                if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertEquals(503, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
                    assertEquals("1", header(r, "retry-after"));
                    assertEquals("no-store", header(r, "cache-control"));
                    assertEquals("application/problem+json", header(r, "content-type"));
                    assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("\"type\":\"urn:imageopt:problem:busy\""));
                    busy++;
                }
            }
            assertTrue(ok >= 2, "one running and one queued must be served: " + ok);
            assertTrue(busy >= 1, "past the queue some must be refused: " + busy);
            assertEquals(8, ok + busy);
        }
    }

    @Test
    void shutdownFinishesRequestsInFlightAndARestartFindsTheVariants() throws Exception {
        Path data = tmp.resolve("data");
        String url = BIG + "?format=avif&width=1100";
        String etag;
        TestEdge edge = TestEdge.start(data);
        int port = edge.edge.port();
        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> edge.get(url));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (edge.edge.pendingTransforms() == 0 && System.nanoTime() < until) Thread.sleep(5);
        assertTrue(edge.edge.pendingTransforms() > 0, "the transform did not start");
        edge.close(); // what Ctrl-C does, through the shutdown hook
        HttpResponse<byte[]> r = inFlight.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("image/avif", header(r, "content-type"));
        assertEquals(Long.parseLong(header(r, "content-length")), r.body().length);
        etag = header(r, "etag");
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "still listening after close");

        // nothing half-written: every file in the transformed bucket is a whole variant under its key
        Path bucket = data.resolve("s3/transformed");
        try (var files = Files.walk(bucket)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                assertTrue(name.equals("original") || name.matches("(format|quality|width|height)=[a-z0-9=,-]+"), "stray file " + f);
            }
        }

        long transformsBefore = Files.readAllLines(data.resolve("origin.log")).size();
        try (TestEdge again = TestEdge.start(data)) {
            HttpResponse<byte[]> hit = again.get(url);
            assertEquals(200, hit.statusCode());
            assertEquals("Hit", header(hit, "x-cache"));
            assertEquals(etag, header(hit, "etag"));
            assertEquals("image/avif", header(hit, "content-type"));
            assertEquals(transformsBefore, again.originCalls(), "a restart must not transform again");
        }
    }

    @Test
    void withoutStoredVariantsAnOversizedImageIsA500AndNothingIsAHit() throws IOException {
        try (TestEdge edge = TestEdge.start(tmp.resolve("data"), "--store-transformed-images", "false", "--max-image-size", "1000")) {
            HttpResponse<byte[]> r = edge.get(BIG + "?format=png&width=300");
            EndToEndTest.assertProblem(r, 500);
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("output-too-large"));
            HttpResponse<byte[]> small = edge.get(BIG + "?format=webp&width=8");
            assertEquals(200, small.statusCode());
            assertEquals("Miss", header(edge.get(BIG + "?format=webp&width=8"), "x-cache"));
        }
    }
}
