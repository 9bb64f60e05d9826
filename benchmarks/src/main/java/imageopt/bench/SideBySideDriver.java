package imageopt.bench;

import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.TransformSpec;
import imageopt.vips.Vips;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of the side-by-side run against Sharp (benchmarks/compare.mjs drives both): one
 * command per stdin line, "FORMAT WIDTH N FILE" (FORMAT jpeg, webp, avif or header), answered by one
 * JSON line {"ms":[...],"bytes":N,"threads":T}.
 * Same engine, settings (Sharp's defaults) and thread count (1) as the JMH benchmark.
 */
public final class SideBySideDriver {
    public static void main(String[] args) throws IOException {
        ImageTransformer engine = new ImageTransformer(Limits.DEFAULT, EncoderSettings.SHARP_DEFAULTS);
        Map<String, byte[]> inputs = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            String[] cmd = line.strip().split(" ", 4);
            String format = cmd[0];
            TransformSpec spec = format.equals("header") ? null : TransformSpec.parse("format=" + format + ",width=" + cmd[1]);
            int n = Integer.parseInt(cmd[2]);
            byte[] source = inputs.computeIfAbsent(cmd[3], SideBySideDriver::read);
            List<String> ms = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                bytes = spec == null ? engine.readHeader(source).width() : engine.transform(source, spec).bytes().length;
                ms.add(String.format(java.util.Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e6));
            }
            System.out.println("{\"ms\":[" + String.join(",", ms) + "],\"bytes\":" + bytes + ",\"threads\":" + Vips.concurrency() + "}");
            System.out.flush();
        }
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
