package imageopt.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A local edge started in-process for a test, and an HTTP client to talk to it over loopback. */
final class TestEdge implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("imageopt.root", "..")).toAbsolutePath().normalize();
    static final Path SAMPLES = ROOT.resolve("samples/images");

    final LocalEdge edge;
    final Path data;
    private final ByteArrayOutputStream sink;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** An edge on a free port with its data under {@code data}, the samples seeded, and {@code flags} on top. */
    static TestEdge start(Path data, String... flags) {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data", data.toString(), "--samples", SAMPLES.toString()));
        args.addAll(List.of(flags));
        LocalConfig config = LocalConfig.parse(args.toArray(String[]::new), Map.of());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return new TestEdge(LocalEdge.start(config, log), data, sink);
    }

    private TestEdge(LocalEdge edge, Path data, ByteArrayOutputStream sink) {
        this.edge = edge;
        this.data = data;
        this.sink = sink;
    }

    /** The access log so far, one line per request. */
    String accessLog() {
        synchronized (sink) {
            return sink.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many requests the origin has served (its log has one line each). */
    long originCalls() {
        try {
            Path log = data.resolve("origin.log");
            return Files.exists(log) ? Files.readAllLines(log).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + edge.port() + rawPathAndQuery);
    }

    HttpResponse<byte[]> get(String rawPathAndQuery, String... headers) {
        return send("GET", rawPathAndQuery, headers);
    }

    HttpResponse<byte[]> head(String rawPathAndQuery, String... headers) {
        return send("HEAD", rawPathAndQuery, headers);
    }

    HttpResponse<byte[]> send(String method, String rawPathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(rawPathAndQuery)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) b.headers(headers);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw HTTP/1.1 answer: status, headers (lower-case names) and body as text. */
    record Raw(int status, Map<String, String> headers, String body) {}

    /**
     * Sends {@code target} as the request line's target, byte for byte (what no URI class lets
     * through: {@code \}, {@code %zz}, control characters), and reads the answer to its end.
     */
    Raw raw(String target) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", edge.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String[] parts = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\r\n\r\n", 2);
            String[] lines = parts[0].split("\r\n");
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, parts.length > 1 ? parts[1] : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it. */
    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Override
    public void close() {
        edge.close();
    }
}
