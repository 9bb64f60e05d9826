package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser on the demo page: Debian's headless Chromium driven through chromedriver with
 * the W3C WebDriver protocol, spoken from here with the JDK's HTTP client (no Selenium, no npm).
 * Every image must decode, and Chromium, which accepts AVIF, must be served AVIF for format=auto.
 */
class BrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PAGE_BUDGET = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void demoPageImagesDecodeAndAutoIsAvif() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") != null) {
            assertTrue(installed, "CI must have chromium and chromium-driver (.ci/run installs them)");
        }
        assumeTrue(installed, "no /usr/bin/chromium or /usr/bin/chromedriver: apt-get install chromium chromium-driver");

        try (TestEdge edge = TestEdge.start(tmp.resolve("data"))) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("chromedriver.log").toFile()).start();
            String base = "http://127.0.0.1:" + port;
            String session = null;
            try {
                waitForDriver(base);
                Map<String, Object> created = call("POST", base + "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                        "browserName", "chrome",
                        "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of(
                                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile")))))));
                session = (String) value(created).get("sessionId");
                String s = base + "/session/" + session;
                call("POST", s + "/url", Map.of("url", "http://127.0.0.1:" + edge.edge.port() + "/"));

                String script = """
                        const imgs = [...document.querySelectorAll('img.variant')];
                        if (document.body.dataset.ready !== 'true' || imgs.some(i => !i.dataset.state)) return null;
                        return imgs.map(i => ({src: i.getAttribute('src'), state: i.dataset.state, width: i.naturalWidth,
                                               height: i.naturalHeight, type: i.dataset.type || ''}));""";
                List<?> images = null;
                long until = System.nanoTime() + PAGE_BUDGET.toNanos();
                while (images == null && System.nanoTime() < until) {
                    Object v = call("POST", s + "/execute/sync", Map.of("script", script, "args", List.of())).get("value");
                    if (v instanceof List<?> l) images = l;
                    else Thread.sleep(250);
                }
                assertTrue(images != null, "the demo page did not finish loading within " + PAGE_BUDGET);
                assertEquals(36, images.size(), "3 samples x 3 widths x 4 formats");
                int auto = 0;
                for (Object o : images) {
                    Map<?, ?> img = (Map<?, ?>) o;
                    assertEquals("loaded", img.get("state"), img.toString());
                    assertTrue(((Number) img.get("width")).intValue() > 0, "did not decode: " + img);
                    String src = (String) img.get("src");
                    int asked = Integer.parseInt(src.replaceAll(".*width=(\\d+).*", "$1"));
                    assertTrue(((Number) img.get("width")).intValue() <= asked, img.toString());
                    if (src.contains("format=auto")) {
                        auto++;
                        // Resource Timing's contentType, where this Chromium reports it
                        String type = (String) img.get("type");
                        assertTrue(type.isEmpty() || type.equals("avif"), img.toString());
                    }
                }
                assertEquals(9, auto);
                // a picture of the page for people: local/target/demo-page.png
                call("POST", s + "/window/rect", Map.of("width", 1280, "height", 2400));
                String png = (String) call("GET", s + "/screenshot", null).get("value");
                Files.write(Path.of("target", "demo-page.png"), java.util.Base64.getDecoder().decode(png));
                // what the edge served for Chromium's own image requests with format=auto: the AVIF key
                List<String> autoLines = edge.accessLog().lines().filter(l -> l.contains("format=auto")).toList();
                assertFalse(autoLines.isEmpty(), edge.accessLog());
                for (String line : autoLines) {
                    assertTrue(line.contains(" 200 ") && line.matches(".* /images/\\S+/format=avif,width=\\d+$"), line);
                }
            } finally {
                if (session != null) {
                    try {
                        call("DELETE", base + "/session/" + session, null);
                    } catch (Exception ignored) {
                        // the driver goes anyway
                    }
                }
                driver.destroy();
                driver.waitFor();
            }
        }
    }

    private void waitForDriver(String base) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (Boolean.TRUE.equals(value(call("GET", base + "/status", null)).get("ready"))) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("chromedriver did not become ready; see " + tmp.resolve("chromedriver.log"));
    }

    private Map<String, Object> call(String method, String url, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.std.asString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("WebDriver " + method + " " + url + ": " + r.statusCode() + " " + r.body());
        return JSON.std.mapFrom(r.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(Map<String, Object> response) {
        return (Map<String, Object>) response.get("value");
    }
}
