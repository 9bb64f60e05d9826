package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.TransformException.Kind;
import imageopt.vips.Vips;
import imageopt.vips.VipsImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat under load: 2000 small JPEG/WebP transforms after a warm-up grow the
 * resident set by less than 10%, and every error path (corrupt at the header or while decoding,
 * too large, unsupported, invalid spec, over time) releases every libvips reference: the count of
 * live VipsObjects and of libvips' pixel buffers comes back exactly to where it was, and the
 * resident set stays within 10% too.
 *
 * <p>Each scenario runs in a JVM of its own whose Java heap is small, fixed and touched up front
 * ({@code -Xms64m -Xmx64m -XX:+AlwaysPreTouch}): in the test JVM, the heap's first-touched pages
 * grow the resident set by ~12 KB per transform until its first collection (measured), which
 * would drown what this test is about, native memory.
 */
class MemorySoakTest {
    private static final int WARM_UP = 300;
    private static final int SOAK = 2000;
    private static final double MAX_GROWTH = 0.10;
    private static final List<TransformSpec> SPECS = List.of(
            TransformSpec.parse("format=webp,width=128"),
            TransformSpec.parse("format=jpeg,width=100,height=100"),
            TransformSpec.parse("format=webp,quality=60,width=160,height=90,fit=contain"),
            TransformSpec.parse("format=jpeg,quality=70,width=64"),
            TransformSpec.parse("width=200"));
    private static ImageTransformer engine;
    private static List<byte[]> sources;
    private static byte[] interlacedPng;
    private static byte[] avif;

    @Test
    void smallTransformsKeepResidentMemoryFlat() throws Exception {
        runInFreshJvm("transforms");
    }

    @Test
    void errorPathsReleaseEveryNativeReference() throws Exception {
        runInFreshJvm("errors");
    }

