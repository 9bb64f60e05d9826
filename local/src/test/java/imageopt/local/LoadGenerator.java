package imageopt.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator, run in its own JVM so that it does not share CPU bookkeeping, heap or
 * threads with the edge it measures: {@code LoadGenerator BASE_URL MISSES HITS CONCURRENCY}.
 *
 * <p>Phase 1 asks MISSES distinct variants (each a transform); a 503 is counted, and the request
 * retried after its Retry-After, as a well-behaved client does. Phase 2 asks HITS requests spread
 * over those same variants, all served from the transformed bucket. Each phase prints one line of
 * {@code name=value} figures; the last line is {@code done}.
 */
public final class LoadGenerator {
    static final String[] SAMPLES = {
            "/images/samples/aitzgorri_by_Aitzol_Berasategi.jpg",
            "/images/samples/calla.png",
            "/images/samples/friends_by_Aitzol_Berasategi.jpg"};

    /** The i-th distinct variant: alternating JPEG and WebP, widths from 100 up, over the samples. */
    static String url(int i) {
        return SAMPLES[i % SAMPLES.length] + "?format=" + (i % 2 == 0 ? "jpeg" : "webp") + "&width=" + (100 + i);
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int misses = Integer.parseInt(args[1]);
        int hits = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5)).build();
        run("misses", http, base, misses, Math.min(concurrency, 16), i -> url(i), true);
        run("hits", http, base, hits, concurrency, i -> url(i % misses), false);
        System.out.println("done");
    }

    interface Urls {
        String at(int i);
    }

    static void run(String phase, HttpClient http, String base, int n, int concurrency, Urls urls, boolean retryBusy) throws Exception {
        long[] latencies = new long[n];
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ConcurrentHashMap<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, AtomicInteger> cache = new ConcurrentHashMap<>();
        AtomicInteger busy = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + urls.at(i))).timeout(Duration.ofSeconds(120)).build();
                    long start = System.nanoTime();
                    for (int attempt = 0; ; attempt++) {
                        HttpResponse<byte[]> r;
                        try {
                            r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        } catch (Exception e) {
                            statuses.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger()).incrementAndGet();
                            break;
                        }
                        if (r.statusCode() == 503 && retryBusy && attempt < 20) {
                            busy.incrementAndGet();
                            sleep(1000L * Long.parseLong(r.headers().firstValue("retry-after").orElse("1")));
                            continue;
                        }
                        statuses.computeIfAbsent(Integer.toString(r.statusCode()), k -> new AtomicInteger()).incrementAndGet();
                        cache.computeIfAbsent(r.headers().firstValue("x-cache").orElse("-"), k -> new AtomicInteger()).incrementAndGet();
                        bytes.addAndGet(r.body().length);
                        break;
                    }
                    latencies[i] = System.nanoTime() - start;
                }
            }));
        }
        for (Thread t : workers) t.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(latencies);
        System.out.println(String.format(Locale.ROOT,
                "phase=%s requests=%d concurrency=%d seconds=%.2f rps=%.0f p50ms=%.2f p90ms=%.2f p99ms=%.2f maxms=%.2f bytes=%d busy503=%d statuses=%s cache=%s",
                phase, n, concurrency, seconds, n / seconds, pct(latencies, 0.50), pct(latencies, 0.90), pct(latencies, 0.99),
                latencies[n - 1] / 1e6, bytes.get(), busy.get(), statuses, cache).replace(", ", ","));
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
