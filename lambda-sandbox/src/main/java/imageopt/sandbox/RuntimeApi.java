package imageopt.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Lambda Runtime API (version 2018-06-01) on loopback, as the runtime client sees it in
 * Lambda: {@code GET /runtime/invocation/next} hands out one event with the headers Lambda sends
 * (request id, deadline, invoked function ARN, X-Ray trace id), then {@code POST
 * /runtime/invocation/<id>/response} or {@code /error} answers it; {@code POST /runtime/init/error}
 * reports a failed init. One execution environment: events are handed out one at a time, in order.
 */
public final class RuntimeApi implements AutoCloseable {
    static final String PREFIX = "/2018-06-01/runtime/";

    /** What came back for one event. */
    public record Outcome(String requestId, int kind, String body, Optional<String> errorType, long answeredAtNanos) {
        public static final int RESPONSE = 0, ERROR = 1, INIT_ERROR = 2;

        public boolean isResponse() {
            return kind == RESPONSE;
        }
    }

    private record Pending(String requestId, String event, CompletableFuture<Outcome> outcome) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
    private final String functionArn;
    private final int timeoutSeconds;

    public RuntimeApi(String functionArn, int timeoutSeconds) throws IOException {
        this.functionArn = functionArn;
        this.timeoutSeconds = timeoutSeconds;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the runtime first asked for an event (System.nanoTime), once it has: the end of its init. */
    public Optional<Long> initDoneAtNanos() {
        return Optional.ofNullable(firstNext.getNow(null));
    }

    /**
     * Hands one event to the function and waits for its answer or an init error, while {@code alive};
     * past the function's timeout (and a margin for its init) it gives up.
     */
    public Outcome invoke(String event, BooleanSupplier alive, Supplier<String> whyDead) throws InterruptedException {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        queue.add(pending);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds + 30L);
        CompletableFuture<Object> either = CompletableFuture.anyOf(pending.outcome(), initError);
        try {
            while (true) {
                try {
                    return (Outcome) either.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (!alive.getAsBoolean() && !either.isDone()) throw new IllegalStateException(whyDead.get());
                    if (System.nanoTime() > giveUp) throw new IllegalStateException("no answer within " + (timeoutSeconds + 30) + " s");
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            queue.remove(pending);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                initError.complete(new Outcome(null, Outcome.INIT_ERROR, body(exchange), errorType(exchange), System.nanoTime()));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
                String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
                Pending pending = inFlight.remove(id);
                if (pending == null) {
                    send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                boolean error = path.endsWith("/error");
                pending.outcome().complete(new Outcome(id, error ? Outcome.ERROR : Outcome.RESPONSE, body(exchange),
                        error ? errorType(exchange) : Optional.empty(), System.nanoTime()));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown resource " + method + " " + path + "\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    /** Long-polls for the next event, as Lambda does: the runtime waits until there is one. */
    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(System.nanoTime());
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        inFlight.put(pending.requestId(), pending);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        send(exchange, 200, pending.event());
    }

    /** An X-Ray trace header as Lambda sends it: Root=1-<epoch hex>-<96 random bits>;Parent=<64 bits>;Sampled=0. */
    private static String traceId() {
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12], parent = new byte[8];
        ThreadLocalRandom.current().nextBytes(root);
        ThreadLocalRandom.current().nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0;Lineage=1:" + hex.formatHex(parent, 0, 4) + ":0";
    }

    private static Optional<String> errorType(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
