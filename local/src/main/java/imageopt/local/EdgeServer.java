package imageopt.local;

import imageopt.edge.EdgePolicy;
import imageopt.edge.HttpDate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP side of the local edge, doing per request what CloudFront does: the viewer-request
 * function (400 at the edge), the transformed bucket first, the origin on a fallback status, the
 * response headers policy on every answer, conditional requests, ranges and HEAD. One virtual
 * thread per exchange; misses go through the bounded {@link TransformPool}, hits never do, and a
 * hit's body is streamed from the store through a fixed buffer.
 *
 * <p>Jetty's core server (already here for the embedded S3 store), not the JDK's: the JDK server
 * answers a request target it cannot parse as a java.net.URI ({@code \}, {@code |}, {@code %zz}...)
 * with its own HTML 400 before any handler runs, and CloudFront hands those to the edge function.
 * Jetty is told to pass every URI through (UriCompliance.UNSAFE) so the URL contract decides, and
 * what it refuses itself (a request that is not HTTP) is answered as a problem too.
 */
public final class EdgeServer implements AutoCloseable {
    /** Pages the edge serves itself, outside the URL contract. */
    public interface Pages {
        /** @return the answer for {@code rawPath} (and its raw query, null for none), or null when the path is not one of them */
        Edge.Answer page(String rawPath, String rawQuery);
    }

    /** A hit's body goes out in pieces of this size, whatever the object's size. */
    private static final int COPY_BUFFER = 64 * 1024;
    /** Past this much left unread, a hit's stream is aborted (its connection dropped) rather than drained. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final Server server;
    private final ServerConnector connector;
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
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("edge");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setUriCompliance(UriCompliance.UNSAFE); // the URL contract judges the path, as the edge function does
        http.setHttpCompliance(HttpCompliance.RFC9110);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new TargetKeepingFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                EdgeServer.this.handle(request, response, callback);
                return true;
            }
        }));
        server.setErrorHandler(new ProblemErrors());
        try {
            server.start(); // binds; requests are served from start() on, as the JDK server's start() did
        } catch (Exception e) {
            stopQuietly();
            if (e instanceof IOException io) {
                throw LocalConfig.cannotListen(bind, port, io);
            }
            if (e.getCause() instanceof IOException io) {
                throw LocalConfig.cannotListen(bind, port, io);
            }
            throw new IllegalStateException("the edge's HTTP server did not start", e);
        }
    }

    void start() {
        // listening since construction
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Requests being handled now. */
    int active() {
        return active.get();
    }

