package imageopt.bench.study;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

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
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The encoder study, side by side with Sharp in one run: for every image of a folder and every
 * width, Sharp 0.35.5 (the same libvips build) transforms it with the AWS sample's setting for each
 * format (Sharp's defaults) and the engine with every setting of the grid; both are timed (median
 * of --repeats, one libvips thread, process CPU and wall time) and every output is scored against
 * the same side's resize kept lossless (PNG) by Debian's libjxl-devtools: {@code butteraugli_main
 * --pnorm 3} (the 3-norm) and {@code ssimulacra_main}, both lower-is-better, both images
 * flattened on white. Per setting: bytes and CPU time summed over the images, the two scores'
 * medians, and each against the sample's; then the choice rule ({@link ChooseDefaults}) and a
 * rate-quality chart.
 * <pre>
 *   ./imageopt encoder-study [--images DIR] [--widths 800] [--grid candidates|KEY,KEY...] [--repeats 3]
 *        [--budget-minutes 0] [--only IMG,IMG] [--out DIR]
 * </pre>
 * Without --images, ./imageopt passes the corpus of benchmarks/corpus/fetch.sh. With a time budget,
 * images are taken in turn until it is spent (every setting sees the same images). Writes
 * study.json, study.md, choice.md and rate-quality-WIDTH.{svg,png} to --out (default
 * benchmarks/target/encoder-study).
 */
