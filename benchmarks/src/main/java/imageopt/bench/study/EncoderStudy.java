package imageopt.bench.study;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import imageopt.bench.Corpus;
import imageopt.bench.EncoderChoice;
import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.OutputFormat;
import imageopt.transform.TransformSpec;
import imageopt.vips.Operation;
import imageopt.vips.Vips;
import imageopt.vips.VipsImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The encoder study: for every setting of a grid (JPEG quality with and without mozjpeg's extras,
 * WebP quality x effort, AVIF quality x effort x chroma), every image of a folder is transformed to
 * a width by the engine (the whole transform, one libvips thread, median of --repeats), and the
 * output is scored against the same resize kept lossless (PNG) by Debian's libjxl-devtools:
 * {@code butteraugli_main --pnorm 3} (the 3-norm; lower is better) and {@code ssimulacra_main}
 * (lower is better). Both images are flattened on white before scoring (what a page shows; the
 * alpha PNG keeps its alpha in WebP and AVIF).
 * <pre>
 *   java -cp benchmarks.jar imageopt.bench.study.EncoderStudy [--images DIR] [--width 800] [--repeats 3]
 *        [--grid full|quick|KEY,KEY...] [--out DIR]
 * </pre>
 * Writes study.json and study.md to --out (default benchmarks/target/encoder-study).
 */
public final class EncoderStudy {
    /** A busy machine must not turn a slow setting into a failure. */
    private static final Limits STUDY_LIMITS = Limits.DEFAULT.withTimeBudget(java.time.Duration.ofMinutes(10));
    private static final Pattern NORM3 = Pattern.compile("3-norm:\\s*([0-9.eE+-]+)");

    public record Row(String key, String format, int images, double msMean, double wallMean, long bytes, double butteraugli3,
                      double butteraugliWorst, double butteraugliMax, double ssimulacra, Map<String, double[]> perImage) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        if (opts.containsKey("images")) {
            System.setProperty("imageopt.corpus", opts.get("images"));
        }
        int width = Integer.parseInt(opts.getOrDefault("width", "800"));
        int repeats = Integer.parseInt(opts.getOrDefault("repeats", "3"));
        Path out = Path.of(opts.getOrDefault("out", Corpus.workDir().resolve("encoder-study").toString()));
        List<String> keys = grid(opts.getOrDefault("grid", "full"));
        List<String> images = opts.containsKey("only") ? List.of(opts.get("only").split(",")) : Corpus.images();
        requireTools();
        Vips.start();
        Vips.concurrency(1);

        Files.createDirectories(out.resolve("ref"));
        Files.createDirectories(out.resolve("dist"));
        System.err.printf(Locale.ROOT, "encoder study: %d settings x %d images at %d px, %d timed runs each, one libvips thread%n",
                keys.size(), images.size(), width, repeats);

        // references: the same transform, PNG (lossless), flattened on white for scoring
        ImageTransformer lossless = new ImageTransformer(STUDY_LIMITS, EncoderSettings.DEFAULT);
        Map<String, Path> refs = new LinkedHashMap<>();
        Map<String, byte[]> sources = new LinkedHashMap<>();
        for (String image : images) {
            byte[] src = Corpus.read(image);
            sources.put(image, src);
            Path ref = out.resolve("ref").resolve(stem(image) + "-" + width + ".png");
            Files.write(ref, flattenedPng(lossless.transform(src, TransformSpec.parse("format=png,width=" + width)).bytes()));
            refs.put(image, ref);
        }