    private void handle(Request request, Response response, Callback callback) {
        long t0 = System.nanoTime();
        active.incrementAndGet();
        String cache = "-";
        int status = 500;
        long bytes = 0;
        String key = "";
        String method = request.getMethod();
        String rawPath = request.getHttpURI().getPath();
        String rawQuery = request.getHttpURI().getQuery();
        InputStream stream = null;
        try {
            HttpFields in = request.getHeaders();
            boolean head = method.equals("HEAD");
            Edge.Answer answer;
            if (method.equals("OPTIONS")) {
                answer = preflight();
            } else if (!head && !method.equals("GET")) {
                answer = new Edge.Answer(405, Map.of("allow", "GET, HEAD, OPTIONS", "content-type", "text/plain; charset=utf-8",
                        "cache-control", "no-store"), "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if ((answer = pages.page(rawPath, rawQuery)) != null) {
                // the demo page and its data
            } else {
                Edge.Rewrite r = rewriter.rewrite(rawPath, rawQuery, in.get("Accept"));
                switch (r) {
                    case Edge.Rewrite.Refused refused -> answer = refusal(refused);
                    case Edge.Rewrite.To to -> {
                        key = to.uri();
                        long s0 = System.nanoTime();
                        // without stored variants there is no S3 origin: every request goes to the Lambda
                        TransformedBucket.Lookup found = bucket == null ? new TransformedBucket.Lookup.Status(404)
                                : bucket.lookup(to.key(), head, ByteRange.of(in.get("Range")));
                        String s3Timing = timing("s3", s0);
                        if (found instanceof TransformedBucket.Lookup.Found f) {
                            cache = "Hit";
                            stream = f.body();
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
            answer = conditional(answer, in.get("If-None-Match"), in.get("If-Modified-Since"));
            status = answer.status();
            bytes = send(response, answer, head, cache, answer.status() == 304 ? null : stream);
            callback.succeeded();
        } catch (IOException e) {
            status = 499; // the viewer went away
            callback.failed(e);
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            Edge.Answer a = problem(500, "internal", "the local edge failed: " + e.getClass().getSimpleName());
            status = a.status();
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                Response.writeError(request, response, callback, 500); // answered by ProblemErrors
            }
        } finally {
            release(stream);
            active.decrementAndGet();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log.println(Instant.now() + " " + method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery)
                    + " " + status + " " + bytes + "B " + cache.toLowerCase(Locale.ROOT) + " " + ms + "ms"
                    + (key.isEmpty() ? "" : " " + key));
        }
    }

    /** What is left of a hit's stream: drained when little (the connection is kept), else aborted. */
    private static void release(InputStream stream) {
        if (stream == null) return;
        try {
            if (stream instanceof software.amazon.awssdk.core.ResponseInputStream<?> r) {
                Long length = r.response() instanceof software.amazon.awssdk.services.s3.model.GetObjectResponse g ? g.contentLength() : null;
                if (length == null || length > DRAIN_LIMIT) r.abort();
            }
            stream.close();
        } catch (IOException e) {
            // nothing left to answer
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

    /** The URL contract's 400, as the edge function answers it. */
    static Edge.Answer refusal(Edge.Rewrite.Refused r) {
        return new Edge.Answer(400, Map.of("content-type", imageopt.contract.UrlContract.Refusal.CONTENT_TYPE,
                "cache-control", EdgePolicy.REFUSAL_CACHE_CONTROL, "x-imageopt-reason", r.reason()),
                r.body().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An error of the edge itself (busy, the bucket failing, a bug, a request that is not HTTP), in
     * the origin's format: an RFC 9457 problem whose type is a {@code urn:imageopt:problem:} URN, never cached.
     */
    static Edge.Answer problem(int status, String type, String detail) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", imageopt.origin.ProblemType.TYPE_PREFIX + type);
        members.put("title", switch (type) {
            case "busy" -> "Every transform worker is busy";
            case "bad-gateway" -> "The transformed bucket failed";
            case "bad-request" -> "Not a well-formed HTTP request";
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

    /**
     * Conditional GET and HEAD (RFC 9110, 13.2.2): If-None-Match against the ETag; only without
     * it, If-Modified-Since against Last-Modified. A match is a 304 with the validators and caching
     * headers only. Evaluated before any range, so a 206 or 416 can become a 304 too.
     */
    static Edge.Answer conditional(Edge.Answer a, String ifNoneMatch, String ifModifiedSince) {
        if (a.status() != 200 && a.status() != 206 && a.status() != 416) return a;
        String etag = a.headers().get("etag");
        boolean notModified;
        if (ifNoneMatch != null) {
            notModified = false;
            for (String t : ifNoneMatch.split(",")) {
                String s = t.trim();
                if (s.startsWith("W/")) s = s.substring(2);
                if (s.equals("*") || s.equals(etag)) notModified = true; // weak comparison, as for GET
            }
        } else {
            Optional<Instant> since = HttpDate.parse(ifModifiedSince);
            Optional<Instant> modified = HttpDate.parse(a.headers().get("last-modified"));
            notModified = since.isPresent() && modified.isPresent() && !modified.get().isAfter(since.get());
        }
        if (!notModified) return a;
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

    /**
     * Sends the answer with the response headers policy on top: its body, or {@code stream} (a
     * hit's, whose length is the answer's content-length) copied through a fixed buffer. Returns
     * the body bytes sent.
     */
    private long send(Response response, Edge.Answer a, boolean head, String cache, InputStream stream) throws IOException {
        HttpFields.Mutable h = response.getHeaders();
        putHeaders(h, a, cache);
        int status = a.status();
        response.setStatus(status);
        if (status == 304 || status == 204) {
            return 0;
        }
        String declared = a.headers().get("content-length");
        long length = stream != null && declared != null ? Long.parseLong(declared) : a.body().length;
        if (head) {
            h.put("content-length", declared != null ? declared : Long.toString(length));
            return 0;
        }
        h.put("content-length", Long.toString(length));
        if (length == 0) return 0;
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            if (stream == null) {
                out.write(a.body());
                return length;
            }
            byte[] buffer = new byte[COPY_BUFFER];
            long sent = 0;
            for (int n; sent < length && (n = stream.read(buffer, 0, (int) Math.min(buffer.length, length - sent))) > 0; sent += n) {
                out.write(buffer, 0, n);
            }
            if (sent < length) throw new IOException("the store sent " + sent + " of " + length + " bytes");
            return sent;
        }
    }

    /** The answer's headers (but its length) and the response headers policy on top. */
    private void putHeaders(HttpFields.Mutable h, Edge.Answer a, String cache) {
        a.headers().forEach((name, value) -> {
            if (!name.equals("content-length")) h.put(name, value);
        });
        EdgePolicy.customHeaders().forEach(h::put);
        EdgePolicy.securityHeaders().forEach(h::put);
        if (cors) EdgePolicy.corsHeaders().forEach(h::put);
        if (!cache.equals("-")) {
            h.put("x-cache", cache);
            String edge = "edge;desc=" + cache.toLowerCase(Locale.ROOT);
            String timing = h.get("server-timing");
            h.put("server-timing", timing == null ? edge : timing + ", " + edge);
        }
    }

    /**
     * What Jetty refuses before the handler runs, never its HTML page: a path it cannot decode
     * ({@code %zz}) goes to the URL contract, which names its reason as the edge function would;
     * a request that is not HTTP at all (a control character, headers too large) is a problem.
     */
    private final class ProblemErrors extends ErrorHandler {
        @Override
        public boolean errorPageForMethod(String method) {
            return true;
        }

        @Override
        protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
            Edge.Answer a = null;
            String target = request.getConnectionMetaData().getConnection() instanceof TargetKeeping c ? c.target : null;
            if (code == 400 && target != null && target.startsWith("/")) {
                int q = target.indexOf('?');
                String path = q < 0 ? target : target.substring(0, q), query = q < 0 ? null : target.substring(q + 1);
                if (rewriter.rewrite(path, query, null) instanceof Edge.Rewrite.Refused refused) a = refusal(refused);
            }
            if (a == null) {
                a = problem(code, code < 500 ? "bad-request" : "internal", code + " " + HttpStatus.getMessage(code) + ": the request cannot be read");
            }
            putHeaders(response.getHeaders(), a, "-");
            response.getHeaders().put("content-length", Integer.toString(a.body().length));
            response.setStatus(code);
            // the access-log line, as for any request (the target is not echoed to the viewer, only logged)
            log.println(Instant.now() + " - " + (target == null ? "-" : target) + " " + code + " " + a.body().length + "B - 0ms");
            response.write(true, java.nio.ByteBuffer.wrap(a.body()), callback);
        }
    }

    /**
     * Jetty parses the request target before any handler, and refuses one it cannot decode
     * ({@code %zz}, {@code %00}, {@code /../}) with no URI left on the request: each connection
     * keeps its latest target as sent (HTTP/1.1 handles one request at a time per connection).
     */
    private static final class TargetKeepingFactory extends HttpConnectionFactory {
        TargetKeepingFactory(HttpConfiguration config) {
            super(config);
        }

        @Override
        public org.eclipse.jetty.io.Connection newConnection(org.eclipse.jetty.server.Connector connector, org.eclipse.jetty.io.EndPoint endPoint) {
            TargetKeeping connection = new TargetKeeping(getHttpConfiguration(), connector, endPoint);
            connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
            return configure(connection, connector, endPoint);
        }
    }

    private static final class TargetKeeping extends org.eclipse.jetty.server.internal.HttpConnection {
        volatile String target;

        TargetKeeping(HttpConfiguration config, org.eclipse.jetty.server.Connector connector, org.eclipse.jetty.io.EndPoint endPoint) {
            super(config, connector, endPoint);
        }

        @Override
        protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, org.eclipse.jetty.http.HttpVersion version) {
            // a refusal is answered on a stream of its own, "BAD /badMessage": keep the target that was sent
            if (!uri.equals("/badMessage")) target = uri;
            return super.newHttpStream(method, uri, version);
        }
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // it did not start
        }
    }

    /** Stops listening, then waits up to {@code seconds} for the requests in flight to finish. */
    public void stop(int seconds) {
        server.setStopTimeout(seconds * 1000L);
        stopQuietly();
    }

    @Override
    public void close() {
        stop(30);
    }
}
