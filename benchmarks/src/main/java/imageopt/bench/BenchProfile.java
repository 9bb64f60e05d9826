package imageopt.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import imageopt.transform.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark profiles, each a list of JMH runs whose results land in ONE JMH JSON file (what
 * the advisor reads):
 * <pre>
 *   java -cp benchmarks.jar imageopt.bench.BenchProfile quick|full [--images DIR] [--mix FILE]
 *        [--out FILE] [--max-threads N] [--jmh-settings quick|full] [--dry-run]
 * </pre>
 * quick: the engine's default encoders (jpeg, webp, avif) x the 4 sources x widths 320/800/1600,
 * the AWS sample's (Sharp's) settings on the 20 MP photograph at 800 px, and thread scaling 1..N
 * on the 12 and 20 MP ones; 1 fork, 1 warm-up iteration of 1 s, 3 measured iterations of 1 s, per cell.
 * full: adds every effort (WebP 0/2/4/6, AVIF 0/2/4/6, JPEG with and without mozjpeg) to the
 * matrix and thread scaling on two sources; 2 forks, 2 x 2 s warm-up, 5 x 2 s measured.
 * --images points at a folder of one's own (every image in it becomes a source); --mix takes the
 * encoders, widths (and sources) from a mix file, so the advisor finds every cell it needs.
 * --jmh-settings runs one profile's cells with the other's JMH settings (e.g. the full matrix
 * with the quick settings, to see every effort on a small machine).
 */
public final class BenchProfile {
    record Group(String name, Class<?> benchmark, List<String> encoders, List<String> sources, List<Integer> widths, List<Integer> threads) {
        int cells() {
            return encoders.size() * sources.size() * widths.size() * Math.max(1, threads.size());
        }
    }

