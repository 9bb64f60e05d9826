package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as a user runs it, in its own JVM: one line and exit status 2 for what is wrong; SIGTERM drains. */
class MainProcessTest {
    @TempDir
    Path tmp;

    static Process launch(Path dir, String... args) throws IOException {
        return launch(dir, List.of(), args);
    }

    static Process launch(Path dir, List<String> jvmFlags, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dimageopt.root=" + TestEdge.ROOT, LocalEdgeMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).start();
    }

    /** Reads the process's standard output up to the line saying where it serves: its port. */
    static int servingPort(Process p) throws IOException {
        var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
        for (String line; (line = stdout.readLine()) != null; ) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                // keep draining, so the access log never fills the pipe
                Thread.ofVirtual().start(() -> stdout.lines().forEach(l -> { }));
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("never said where it serves: " + read(p.getErrorStream()));
    }

    /**
     * Hits are streamed from the store: in a JVM of 128 MB of heap, 8 concurrent GETs of a 16.8 MB
     * object (134 MB of bodies at once) are all answered whole. Read into memory, as before, they
     * ran out of heap. (local/measure/hits-rss.sh measures the process's peak RSS.)
     */
    @Test
    void concurrentHitsOfALargeObjectFitInASmallHeap() throws Exception {
        Path originals = Files.createDirectories(tmp.resolve("big"));
        java.awt.image.BufferedImage noise = new java.awt.image.BufferedImage(2048, 2048, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.util.Random random = new java.util.Random(13);
        for (int y = 0; y < 2048; y++) {
            for (int x = 0; x < 2048; x++) noise.setRGB(x, y, random.nextInt());
        }
        javax.imageio.ImageIO.write(noise, "png", originals.resolve("noise.png").toFile());
        long size = Files.size(originals.resolve("noise.png"));
        // run from the module's folder, where the build's libvips is found upwards, whichever jar the engine came from
        Process p = launch(TestEdge.ROOT.resolve("local"), List.of("-Xmx128m"), "--port", "0", "--data", tmp.resolve("data").toString(), "--samples", "none",
                "--originals", originals.toString());
        try {
            URI url = URI.create("http://127.0.0.1:" + servingPort(p) + "/images/big/noise.png");
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
            // the stripped original is over MAX_IMAGE_SIZE: stored, and a 302 back to itself, now a hit
            assertEquals(size, http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray()).body().length);
            List<CompletableFuture<HttpResponse<byte[]>>> hits = new ArrayList<>();
            for (int i = 0; i < 8; i++) hits.add(http.sendAsync(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray()));
            for (var hit : hits) {
                HttpResponse<byte[]> r = hit.get(120, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertEquals("Hit", r.headers().firstValue("x-cache").orElse(""));
                assertEquals(size, r.body().length);
            }
            assertTrue(p.isAlive());
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Runs to its end; returns exit status and stderr. */
    static String[] run(Path dir, String... args) throws Exception {
        Process p = launch(dir, args);
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not exit");
        out.get();
        return new String[] {Integer.toString(p.exitValue()), err};
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void assertOneLine(String expectedStart, String... args) throws Exception {
        String[] r = run(tmp, args);
        assertEquals("2", r[0], r[1]);
        String err = r[1].strip();
        assertTrue(err.startsWith("imageopt local: " + expectedStart), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void badFlagPortInUseAndUnreadableFolderAreOneLineAndExitStatus2() throws Exception {
        assertOneLine("unknown flag --prot", "--prot", "8080");
        assertOneLine("--port must be from 0 to 65535", "--port", "99999");
        assertOneLine("--originals " + tmp.resolve("nowhere") + ": no such folder", "--originals", tmp.resolve("nowhere").toString());
        Path file = Files.writeString(tmp.resolve("a-file.jpg"), "x");
        assertOneLine("--originals " + file + ": not a folder", "--originals", file.toString());
        assertOneLine("MAX_IMAGE_SIZE (--max-image-size) must be", "--max-image-size", "0");
        assertOneLine("ALLOWED_WIDTHS", "--allowed-widths", "100,abc");
        assertOneLine("SIGNING is true but SIGNING_KEYS is empty", "--signing");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertOneLine("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "--port", Integer.toString(taken.getLocalPort()),
                    "--data", tmp.resolve("data").toString());
            assertFalse(Files.exists(tmp.resolve("data")), "a busy port is refused before the data folder is made");
        }
    }

    @Test
    void helpListsEveryFlag() throws Exception {
        Process p = launch(tmp, "--help");
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        for (LocalConfig.Setting s : LocalConfig.SETTINGS) assertTrue(out.contains(s.flag()), s.flag());
    }

    @Test
    void servesThenStopsGracefullyOnSigterm() throws Exception {
        Process p = launch(tmp, "--port", "0", "--data", tmp.resolve("data").toString());
        var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        int port = -1;
        Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/");
        while ((line = stdout.readLine()) != null) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                break;
            }
        }
        assertTrue(port > 0, () -> "never said where it serves: " + read(p.getErrorStream()));
        HttpClient http = HttpClient.newHttpClient();
        var slow = http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/images/samples/aitzgorri_by_Aitzol_Berasategi.jpg?format=avif&width=1400")).build(), HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(1500); // the request is in, its transform (several seconds) under way
        p.toHandle().destroy(); // SIGTERM, as Ctrl-C's SIGINT runs the same shutdown hook
        HttpResponse<byte[]> r = slow.get(60, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("image/avif", r.headers().firstValue("content-type").orElse(""));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String rest = stdout.lines().reduce("", (a, b) -> a + b + "\n");
        assertTrue(rest.contains("imageopt local: stopped"), rest);
    }
}