public final class EncoderStudy {
    /** A busy machine must not turn a slow setting into a failure. */
    private static final Limits STUDY_LIMITS = Limits.DEFAULT.withTimeBudget(Duration.ofMinutes(10));
    private static final Pattern NORM3 = Pattern.compile("3-norm:\\s*([0-9.eE+-]+)");
    private static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".webp", ".avif", ".tif", ".tiff", ".heic");

    /**
     * What --grid candidates measures: per format, the settings that a first search (Sharp, 10
     * images, benchmarks/README.md "The encoder study") left near the sample's quality.
     */
    static final List<String> CANDIDATES = List.of(
            "jpeg-default", "webp-default", "avif-default",
            "jpeg-q81-moz", "jpeg-q82-moz", "jpeg-q83-moz", "jpeg-q81-moz-t5",
            "webp-q77-e4-ss", "webp-q78-e4-ss", "webp-q79-e4-ss",
            "avif-q53-e3-444", "avif-q53-e2-444", "avif-q55-e2-444", "avif-q54-e2-420", "avif-q56-e2-420");

    /** One image through one setting: median wall and CPU ms, bytes, and its scores (being computed). */
    record Measure(double wallMs, double cpuMs, long bytes, Future<double[]> scores) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        Path root = repositoryRoot();
        Path folder = Path.of(opts.getOrDefault("images", System.getenv().getOrDefault("IMAGEOPT_CORPUS", "")));
        if (folder.toString().isEmpty() || !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--images DIR: a folder of images (./imageopt encoder-study fetches the study's corpus by default)");
        }
        List<Integer> widths = Arrays.stream(opts.getOrDefault("widths", opts.getOrDefault("width", "800")).split(",")).map(w -> Integer.parseInt(w.strip())).toList();
        int repeats = Integer.parseInt(opts.getOrDefault("repeats", "3"));
        Duration budget = Duration.ofSeconds(Math.round(Double.parseDouble(opts.getOrDefault("budget-minutes", "0")) * 60));
        Path out = Path.of(opts.getOrDefault("out", root.resolve("benchmarks/target/encoder-study").toString()));
        List<String> keys = grid(opts.getOrDefault("grid", "candidates"));
        List<String> images = opts.containsKey("only") ? List.of(opts.get("only").split(",")) : imagesIn(folder);
        List<OutputFormat> formats = keys.stream().map(k -> EncoderChoice.parse(k).format()).distinct().toList();
        requireTools();
        Vips.start();
        Vips.concurrency(1);
        Files.createDirectories(out.resolve("ref"));
        Files.createDirectories(out.resolve("dist"));
        System.err.printf(Locale.ROOT, "encoder study: %d settings + the AWS sample's on Sharp, %d images, widths %s, %d timed runs each, one libvips thread%s%n",
                keys.size(), images.size(), widths, repeats, budget.isZero() ? "" : ", time budget " + budget.toMinutes() + " min");

        ImageTransformer lossless = new ImageTransformer(STUDY_LIMITS, EncoderSettings.DEFAULT);
        Map<String, ImageTransformer> engines = new LinkedHashMap<>();
        for (String key : keys) {
            engines.put(key, new ImageTransformer(STUDY_LIMITS, EncoderChoice.parse(key).settings()));
        }
        ExecutorService scorers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
            Thread t = new Thread(r, "scorer");
            t.setDaemon(true);
            return t;
        });
        // width -> side:key -> image -> measure ("sharp:KEY" for Sharp's rows, the key alone for the engine's)
        Map<Integer, Map<String, Map<String, Measure>>> measured = new LinkedHashMap<>();
        List<String> done = new ArrayList<>();
        long t0 = System.nanoTime();
        try (SharpDriver sharp = new SharpDriver(root.resolve("benchmarks"))) {
            for (String image : images) {
                Duration spent = Duration.ofNanos(System.nanoTime() - t0);
                if (!budget.isZero() && spent.compareTo(budget) > 0) {
                    System.err.printf(Locale.ROOT, "time budget spent after %d of %d images: the rest are left out%n", done.size(), images.size());
                    break;
                }
                Path file = folder.resolve(image);
                byte[] source = Files.readAllBytes(file);
                for (int width : widths) {
                    Map<String, Map<String, Measure>> atWidth = measured.computeIfAbsent(width, w -> new LinkedHashMap<>());
                    String stem = stem(image) + "-" + width;
                    Path refEngine = out.resolve("ref").resolve(stem + "-imageopt.png");
                    Files.write(refEngine, flattenedPng(lossless.transform(source, TransformSpec.parse("format=png,width=" + width)).bytes()));
                    Path rawSharp = out.resolve("ref").resolve(stem + "-sharp-raw.png");
                    sharp.transform("png-c1", width, 1, file, rawSharp);
                    Path refSharp = out.resolve("ref").resolve(stem + "-sharp.png");
                    Files.write(refSharp, flattenedPng(Files.readAllBytes(rawSharp)));
                    for (OutputFormat format : formats) {
                        String sampleKey = sampleKey(format);
                        Path encoded = out.resolve("dist").resolve(stem + "-sharp-" + sampleKey + "." + format.token());
                        SharpDriver.Timed t = sharp.transform(sampleKey, width, repeats, file, encoded);
                        Path dist = out.resolve("dist").resolve(stem + "-sharp-" + sampleKey + ".png");
                        Files.write(dist, flattenedPng(lossless.transform(Files.readAllBytes(encoded), TransformSpec.parse("format=png")).bytes()));
                        atWidth.computeIfAbsent("sharp:" + sampleKey, k -> new LinkedHashMap<>())
                                .put(image, new Measure(t.wallMs(), t.cpuMs(), t.bytes(), scorers.submit(() -> score(refSharp, dist))));
                        for (String key : keys) {
                            EncoderChoice choice = EncoderChoice.parse(key);
                            if (choice.format() != format) continue;
                            atWidth.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                    .put(image, engineMeasure(engines.get(key), choice, source, width, repeats, out.resolve("dist").resolve(stem + "-" + key + ".png"),
                                            lossless, refEngine, scorers));
                        }
                    }
                }
                done.add(image);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                System.err.printf(Locale.ROOT, "[%d/%d] %-40s %5.0f s elapsed, ~%.0f s left%n", done.size(), images.size(), image, elapsed,
                        elapsed / done.size() * (images.size() - done.size()));
            }
        }
        List<StudyRow> rows = new ArrayList<>();
        Map<String, Map<String, double[]>> perImage = new LinkedHashMap<>(); // "width:side:key" -> image -> values
        for (var w : measured.entrySet()) {
            for (var k : w.getValue().entrySet()) {
                boolean sample = k.getKey().startsWith("sharp:");
                String key = sample ? k.getKey().substring("sharp:".length()) : k.getKey();
                Map<String, double[]> values = new LinkedHashMap<>();
                for (String image : done) {
                    Measure m = k.getValue().get(image);
                    double[] s = m.scores().get();
                    values.put(image, new double[] {m.cpuMs(), m.wallMs(), m.bytes(), s[0], s[1], s[2]});
                }
                perImage.put(w.getKey() + ":" + (sample ? "sharp" : "imageopt") + ":" + key, values);
                rows.add(new StudyRow(w.getKey(), EncoderChoice.parse(key).format(), key, sample, done.size(),
                        values.values().stream().mapToLong(v -> (long) v[2]).sum(),
                        values.values().stream().mapToDouble(v -> v[0]).sum(), values.values().stream().mapToDouble(v -> v[1]).sum(),
                        SharpDriver.median(values.values().stream().mapToDouble(v -> v[3]).toArray()),
                        SharpDriver.median(values.values().stream().mapToDouble(v -> v[5]).toArray())));
            }
        }
        scorers.shutdown();
        String where = root.relativize(folder.toAbsolutePath().normalize()).toString();
        String folderLabel = folder.toAbsolutePath().normalize().endsWith(Path.of("encoder-corpus", "images"))
                ? "the study's corpus (benchmarks/corpus/fetch.sh)"
                : where.startsWith("..") ? folder.getFileName() + " (outside the repository)" : where;
        StudyReport.write(out, rows, perImage, done, widths, repeats, folderLabel, ChooseDefaults.DELIVERIES, root);
        System.err.println("wrote " + root.relativize(out.toAbsolutePath().normalize()) + "/{study.json,study.md,choice.md,rate-quality-*.svg}");
        System.out.print(Files.readString(out.resolve("choice.md")));
    }

    private static Measure engineMeasure(ImageTransformer engine, EncoderChoice choice, byte[] source, int width, int repeats, Path dist,
                                         ImageTransformer lossless, Path ref, ExecutorService scorers) throws IOException {
        TransformSpec spec = TransformSpec.parse(choice.spec(width));
        double[] wall = new double[repeats], cpu = new double[repeats];
        byte[] encoded = null;
        for (int r = 0; r < repeats; r++) {
            long c = cpuNanos(), s = System.nanoTime();
            encoded = engine.transform(source, spec).bytes();
            wall[r] = (System.nanoTime() - s) / 1e6;
            cpu[r] = (cpuNanos() - c) / 1e6;
        }
        Files.write(dist, flattenedPng(lossless.transform(encoded, TransformSpec.parse("format=png")).bytes()));
        return new Measure(SharpDriver.median(wall), SharpDriver.median(cpu), encoded.length, scorers.submit(() -> score(ref, dist)));
    }

    /** The AWS sample's setting for a format (Sharp's defaults), as an encoder key. */
    static String sampleKey(OutputFormat format) {
        return new EncoderChoice(format, EncoderSettings.SHARP_DEFAULTS).key();
    }

    /** The settings to measure: {@code candidates}, or a list of keys (FORMAT-default / FORMAT-sharp resolved). */
    static List<String> grid(String which) {
        List<String> asked = which.equals("candidates") ? CANDIDATES : Arrays.asList(which.split(","));
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String k : asked) {
            EncoderChoice c = EncoderChoice.parse(k);
            if (c.format() != OutputFormat.JPEG && c.format() != OutputFormat.WEBP && c.format() != OutputFormat.AVIF) {
                throw new IllegalArgumentException("the study compares lossy formats (JPEG, WebP, AVIF), not " + k);
            }
            keys.add(c.key());
        }
        return List.copyOf(keys);
    }

    static List<String> imagesIn(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> IMAGE_SUFFIXES.stream().anyMatch(s -> n.toLowerCase(Locale.ROOT).endsWith(s))).sorted().toList();
        }
    }

    /** The checkout: the nearest directory upwards with benchmarks/src. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("benchmarks/src"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the imageopt checkout");
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
            VipsImage flat = image.hasAlpha() ? flatten(image) : image.newReference();
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
