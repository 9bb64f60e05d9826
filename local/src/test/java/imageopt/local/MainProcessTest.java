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
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-Dimageopt.root=" + TestEdge.ROOT, LocalEdgeMain.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).start();
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