    record Settings(int forks, int warmups, Duration warmupTime, int iterations, Duration iterationTime) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d fork(s) per cell, %d warm-up x %d s, %d measured x %d s, Mode.SampleTime (every call timed), median reported",
                    forks, warmups, warmupTime.toSeconds(), iterations, iterationTime.toSeconds());
        }
    }

    static final Settings QUICK = new Settings(1, 1, Duration.ofSeconds(1), 3, Duration.ofSeconds(1));
    static final Settings FULL = new Settings(2, 2, Duration.ofSeconds(2), 5, Duration.ofSeconds(2));

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("quick") || args[0].equals("full"))) {
            System.err.println("usage: BenchProfile quick|full [--images DIR] [--mix FILE] [--out FILE] [--max-threads N] [--jmh-settings quick|full] [--dry-run]");
            System.exit(2);
        }
        String profile = args[0];
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dry-run")) {
                opts.put("dry-run", "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
        }
        if (opts.containsKey("images")) {
            System.setProperty("imageopt.corpus", opts.get("images")); // as given: the forks share this working directory
        }
        Path work = Corpus.workDir().toAbsolutePath();
        Mix mix = opts.containsKey("mix") ? Mix.load(Path.of(opts.get("mix"))) : null;
        int maxThreads = Integer.parseInt(opts.getOrDefault("max-threads", String.valueOf(Runtime.getRuntime().availableProcessors())));
        Path out = Path.of(opts.getOrDefault("out", work.resolve("jmh-" + profile + ".json").toString())).toAbsolutePath();

        List<Group> groups = groups(profile, opts.containsKey("images") ? Corpus.images() : Corpus.MATRIX_SOURCES, mix, maxThreads);
        Settings settings = opts.getOrDefault("jmh-settings", profile).equals("quick") ? QUICK : FULL;
        int cells = groups.stream().mapToInt(Group::cells).sum();
        System.out.printf(Locale.ROOT, "imageopt %s profile: %d cells in %d runs; %s; images from %s; results to %s%n",
                profile, cells, groups.size(), settings, Corpus.describe(), out);
        for (Group g : groups) {
            System.out.printf(Locale.ROOT, "  %-10s %-22s %3d cells: encoders %s x sources %s x widths %s%s%n", g.name(), g.benchmark().getSimpleName(),
                    g.cells(), g.encoders(), g.sources(), g.widths(), g.threads().isEmpty() ? "" : " x threads " + g.threads());
        }
        if (opts.containsKey("dry-run")) {
            return;
        }
        groups.stream().flatMap(g -> g.sources().stream()).distinct().forEach(Corpus::path); // derive sizes once, before the forks

        JsonArray all = new JsonArray();
        Files.createDirectories(out.getParent());
        int done = 0;
        for (Group g : groups) {
            System.out.printf(Locale.ROOT, "%n=== %s: run %d of %d (%d of %d cells done) ===%n", g.name(), groups.indexOf(g) + 1, groups.size(), done, cells);
            Path part = Files.createTempFile(out.getParent(), "jmh-" + g.name(), ".json");
            ChainedOptionsBuilder o = new OptionsBuilder()
                    .include(g.benchmark().getName() + ".transform")
                    .param("encoder", g.encoders().toArray(String[]::new))
                    .param("source", g.sources().toArray(String[]::new))
                    .param("width", g.widths().stream().map(String::valueOf).toArray(String[]::new))
                    .forks(settings.forks())
                    .warmupIterations(settings.warmups()).warmupTime(TimeValue.seconds(settings.warmupTime().toSeconds()))
                    .measurementIterations(settings.iterations()).measurementTime(TimeValue.seconds(settings.iterationTime().toSeconds()))
                    .addProfiler(ResourceProfiler.class)
                    .jvmArgsAppend(forkArgs(g))
                    .shouldFailOnError(true)
                    .resultFormat(ResultFormatType.JSON).result(part.toString());
            if (!g.threads().isEmpty()) {
                o.param("threads", g.threads().stream().map(String::valueOf).toArray(String[]::new));
            }
            new Runner(o.build()).run();
            all.addAll(JsonParser.parseString(Files.readString(part)).getAsJsonArray());
            Files.delete(part);
            done += g.cells();
        }
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(all));
        System.out.println("\nwrote " + out + " (" + all.size() + " results); next: ./imageopt advise --jmh " + out);
    }

    /**
     * The forks' JVM flags, which JMH records in the results: the forks run in this working
     * directory and find the corpus and the work folder as this JVM does, so only what was set
     * explicitly is passed on, as given (no machine's absolute path lands in a result by default).
     */
    static String[] forkArgs(Group g) {
        List<String> a = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m"));
        for (String property : List.of("imageopt.corpus", "imageopt.bench.work")) {
            String value = System.getProperty(property);
            if (value != null) {
                a.add("-D" + property + "=" + value);
            }
        }
        if (g.threads().isEmpty()) {
            a.add("-Dimageopt.vips.concurrency=1");
        }
        String lib = System.getProperty("imageopt.libvips");
        if (lib != null) {
            a.add("-Dimageopt.libvips=" + lib);
        }
        return a.toArray(String[]::new);
    }

    /** The runs of a profile, every encoder key explicit. */
    static List<Group> groups(String profile, List<String> folderSources, Mix mix, int maxThreads) {
        boolean full = profile.equals("full");
        List<String> sources = mix != null ? mix.sourcesOr(folderSources) : folderSources;
        List<Integer> widths = mix != null ? List.copyOf(mix.widths().keySet()) : List.of(320, 800, 1600);
        Set<String> encoders = new LinkedHashSet<>();
        if (mix != null) {
            encoders.addAll(mix.encoders().keySet());
        } else {
            for (OutputFormat f : List.of(OutputFormat.JPEG, OutputFormat.WEBP, OutputFormat.AVIF)) {
                encoders.add(EncoderChoice.defaultKey(f));
            }
        }
        if (full) {
            for (String key : List.copyOf(encoders)) {
                encoders.addAll(efforts(key));
            }
        }
        List<Integer> threads = new ArrayList<>();
        for (int t = 1; t <= maxThreads; t++) {
            threads.add(t);
        }
        // one encoder per format for thread scaling: the format's default if measured, else its first
        Map<imageopt.transform.OutputFormat, String> perFormat = new LinkedHashMap<>();
        for (String k : encoders) {
            var f = EncoderChoice.parse(k).format();
            if (k.equals(EncoderChoice.defaultKey(f)) || !perFormat.containsKey(f)) {
                perFormat.put(f, perFormat.containsKey(f) && perFormat.get(f).equals(EncoderChoice.defaultKey(f)) ? perFormat.get(f) : k);
            }
        }
        List<String> scaling = List.copyOf(perFormat.values());
        List<Group> groups = new ArrayList<>();
        groups.add(new Group("matrix", TransformBenchmark.class, List.copyOf(encoders), sources, widths, List.of()));
        if (mix == null && folderSources.equals(Corpus.MATRIX_SOURCES)) {
            Set<String> sharp = new LinkedHashSet<>();
            for (String f : List.of("jpeg", "webp", "avif")) {
                String k = EncoderChoice.resolve(f + "-sharp");
                if (!encoders.contains(k)) sharp.add(k);
            }
            if (!sharp.isEmpty() && !full) {
                groups.add(new Group("aws-sample", TransformBenchmark.class, List.copyOf(sharp), List.of("Kleiber_by_Lukas_Baubkus.jpg@20mp"), List.of(800), List.of()));
            } else if (!sharp.isEmpty()) {
                groups.add(new Group("aws-sample", TransformBenchmark.class, List.copyOf(sharp), sources, widths, List.of()));
            }
        }
        List<String> scalingSources = full ? sources.subList(0, Math.min(2, sources.size())) : List.of(middle(sources));
        if (mix == null && folderSources.equals(Corpus.MATRIX_SOURCES)) {
            scalingSources = List.of("seeding_by_Clements_Engelhardt.jpg@12mp", "Kleiber_by_Lukas_Baubkus.jpg@20mp");
        }
        groups.add(new Group("threads", ThreadScalingBenchmark.class, scaling, scalingSources, List.of(widths.contains(800) ? 800 : widths.getFirst()), threads));
        return groups;
    }

    /** The same format and quality at the other efforts (and JPEG with/without mozjpeg). */
    static List<String> efforts(String key) {
        EncoderChoice c = EncoderChoice.parse(key);
        var s = c.settings();
        List<String> out = new ArrayList<>();
        switch (c.format()) {
            case JPEG -> out.add(new EncoderChoice(c.format(), s.withJpeg(s.jpegQuality(), !s.jpegMozjpeg())).key());
            case WEBP -> { for (int e : new int[] {0, 2, 4, 6}) out.add(new EncoderChoice(c.format(), s.withWebp(s.webpQuality(), e)).key()); }
            case AVIF -> { for (int e : new int[] {0, 2, 4, 6}) out.add(new EncoderChoice(c.format(), s.withAvif(s.avifQuality(), e, s.avifChroma444())).key()); }
            default -> { }
        }
        return out;
    }

    private static String middle(List<String> sources) {
        return sources.get(sources.size() / 2);
    }
}