    /** Runs one scenario in a child JVM (this class's main) and fails with its output if it fails. */
    private static void runInFreshJvm(String scenario) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-Dimageopt.root=" + TestImages.root().toAbsolutePath(),
                "-cp", System.getProperty("java.class.path")));
        if (Files.isRegularFile(Path.of(Vips.libraryLocation()))) {
            command.add("-Dimageopt.libvips=" + Vips.libraryLocation()); // the very library this JVM uses
        }
        command.add(MemorySoakTest.class.getName());
        command.add(scenario);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the " + scenario + " scenario did not end");
        System.out.print(output);
        assertEquals(0, child.exitValue(), "the " + scenario + " scenario failed in its JVM:\n" + output);
    }

    /** The child JVM: {@code transforms} or {@code errors}; exits 1 on a failed assertion. */
    public static void main(String[] args) throws Exception {
        engine = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
        sources = new ArrayList<>();
        for (String name : List.of("friends_by_Aitzol_Berasategi.jpg", "aitzgorri_by_Aitzol_Berasategi.jpg")) {
            try (VipsImage photo = TestImages.photo(name, 256)) {
                sources.add(TestImages.jpeg(photo));
                sources.add(TestImages.webp(photo));
                if (interlacedPng == null) {
                    interlacedPng = TestImages.interlacedPng(photo);
                    avif = TestImages.avif(photo);
                }
            }
        }
        try {
            switch (args[0]) {
                case "transforms" -> transformsScenario();
                case "errors" -> errorsScenario();
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        System.exit(0); // libvips' worker threads are not daemons
    }

    static void transformsScenario() throws InterruptedException {
        for (int i = 0; i < WARM_UP; i++) {
            transform(i);
        }
        Snapshot before = Snapshot.take();
        long start = System.nanoTime();
        long outputBytes = 0;
        long[] rssAt = new long[4];
        for (int i = 0; i < SOAK; i++) {
            outputBytes += transform(i).bytes().length;
            if ((i + 1) % (SOAK / 4) == 0) {
                rssAt[(i + 1) / (SOAK / 4) - 1] = residentKb();
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Snapshot after = Snapshot.take();
        System.out.printf("memory soak: %d transforms (%d KB out) in %d ms; RSS %d -> %d KB (%+.1f%%; at each quarter %s KB); "
                        + "live VipsObjects %d -> %d; libvips allocations %d -> %d%n",
                SOAK, outputBytes / 1024, millis, before.rssKb, after.rssKb, 100.0 * (after.rssKb - before.rssKb) / before.rssKb,
                Arrays.toString(rssAt), before.objects, after.objects, before.allocations, after.allocations);

        assertEquals(before.objects, after.objects, "live VipsObjects");
        assertEquals(before.allocations, after.allocations, "libvips tracked allocations");
        assertTrue(after.rssKb < before.rssKb * (1 + MAX_GROWTH),
                "resident set grew from " + before.rssKb + " KB to " + after.rssKb + " KB over " + SOAK + " transforms");
    }

    static void errorsScenario() throws InterruptedException {
        byte[] bomb = TestImages.pngWithGarbageData(30000, 30000, 2000, 5);
        byte[] webpCut = Arrays.copyOf(sources.get(1), sources.get(1).length / 2); // fails at the header
        byte[] pngCut = Arrays.copyOf(interlacedPng, interlacedPng.length / 2);  // fails while decoding
        byte[] avifCut = Arrays.copyOf(avif, avif.length * 3 / 4);                // fails while decoding
        byte[] heic = TestImages.ftyp("heic", "mif1", "heic");
        byte[] noise = new byte[2048];
        new Random(11).nextBytes(noise);
        noise[0] = 0x01;
        // Over time while libvips computes: a 1024 px JPEG to PNG takes ~30 ms, the budget is 10.
        // (A 20 MP photo would do too, but glibc keeps the large buffers its decode frees in
        // per-thread arenas: the resident set climbs for a few hundred transforms, timed out or
        // not, before it levels off, and that is not what this test measures.)
        byte[] photo;
        try (VipsImage large = TestImages.photo("aitzgorri_by_Aitzol_Berasategi.jpg", 1024)) {
            photo = TestImages.jpeg(large);
        }
        ImageTransformer hurried = new ImageTransformer(Limits.DEFAULT.withTimeBudget(Duration.ofMillis(10)), EncoderSettings.fast());
        TransformSpec webp = SPECS.getFirst();
        TransformSpec tooWide = TransformSpec.parse("width=5000");

        List<Case> cases = List.of(
                new Case("corrupt at the header (truncated WebP)", Kind.CORRUPT, 400, () -> engine.transform(webpCut, webp)),
                new Case("corrupt while decoding (truncated interlaced PNG)", Kind.CORRUPT, 400, () -> engine.transform(pngCut, webp)),
                new Case("corrupt while decoding (truncated AVIF)", Kind.CORRUPT, 400, () -> engine.transform(avifCut, webp)),
                new Case("too large (30000x30000 PNG)", Kind.TOO_LARGE, 400, () -> engine.transform(bomb, webp)),
                new Case("unsupported (noise)", Kind.UNSUPPORTED, 400, () -> engine.transform(noise, webp)),
                new Case("unsupported (HEIC)", Kind.UNSUPPORTED, 400, () -> engine.transform(heic, webp)),
                new Case("invalid spec (over the output limit)", Kind.INVALID_SPEC, 400, () -> engine.transform(sources.getFirst(), tooWide)),
                new Case("over time (1024 px photo to PNG, 10 ms)", Kind.TIMEOUT, 100, () -> hurried.transform(photo, TransformSpec.parse("format=png"))));

        try (LibvipsWarnings quiet = LibvipsWarnings.capture()) {
            for (Case c : cases) { // warm-up: each path a few times
                for (int i = 0; i < 20; i++) {
                    c.runOnce();
                }
            }
            Snapshot before = Snapshot.take();
            long start = System.nanoTime();
            for (Case c : cases) {
                Snapshot caseBefore = Snapshot.take();
                for (int i = 0; i < c.times; i++) {
                    c.runOnce();
                }
                Snapshot caseAfter = Snapshot.take();
                System.out.printf("  %-50s x%d: RSS %d -> %d KB, live VipsObjects %d -> %d, libvips allocations %d -> %d%n", c.name, c.times,
                        caseBefore.rssKb, caseAfter.rssKb, caseBefore.objects, caseAfter.objects, caseBefore.allocations, caseAfter.allocations);
                assertEquals(caseBefore.objects, caseAfter.objects, c.name + ": live VipsObjects after " + c.times + " failures");
                assertEquals(caseBefore.allocations, caseAfter.allocations, c.name + ": libvips allocations after " + c.times + " failures");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            Snapshot after = Snapshot.take();
            System.out.printf("error-path soak: %d failures in %d ms; RSS %d -> %d KB (%+.1f%%); live VipsObjects %d -> %d; libvips allocations %d -> %d%n",
                    cases.stream().mapToInt(Case::times).sum(), millis, before.rssKb, after.rssKb,
                    100.0 * (after.rssKb - before.rssKb) / before.rssKb, before.objects, after.objects, before.allocations, after.allocations);
            assertTrue(after.rssKb < before.rssKb * (1 + MAX_GROWTH), "resident set grew from " + before.rssKb + " KB to " + after.rssKb + " KB");
        }
    }

    record Case(String name, Kind expected, int times, Supplier<TransformResult> call) {
        void runOnce() {
            TransformException e = assertThrows(TransformException.class, call::get, name);
            assertEquals(expected, e.kind(), name + ": " + e.getMessage());
        }
    }

    private static TransformResult transform(int i) {
        return engine.transform(sources.get(i % sources.size()), SPECS.get((i / sources.size()) % SPECS.size()));
    }

    /** Native state at a quiet moment: resident set, live VipsObjects, libvips pixel buffers. */
    record Snapshot(long rssKb, long objects, int allocations) {
        static Snapshot take() throws InterruptedException {
            // libvips' worker threads finish winding down a moment after a pipeline returns
            long objects = TestImages.settle(LibvipsObjects::alive);
            int allocations = (int) TestImages.settle(Vips::trackedAllocations);
            return new Snapshot(residentKb(), objects, allocations);
        }
    }

    /** VmRSS of this process, in KB. */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
