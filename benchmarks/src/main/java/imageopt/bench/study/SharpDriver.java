package imageopt.bench.study;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sharp's side of the study: benchmarks/sharp/driver.mjs (Sharp 0.35.5 pinned, the same libvips
 * build, one libvips thread, no cache) kept running, asked one transform at a time, writing its
 * output to a file.
 */
final class SharpDriver implements AutoCloseable {
    /** One timed transform: median wall and process-CPU milliseconds of the repeats, output size. */
    record Timed(double wallMs, double cpuMs, long bytes) {}

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    SharpDriver(Path benchmarks) throws IOException {
        Path script = benchmarks.resolve("sharp/driver.mjs");
        if (!Files.isDirectory(benchmarks.resolve("sharp/node_modules/sharp"))) {
            throw new IllegalStateException("Sharp is not installed: (cd benchmarks/sharp && npm ci)");
        }
        process = new ProcessBuilder("node", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sharp's transform of {@code file} to {@code width} with an encoder key, {@code repeats} times; the output goes to {@code to}. */
    Timed transform(String key, int width, int repeats, Path file, Path to) throws IOException {
        JsonObject cmd = new JsonObject();
        cmd.addProperty("encoder", key);
        cmd.addProperty("width", width);
        cmd.addProperty("n", repeats);
        cmd.addProperty("file", file.toAbsolutePath().toString());
        cmd.addProperty("out", to.toAbsolutePath().toString());
        in.write(cmd + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
            throw new IOException("Sharp's driver exited (transform " + key + " of " + file.getFileName() + ")");
        }
        JsonObject r = JsonParser.parseString(line).getAsJsonObject();
        return new Timed(median(r.getAsJsonArray("ms").asList().stream().mapToDouble(e -> e.getAsDouble()).toArray()),
                median(r.getAsJsonArray("cpuMs").asList().stream().mapToDouble(e -> e.getAsDouble()).toArray()), r.get("bytes").getAsLong());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}
