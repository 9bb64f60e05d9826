package imageopt.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import imageopt.edge.EdgePolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side of the local edge, doing per request what CloudFront does: the viewer-request
 * function (400 at the edge), the transformed bucket first, the origin on a fallback status, the
 * response headers policy on every answer, conditional requests and HEAD. One virtual thread per
 * exchange; misses go through the bounded {@link TransformPool}, hits never do.
 */
public final class EdgeServer implements AutoCloseable {
    /** Pages the edge serves itself, outside the URL contract. */
    public interface Pages {
        /** @return the answer for {@code rawPath}, or null when the path is not one of them */
        Edge.Answer page(String rawPath);
    }

    static {
        // the JDK server leaves Nagle on by default: headers and body then wait on delayed ACKs
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();
    private final Edge.Rewriter rewriter;
    private final TransformedBucket bucket;
    private final Edge.Origin origin;
    private final TransformPool pool;
    private final Pages pages;
    private final boolean cors;
    private final PrintStream log;
    private final AtomicInteger active = new AtomicInteger();

    EdgeServer(String bind, int port, Edge.Rewriter rewriter, TransformedBucket bucket, Edge.Origin origin,
               TransformPool pool, Pages pages, boolean cors, PrintStream log) {
        this.rewriter = rewriter;
        this.bucket = bucket;
        this.origin = origin;
        this.pool = pool;
        this.pages = pages;
        this.cors = cors;
        this.log = log;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 1024);
        } catch (IOException e) {
            throw LocalConfig.cannotListen(bind, port, e);
        }
        server.setExecutor(exchanges);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests being handled now. */
    int active() {
        return active.get();
    }

    private void handle(HttpExchange ex) {
        long t0 = System.nanoTime();
        active.incrementAndGet();
        String cache = "-";
        int status = 500;
        long bytes = 0;
        String key = "";
        try {
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            String rawQuery = ex.getRequestURI().getRawQuery();
            boolean head = method.equals("HEAD");
            Edge.Answer answer;
            if (method.equals("OPTIONS")) {
                answer = preflight();
            } else if (!head && !method.equals("GET")) {
                answer = new Edge.Answer(405, Map.of("allow", "GET, HEAD, OPTIONS", "content-type", "text/plain; charset=utf-8",
                        "cache-control", "no-store"), "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if ((answer = pages.page(rawPath)) != null) {
                // the demo page and its data
            } else {
                Edge.Rewrite r = rewriter.rewrite(rawPath, rawQuery, ex.getRequestHeaders().getFirst("Accept"));
                switch (r) {
                    case Edge.Rewrite.Refused refused -> answer = refusal(refused);
                    case Edge.Rewrite.To to -> {
                        key = to.uri();
                        long s0 = System.nanoTime();
                        // without stored variants there is no S3 origin: every request goes to the Lambda
                        TransformedBucket.Lookup found = bucket == null ? new TransformedBucket.Lookup.Status(404) : bucket.lookup(to.key(), head);
                        String s3Timing = timing("s3", s0);
                        if (found instanceof TransformedBucket.Lookup.Found f) {
                            cache = "Hit";
                            answer = withTiming(f.answer(), s3Timing);
                        } else if (EdgePolicy.FALLBACK_STATUSES.contains(((TransformedBucket.Lookup.Status) found).status())) {
                            cache = "Miss";
                            String viewer = rawPath + (rawQuery == null ? "" : "?" + rawQuery);
                            answer = withTiming(miss(to.uri(), viewer), s3Timing);
                        } else {
                            answer = problem(502, "bad-gateway", "the transformed bucket answered "
                                    + ((TransformedBucket.Lookup.Status) found).status());
                        }
                    }
                }
            }
            answer = conditional(answer, ex.getRequestHeaders().getFirst("If-None-Match"));
            status = answer.status();
            bytes = send(ex, answer, head, cache);
        } catch (IOException e) {
            status = 499; // the viewer went away
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            try {
                Edge.Answer a = problem(500, "internal", "the local edge failed: " + e.getClass().getSimpleName());
                status = a.status();
                bytes = send(ex, a, false, cache);
            } catch (IOException ignored) {
                status = 499;
            }
        } finally {
            ex.close();
            active.decrementAndGet();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log.println(Instant.now() + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())
                    + " " + status + " " + bytes + "B " + cache.toLowerCase(Locale.ROOT) + " " + ms + "ms"
                    + (key.isEmpty() ? "" : " " + key));
        }
    }

