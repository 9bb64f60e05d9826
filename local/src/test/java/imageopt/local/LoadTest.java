package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Load from a second process ({@link LoadGenerator} in its own JVM) on loopback: 200 misses over
 * distinct keys, then 10,000 hits; nothing but 200s and the designed 503s; then a restart that
 * finds every stored variant intact. The figures are printed, not asserted: it is a benchmark.
 * The fast suite runs it small (30 misses, 1,500 hits: the mechanism); {@code ./imageopt load-test}
 * runs the benchmark's size (the {@code load} profile: 200 misses, 10,000 hits).
 */
class LoadTest {
    static final int MISSES = Integer.getInteger("load.misses", 200);
    static final int HITS = Integer.getInteger("load.hits", 10_000);
    static final int CONCURRENCY = Integer.getInteger("load.concurrency", 32);

    @TempDir
    Path tmp;

    @Test
    void missesThenHitsFromASecondProcessThenARestart() throws Exception {
        Path data = tmp.resolve("data");
        Map<String, String> stored;
        try (TestEdge edge = TestEdge.start(data)) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
                    "http://127.0.0.1:" + edge.edge.port(), Integer.toString(MISSES), Integer.toString(HITS), Integer.toString(CONCURRENCY)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = MainProcessTest.read(p.getInputStream());
            assertTrue(p.waitFor(15, TimeUnit.MINUTES));
            System.out.println("load: " + out.strip().replace("\n", "\nload: "));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("done"), out);
            String misses = line(out, "misses"), hits = line(out, "hits");
            assertTrue(misses.contains("statuses={200=" + MISSES + "}"), "only 200s once 503s are retried: " + misses);
            assertTrue(misses.contains("cache={Miss=" + MISSES + "}"), misses);
            assertTrue(hits.contains("statuses={200=" + HITS + "}"), hits);
            assertTrue(hits.contains("cache={Hit=" + HITS + "}"), hits);
            stored = listing(edge);
            assertEquals(MISSES, stored.size(), "every miss stored once");
        }
        long transformsBefore = java.nio.file.Files.readAllLines(data.resolve("origin.log")).size();
        try (TestEdge again = TestEdge.start(data)) {
            assertEquals(stored, listing(again), "the restart must find the same variants");
            for (int i = 0; i < MISSES; i++) {
                HttpResponse<byte[]> r = again.get(LoadGenerator.url(i));
                assertEquals(200, r.statusCode());
                assertEquals("Hit", EndToEndTest.header(r, "x-cache"));
                String etag = EndToEndTest.header(r, "etag");
                assertEquals("\"" + Seeder.md5(r.body()) + "\"", etag, "body intact: " + LoadGenerator.url(i));
            }
            assertEquals(transformsBefore, again.originCalls(), "after the restart nothing was transformed again");
        }
    }

    private static String line(String out, String phase) {
        return out.lines().filter(l -> l.startsWith("phase=" + phase + " ")).findFirst().orElseThrow(() -> new AssertionError(out));
    }

    private static Map<String, String> listing(TestEdge edge) {
        Map<String, String> m = new TreeMap<>();
        for (var page : edge.edge.s3().listObjectsV2Paginator(b -> b.bucket("transformed"))) {
            for (S3Object o : page.contents()) m.put(o.key(), o.eTag() + " " + o.size());
        }
        return m;
    }
}
