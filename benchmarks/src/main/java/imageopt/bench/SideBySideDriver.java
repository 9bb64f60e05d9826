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
import java.util.Locale;
import java.util.Map;

/**
 * The Java side of the side-by-side run against Sharp (benchmarks/compare.mjs drives both): one
 * command per stdin line, answered by one JSON line.
 * <pre>
 *   ENCODER WIDTH N FILE   -> {"ms":[...],"bytes":N,"threads":T}   ENCODER: an {@link EncoderChoice} key, or
 *                                                                  "header"; jpeg / webp / avif alone mean Sharp's defaults
 *   resolve SOURCE         -> {"path":"..."}                        a source name (NAME@2mp derives it) to its file
 *   key ENCODER            -> {"key":"..."}                         jpeg-default, avif-sharp... to the explicit key
 * </pre>
 * One libvips thread (the JVM is started with -Dimageopt.vips.concurrency=1), as Sharp's driver.
 */
public final class SideBySideDriver {
    public static void main(String[] args) throws IOException {
        Map<String, ImageTransformer> engines = new HashMap<>();
        Map<String, byte[]> inputs = new HashMap<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            if (line.startsWith("resolve ")) {
                String path = Corpus.path(line.substring("resolve ".length()).strip()).toAbsolutePath().toString();
                System.out.println("{\"path\":\"" + path.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
                System.out.flush();
                continue;
            }
            if (line.startsWith("key ")) {
                System.out.println("{\"key\":\"" + EncoderChoice.resolve(line.substring("key ".length()).strip()) + "\"}");
                System.out.flush();
                continue;
            }
            String[] cmd = line.strip().split(" ", 4);
            String key = switch (cmd[0]) {
                case "jpeg", "webp", "avif" -> cmd[0] + "-sharp";
                default -> cmd[0];
            };
            boolean header = key.equals("header");
            EncoderChoice choice = header ? null : EncoderChoice.parse(key);
            ImageTransformer engine = engines.computeIfAbsent(header ? "header" : choice.key(),
                    k -> new ImageTransformer(Limits.DEFAULT.withTimeBudget(java.time.Duration.ofMinutes(10)),
                            choice == null ? EncoderSettings.DEFAULT : choice.settings()));
            TransformSpec spec = header ? null : TransformSpec.parse(choice.spec(Integer.parseInt(cmd[1])));
            int n = Integer.parseInt(cmd[2]);
            byte[] source = inputs.computeIfAbsent(cmd[3], SideBySideDriver::read);
            List<String> ms = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                bytes = spec == null ? engine.readHeader(source).width() : engine.transform(source, spec).bytes().length;
                ms.add(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - t0) / 1e6));
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