    /** A miss: the origin on a worker, joined with any run under way for the same key; 503 past the queue. */
    private Edge.Answer miss(String uri, String viewerUrl) {
        long q0 = System.nanoTime();
        long[] started = new long[1];
        try {
            Edge.Answer a = pool.submit(uri, () -> {
                started[0] = System.nanoTime();
                return origin.fetch(uri, viewerUrl);
            }).get();
            return started[0] == 0 ? a : withTiming(a, String.format(Locale.ROOT, "queue;dur=%.1f", (started[0] - q0) / 1e6));
        } catch (TransformPool.Busy e) {
            return busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransformPool.Busy) return busy();
            e.getCause().printStackTrace(log);
            return problem(500, "internal", "the origin failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return busy();
        }
    }

    private static Edge.Answer busy() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("retry-after", Integer.toString(EdgePolicy.RETRY_AFTER_SECONDS));
        Edge.Answer p = problem(503, "busy", "every transform worker is busy and the queue is full; retry shortly");
        h.putAll(p.headers());
        h.put("cache-control", EdgePolicy.RETRY_CACHE_CONTROL);
        return new Edge.Answer(503, h, p.body());
    }

    private static Edge.Answer refusal(Edge.Rewrite.Refused r) {
        return new Edge.Answer(400, Map.of("content-type", "text/plain; charset=utf-8",
                "cache-control", EdgePolicy.REFUSAL_CACHE_CONTROL, "x-imageopt-reason", r.reason()),
                (r.line() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error of the edge itself (busy, the bucket failing, a bug), in the origin's format: an
     * RFC 9457 problem whose type is a {@code urn:imageopt:problem:} URN, never cached.
     */
    static Edge.Answer problem(int status, String type, String detail) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", imageopt.origin.ProblemType.TYPE_PREFIX + type);
        members.put("title", switch (type) {
            case "busy" -> "Every transform worker is busy";
            case "bad-gateway" -> "The transformed bucket failed";
            default -> "Internal error";
        });
        members.put("status", status);
        members.put("detail", detail);
        String json;
        try {
            json = com.fasterxml.jackson.jr.ob.JSON.std.asString(members);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Edge.Answer(status, Map.of("content-type", "application/problem+json", "cache-control", "no-store"),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private Edge.Answer preflight() {
        Map<String, String> h = new LinkedHashMap<>();
        if (cors) h.putAll(EdgePolicy.corsPreflightHeaders());
        h.put("cache-control", "no-store");
        return new Edge.Answer(204, h, new byte[0]);
    }

    /** If-None-Match against the answer's ETag: a match is a 304 with the validators and caching headers only. */
    static Edge.Answer conditional(Edge.Answer a, String ifNoneMatch) {
        String etag = a.headers().get("etag");
        if (a.status() != 200 || etag == null || ifNoneMatch == null) return a;
        boolean match = false;
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) s = s.substring(2);
            if (s.equals("*") || s.equals(etag)) match = true;
        }
        if (!match) return a;
        Map<String, String> h = new LinkedHashMap<>();
        for (String name : new String[] {"etag", "cache-control", "last-modified", "server-timing"}) {
            if (a.headers().containsKey(name)) h.put(name, a.headers().get(name));
        }
        return new Edge.Answer(304, h, new byte[0]);
    }

    private static Edge.Answer withTiming(Edge.Answer a, String entry) {
        Map<String, String> h = new LinkedHashMap<>(a.headers());
        h.merge("server-timing", entry, (old, add) -> old + ", " + add);
        return new Edge.Answer(a.status(), h, a.body());
    }

    private static String timing(String name, long since) {
        return String.format(Locale.ROOT, "%s;dur=%.1f", name, (System.nanoTime() - since) / 1e6);
    }

    /** Sends the answer with the response headers policy on top; returns the body bytes sent. */
    private long send(HttpExchange ex, Edge.Answer a, boolean head, String cache) throws IOException {
        Headers h = ex.getResponseHeaders();
        a.headers().forEach((name, value) -> {
            if (!name.equals("content-length")) h.set(name, value);
        });
        EdgePolicy.customHeaders().forEach(h::set);
        EdgePolicy.securityHeaders().forEach(h::set);
        if (cors) EdgePolicy.corsHeaders().forEach(h::set);
        if (!cache.equals("-")) {
            h.set("x-cache", cache);
            String edge = "edge;desc=" + cache.toLowerCase(Locale.ROOT);
            String timing = h.getFirst("server-timing");
            h.set("server-timing", timing == null ? edge : timing + ", " + edge);
        }
        int status = a.status();
        if (status == 304 || status == 204) {
            ex.sendResponseHeaders(status, -1);
            return 0;
        }
        if (head) {
            String length = a.headers().get("content-length");
            h.set("content-length", length != null ? length : Integer.toString(a.body().length));
            ex.sendResponseHeaders(status, -1);
            return 0;
        }
        byte[] body = a.body();
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        return body.length;
    }

    /** Stops listening, then waits up to {@code seconds} for the requests in flight to finish. */
    public void stop(int seconds) {
        server.stop(seconds);
        exchanges.shutdown();
        try {
            exchanges.awaitTermination(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(30);
    }
}
