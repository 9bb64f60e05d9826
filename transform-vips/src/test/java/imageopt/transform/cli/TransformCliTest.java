package imageopt.transform.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.TestImages;
import imageopt.vips.VipsImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transform command line on real files in a temporary directory, through
 * {@link TransformCli#run} (never System.exit): the summary line, the written file, the header
 * read, and every kind of mistake answered by one line on stderr that names it, with status 2
 * for usage and 1 for a failed transform.
 */
class TransformCliTest {
    private static final Pattern SUMMARY = Pattern.compile("(.+): (jpeg|png|webp|avif|gif) (\\d+)x(\\d+)( x (\\d+) frames)?, (\\d+) bytes, (\\d+) ms");

    @TempDir
    static Path dir;
    private static Path jpeg;
    private static Path gif;

    @BeforeAll
    static void files() throws IOException {
        try (VipsImage photo = TestImages.photo(); // 170x256
             VipsImage animation = TestImages.animation(photo, 3, 64)) {
            jpeg = Files.write(dir.resolve("dogs.jpg"), TestImages.jpeg(photo));
            gif = Files.write(dir.resolve("anim.gif"), TestImages.gif(animation));
        }
    }

    /** What one run printed, and its status. */
    record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TransformCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Matcher summary(Run run) {
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.size(), "one line: " + run.out());
        Matcher m = SUMMARY.matcher(lines.getFirst());
        assertTrue(m.matches(), "summary line: " + lines.getFirst());
        return m;
    }

    // --- what works ---------------------------------------------------------------------------

    @Test
    void transformsAndPrintsFormatSizeBytesAndMilliseconds() throws IOException {
        Path out = dir.resolve("dogs-800.avif");
        Matcher m = summary(run("--spec", "format=avif,width=100", "--preset", "fast", jpeg.toString(), out.toString()));
        assertEquals(out.toString(), m.group(1));
        assertEquals("avif", m.group(2));
        assertEquals("100", m.group(3));
        assertEquals("151", m.group(4));
        byte[] written = Files.readAllBytes(out);
        assertEquals(written.length, Long.parseLong(m.group(7)), "bytes printed = bytes written");
        TestImages.assertDecodes(written, 100, 151);
    }

    @Test
    void optionsTakeTheEqualsFormAndTheDefaultsAreTheOriginalWithSharpSettings() throws IOException {
        Path out = dir.resolve("copy.jpg");
        Matcher m = summary(run(jpeg.toString(), out.toString())); // spec original, preset sharp
        assertEquals("jpeg", m.group(2));
        assertEquals("170x256", m.group(3) + "x" + m.group(4));
        Path webp = dir.resolve("small.webp");
        m = summary(run("--spec=format=webp,quality=60,width=64,height=64,fit=contain", "--preset=sharp", "--timeout=5000", jpeg.toString(), webp.toString()));
        assertEquals("webp 64x64", m.group(2) + " " + m.group(3) + "x" + m.group(4));
        TestImages.assertDecodes(Files.readAllBytes(webp), 64, 64);
    }

    @Test
    void animationsPrintTheirFrames() {
        Matcher m = summary(run("--spec", "format=webp,width=32", "--preset", "fast", gif.toString(), dir.resolve("anim.webp").toString()));
        assertEquals("3", m.group(6));
        assertEquals("32x32", m.group(3) + "x" + m.group(4));
    }

    @Test
    void replacesAnExistingOutputAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("replaced.png");
        Files.writeString(out, "old");
        summary(run("--spec", "format=png,width=50", "--preset", "fast", jpeg.toString(), out.toString()));
        TestImages.assertDecodes(Files.readAllBytes(out), 50, 75);
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left behind");
        }
    }

    @Test
    void headerPrintsOneLineAndDecodesNothing() {
        Run run = run("--header", jpeg.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(jpeg + ": jpeg 170x256, 1 frame, orientation 1, no alpha, " + jpeg.toFile().length() + " bytes", run.out().strip());
        Run animated = run("--header=" + gif);
        assertTrue(animated.out().contains(": gif 64x64, 3 frames,"), animated.out());
    }

    @Test
    void helpGoesToStdoutWithStatusZero() {
        for (String flag : List.of("--help", "-h")) {
            Run run = run(flag);
            assertEquals(0, run.status());
            assertTrue(run.out().startsWith("Usage: imageopt transform"), run.out());
            assertTrue(run.out().contains("--spec") && run.out().contains("--preset") && run.out().contains("--header"));
            assertEquals("", run.err());
        }
    }

    // --- usage errors: status 2, one line naming the mistake -----------------------------------

    static Stream<Arguments> usageErrors() {
        String in = "in.jpg", out = "out.webp";
        return Stream.of(
                Arguments.of(List.of(), "expected IN and OUT"),
                Arguments.of(List.of(in), "'in.jpg'"),
                Arguments.of(List.of(in, out, "extra.png"), "'extra.png'"),
                Arguments.of(List.of("--bogus", in, out), "'--bogus'"),
                Arguments.of(List.of("-x", in, out), "'-x'"),
                Arguments.of(List.of("--spec"), "--spec needs a value"),
                Arguments.of(List.of("--spec", "--preset", "fast", in, out), "--spec needs a value"),
                Arguments.of(List.of("--spec", "width=0", in, out), "'width=0'"),
                Arguments.of(List.of("--spec", "height=300,width=300", in, out), "'height=300,width=300'"),
                Arguments.of(List.of("--spec", "format=jpg", in, out), "'format=jpg'"),
                Arguments.of(List.of("--spec=width=99999", in, out), "'width=99999'"),
                Arguments.of(List.of("--preset", "turbo", in, out), "'turbo'"),
                Arguments.of(List.of("--timeout", "soon", in, out), "'soon'"),
                Arguments.of(List.of("--timeout", "0", in, out), "--timeout '0'"),
                Arguments.of(List.of("--header", in, "other.jpg"), "'other.jpg'"),
                Arguments.of(List.of("--header", in, "--spec", "width=10"), "--spec"),
                Arguments.of(List.of("--help=yes"), "--help"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwoWithOneLineNamingTheMistake(List<String> args, String named) {
        Run run = run(args.toArray(String[]::new));
        assertEquals(2, run.status(), run.err());
        assertEquals(1, run.errLines().size(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("imageopt transform: "), run.err());
        assertTrue(run.err().contains(named), "names " + named + ": " + run.err());
        assertEquals("", run.out());
    }

    /** A canonical spec the engine's limits refuse (4096 px at most) is a usage error too, naming the spec. */
    @Test
    void aSpecOverTheEngineLimitsIsAUsageError() {
        Path out = dir.resolve("never.png");
        Run run = run("--spec", "width=5000", "--preset", "fast", jpeg.toString(), out.toString());
        assertEquals(2, run.status());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("--spec 'width=5000'"), run.err());
        assertFalse(Files.exists(out));
    }

    // --- failed transforms: status 1, one line naming the file ---------------------------------

    @Test
    void aMissingInputNamesTheFile() {
        Path missing = dir.resolve("no-such.jpg");
        Run run = run(missing.toString(), dir.resolve("x.png").toString());
        assertFailure(run, "cannot read IN '" + missing + "': no such file or directory");
        Run header = run("--header", missing.toString());
        assertFailure(header, "'" + missing + "'");
        Run directory = run(dir.toString(), dir.resolve("x.png").toString());
        assertFailure(directory, "it is a directory");
    }

    @Test
    void anUnwritableOutputNamesTheFile() {
        Path nowhere = dir.resolve("no-such-dir").resolve("out.png");
        Run run = run("--preset", "fast", jpeg.toString(), nowhere.toString());
        assertFailure(run, "cannot write OUT '" + nowhere + "'");
    }

    @Test
    void engineErrorsNameTheFileAndTheKind() throws Exception {
        Path notAnImage = Files.writeString(dir.resolve("notes.txt"), "hello, not an image\n");
        assertFailure(run(notAnImage.toString(), dir.resolve("a.png").toString()), notAnImage + ": unsupported-format (415): ");

        Path bomb = Files.write(dir.resolve("bomb.png"), TestImages.pngWithGarbageData(30000, 30000, 1000, 1));
        assertFailure(run(bomb.toString(), dir.resolve("b.png").toString()), bomb + ": too-large (413): ");

        byte[] whole = Files.readAllBytes(jpeg);
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(whole, 100)); // header incomplete
        Path out = dir.resolve("c.png");
        assertFailure(run(cut.toString(), out.toString()), cut + ": corrupt-image (422): ");
        assertFalse(Files.exists(out), "no output for a failed transform");

        Path photo = TestImages.largePhoto();
        assertFailure(run("--timeout", "1", "--spec", "format=avif", photo.toString(), dir.resolve("d.avif").toString()),
                photo + ": timeout (503): ");
    }

    private static void assertFailure(Run run, String expected) {
        assertEquals(1, run.status(), run.err());
        assertEquals(1, run.errLines().size(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("imageopt transform: "), run.err());
        assertTrue(run.err().contains(expected), "expected '" + expected + "' in: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void sameBytesAsTheEngine() throws IOException {
        Path out = dir.resolve("engine.webp");
        summary(run("--spec", "format=webp,width=80", "--preset", "fast", jpeg.toString(), out.toString()));
        byte[] direct = new imageopt.transform.ImageTransformer(imageopt.transform.Limits.DEFAULT, imageopt.transform.EncoderSettings.fast())
                .transform(Files.readAllBytes(jpeg), imageopt.transform.TransformSpec.parse("format=webp,width=80")).bytes();
        assertArrayEquals(direct, Files.readAllBytes(out));
    }
}
