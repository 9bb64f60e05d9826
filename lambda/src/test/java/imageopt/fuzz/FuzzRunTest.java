package imageopt.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A short coverage-guided run of each fuzz target with Jazzer (libFuzzer in the JVM), from the
 * seed corpus kept in {@code src/test/fuzz/<target>/}; what the run finds new goes to a temporary
 * folder, never into the repository. A finding fails the test with Jazzer's report (the crashing
 * input is written under {@code target/fuzz-findings/}). {@code -Dfuzz.seconds=N} runs longer
 * (the default, {@value #DEFAULT_SECONDS} s a target, is what {@code ./imageopt test} spends).
 *
 * <p>Jazzer 0.24.0's bytecode instrumentation reads class files up to Java 23 (major 67); this
 * project compiles for 25 (69). The run therefore loads copies of the project's own classes with
 * the version field set to 67: Java 24 and 25 added no class-file structure, and the JVM runs them
 * unchanged.
 */
class FuzzRunTest {
    static final int DEFAULT_SECONDS = 10;
    static final int JAZZER_MAX_MAJOR = 67;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"ContractFuzz, contract, 2048", "HeaderFuzz, headers, 65536"})
    void fuzz(String target, String corpus, int maxLen) throws Exception {
        int seconds = Integer.getInteger("fuzz.seconds", DEFAULT_SECONDS);
        Path seeds = Path.of("src/test/fuzz", corpus).toAbsolutePath();
        assertTrue(Files.list(seeds).findAny().isPresent(), "a seed corpus in " + seeds);
        Path findings = Files.createDirectories(Path.of("target/fuzz-findings", corpus).toAbsolutePath());
        Path grown = Files.createDirectories(tmp.resolve("corpus"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String classpath = classes + java.io.File.pathSeparator + System.getProperty("java.class.path");
        copyProjectClasses(classes);

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:+EnableDynamicAgentLoading", "-Xmx1g", "-cp", classpath,
                "-Dimageopt.root=" + System.getProperty("imageopt.root", ".."),
                "com.code_intelligence.jazzer.Jazzer", "--target_class=imageopt.fuzz." + target,
                "--instrumentation_includes=imageopt.**", "--keep_going=0",
                "-max_total_time=" + seconds, "-max_len=" + maxLen, "-timeout=10", "-rss_limit_mb=3000", "-seed=13",
                "-artifact_prefix=" + findings + "/", grown.toString(), seeds.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = read(p.getInputStream());
        assertTrue(p.waitFor(seconds + 120, TimeUnit.SECONDS), "Jazzer did not stop");
        String report = tail(out, 60);
        assertEquals(0, p.exitValue(), report);
        // it really ran, guided by coverage of our code: inputs executed and coverage points found
        Matcher done = Pattern.compile("#(\\d+)\\s+DONE\\s+cov: (\\d+)").matcher(out);
        assertTrue(done.find(), report);
        long runs = Long.parseLong(done.group(1)), coverage = Long.parseLong(done.group(2));
        System.out.printf("%s: %,d inputs in %d s, %d coverage points%n", target, runs, seconds, coverage);
        assertTrue(coverage > 100, "instrumented for coverage: " + report);
    }

    /** The project's own classes (imageopt.*) from the class path, their class-file version lowered to what Jazzer reads. */
    private static void copyProjectClasses(Path into) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                Path root = p.resolve("imageopt");
                if (!Files.isDirectory(root)) continue;
                try (var walk = Files.walk(root)) {
                    for (Path f : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                        write(into.resolve(p.relativize(f).toString()), Files.readAllBytes(f));
                    }
                }
            } else if (entry.endsWith(".jar") && p.getFileName().toString().startsWith("transform-vips")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    for (var e : java.util.Collections.list(jar.entries())) {
                        if (e.getName().startsWith("imageopt/") && e.getName().endsWith(".class")) {
                            try (InputStream in = jar.getInputStream(e)) {
                                write(into.resolve(e.getName()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        }
    }

    private static void write(Path to, byte[] classFile) throws IOException {
        int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
        if (major > JAZZER_MAX_MAJOR) {
            classFile[6] = 0;
            classFile[7] = (byte) JAZZER_MAX_MAJOR;
        }
        Files.createDirectories(to.getParent());
        Files.write(to, classFile);
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