        // warm every encoder once (first calls load codec tables)
        for (String k : List.of("jpeg-q80", "webp-q80-e4", "avif-q50-e0-444")) {
            EncoderChoice c = EncoderChoice.parse(k);
            new ImageTransformer(STUDY_LIMITS, c.settings()).transform(sources.values().iterator().next(), TransformSpec.parse(c.spec(width)));
        }

        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService scorers = Executors.newFixedThreadPool(Math.max(1, cores - 1), r -> {
            Thread t = new Thread(r, "scorer");
            t.setDaemon(true);
            return t;
        });
        Map<String, Map<String, Future<double[]>>> scores = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> timings = new LinkedHashMap<>();
        int done = 0;
        long t0 = System.nanoTime();
        for (String key : keys) {
            EncoderChoice choice = EncoderChoice.parse(key);
            ImageTransformer engine = new ImageTransformer(STUDY_LIMITS, choice.settings());
            TransformSpec spec = TransformSpec.parse(choice.spec(width));
            for (String image : images) {
                byte[] src = sources.get(image);
                double[] ms = new double[repeats], cpu = new double[repeats];
                byte[] encoded = null;
                for (int r = 0; r < repeats; r++) {
                    long c = cpuNanos(), s = System.nanoTime();
                    encoded = engine.transform(src, spec).bytes();
                    ms[r] = (System.nanoTime() - s) / 1e6;
                    cpu[r] = (cpuNanos() - c) / 1e6;
                }
                Arrays.sort(ms);
                Arrays.sort(cpu);
                Path dist = out.resolve("dist").resolve(stem(image) + "-" + width + "-" + key + ".png");
                Files.write(dist, flattenedPng(lossless.transform(encoded, TransformSpec.parse("format=png")).bytes()));
                timings.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(image, new double[] {cpu[repeats / 2], encoded.length, ms[repeats / 2]});
                Path ref = refs.get(image);
                scores.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(image, scorers.submit(() -> score(ref, dist)));
            }
            done++;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "[%d/%d] %-18s %6.0f CPU ms/image   %.0f s elapsed, ~%.0f s left%n", done, keys.size(), key,
                    timings.get(key).values().stream().mapToDouble(v -> v[0]).average().orElse(0), elapsed, elapsed / done * (keys.size() - done));
        }

        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            Map<String, double[]> per = new LinkedHashMap<>();
            double ms = 0, wall = 0, b3 = 0, bWorst = 0, bMax = 0, ssim = 0;
            long bytes = 0;
            for (String image : images) {
                double[] t = timings.get(key).get(image);
                double[] s = scores.get(key).get(image).get();
                per.put(image, new double[] {t[0], t[1], s[0], s[1], s[2]});
                ms += t[0];
                wall += t[2];
                bytes += (long) t[1];
                b3 += s[0];
                bWorst = Math.max(bWorst, s[0]);
                bMax += s[1];
                ssim += s[2];
            }
            int n = images.size();
            rows.add(new Row(key, EncoderChoice.parse(key).format().token(), n, ms / n, wall / n, bytes, b3 / n, bWorst, bMax / n, ssim / n, per));
        }
        scorers.shutdown();
        write(out, rows, images, width, repeats, Corpus.describe());
        System.err.println("wrote " + out.resolve("study.json") + " and " + out.resolve("study.md"));
    }

    /** The grid of settings. */
    static List<String> grid(String which) {
        if (!which.equals("full") && !which.equals("quick")) {
            return Arrays.stream(which.split(",")).map(EncoderChoice::resolve).toList();
        }
        boolean full = which.equals("full");
        List<String> keys = new ArrayList<>();
        int[] jq = full ? new int[] {70, 75, 80, 85, 90} : new int[] {75, 80, 85};
        for (int q : jq) {
            keys.add("jpeg-q" + q);
            keys.add("jpeg-q" + q + "-moz");
        }
        int[] wq = full ? new int[] {70, 75, 80, 85, 90} : new int[] {75, 80, 85};
        int[] we = full ? new int[] {0, 2, 4, 6} : new int[] {0, 4};
        for (int e : we) for (int q : wq) keys.add("webp-q" + q + "-e" + e);
        int[] aq = full ? new int[] {45, 50, 55, 60, 65} : new int[] {50, 55, 60};
        int[] ae = full ? new int[] {0, 2, 4, 6} : new int[] {0, 2, 4};
        for (int e : ae) {
            for (int q : aq) {
                if (e == 6 && q != 50 && q != 60) continue; // effort 6 is slow: two points show the trend
                keys.add("avif-q" + q + "-e" + e + "-444");
                if (e < 6) keys.add("avif-q" + q + "-e" + e + "-420");
            }
        }
        return keys;
    }

    /** {butteraugli 3-norm, butteraugli max, ssimulacra} of one distorted image against its reference. */
    static double[] score(Path ref, Path dist) throws IOException, InterruptedException {
        String b = run("butteraugli_main", ref.toString(), dist.toString(), "--pnorm", "3");
        Matcher m = NORM3.matcher(b);
        if (!m.find()) {
            throw new IllegalStateException("butteraugli_main printed no 3-norm: " + b);
        }
        double max = Double.parseDouble(b.strip().split("\\s+")[0]);
        String s = run("ssimulacra_main", ref.toString(), dist.toString()).strip();
        return new double[] {Double.parseDouble(m.group(1)), max, Double.parseDouble(s.split("\\s+")[0])};
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start(); // stderr: "assuming sRGB" notes
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
        }
        return text;
    }

    static void requireTools() {
        for (String tool : List.of("butteraugli_main", "ssimulacra_main")) {
            boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
            if (!found) {
                throw new IllegalStateException(tool + " not found: apt-get install -y libjxl-devtools (Debian 12: 0.7.0)");
            }
        }
    }

    /** A PNG of the image flattened on white, 8-bit sRGB, no alpha: what the scorers compare. */
    static byte[] flattenedPng(byte[] png) {
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of("pngload_buffer").setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, png)).build();
             VipsImage image = load.image("out")) {
            VipsImage flat = image.hasAlpha()
                    ? flatten(image)
                    : image.newReference();
            try (flat; Operation save = Operation.of("pngsave_buffer").set("in", flat).set("compression", 1).build()) {
                return save.bytes("buffer");
            }
        }
    }

    private static VipsImage flatten(VipsImage in) {
        try (Operation op = Operation.of("flatten").set("in", in).set("background", new double[] {255, 255, 255}).build()) {
            return op.image("out");
        }
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replace('@', '-');
    }

    private static void write(Path out, List<Row> rows, List<String> images, int width, int repeats, String folder) throws IOException {
        StringBuilder json = new StringBuilder();
        json.append("{\n  \"date\": \"").append(LocalDate.now()).append("\",\n")
                .append("  \"libvips\": \"").append(Vips.version()).append("\",\n")
                .append("  \"tools\": \"Debian libjxl-devtools: butteraugli_main --pnorm 3, ssimulacra_main\",\n")
                .append("  \"folder\": \"").append(folder).append("\",\n")
                .append("  \"width\": ").append(width).append(",\n  \"repeats\": ").append(repeats).append(",\n")
                .append("  \"threads\": 1,\n  \"images\": [").append(String.join(", ", images.stream().map(i -> "\"" + i + "\"").toList())).append("],\n")
                .append("  \"note\": \"cpuMs / wallMs: mean over images of each image's median whole transform, process CPU time / wall time; bytes: sum over images; scores: mean over images, lower is better; both images flattened on white\",\n")
                .append("  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            json.append(String.format(Locale.ROOT, "    {\"key\": \"%s\", \"format\": \"%s\", \"cpuMs\": %.1f, \"wallMs\": %.1f, \"bytes\": %d, \"butteraugli3\": %.4f, "
                    + "\"butteraugliWorst3\": %.4f, \"butteraugliMax\": %.4f, \"ssimulacra\": %.5f, \"perImage\": {", r.key(), r.format(), r.msMean(), r.wallMean(),
                    r.bytes(), r.butteraugli3(), r.butteraugliWorst(), r.butteraugliMax(), r.ssimulacra()));
            List<String> per = new ArrayList<>();
            r.perImage().forEach((img, v) -> per.add(String.format(Locale.ROOT,
                    "\"%s\": {\"cpuMs\": %.1f, \"bytes\": %d, \"butteraugli3\": %.4f, \"butteraugliMax\": %.4f, \"ssimulacra\": %.5f}",
                    img, v[0], (long) v[1], v[2], v[3], v[4])));
            json.append(String.join(", ", per)).append("}}").append(i < rows.size() - 1 ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.writeString(out.resolve("study.json"), json);

        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Encoder study, %s: %d images (%s) -> %d px wide, libvips %s, one thread, median of %d.%n%n",
                LocalDate.now(), images.size(), String.join(", ", images), width, Vips.version(), repeats));
        md.append("| setting | CPU ms / image | bytes (sum) | butteraugli 3-norm (mean) | worst image | ssimulacra (mean) |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %,d | %.3f | %.3f | %.4f |%n", r.key(), r.msMean(), r.bytes(),
                    r.butteraugli3(), r.butteraugliWorst(), r.ssimulacra()));
        }
        Files.writeString(out.resolve("study.md"), md);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }
}
