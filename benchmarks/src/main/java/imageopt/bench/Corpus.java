package imageopt.bench;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import imageopt.transform.ImageTransformer;
import imageopt.vips.Operation;
import imageopt.vips.VipsEnums.Size;
import imageopt.vips.VipsEnums.Subsample;
import imageopt.vips.VipsImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark images: -Dimageopt.corpus / IMAGEOPT_CORPUS (a folder of one's own), else the
 * checkout's samples/images and samples/photos (see samples/NOTICE.md); nothing outside them.
 * <p>
 * A source name is a file in those folders, or a file with a size suffix, {@code NAME@2mp}: the
 * same photograph made that many megapixels by libvips (Lanczos, aspect kept, down or up) and
 * saved as a camera would, baseline JPEG q90 4:2:0, into {@code benchmarks/target/sources/} (or
 * -Dimageopt.bench.work), so both sides of the Sharp comparison read the very same bytes. The
 * repository holds a 6 MP photograph and half-size (5 and 4 MP) copies of a 20 and a 16 MP one;
 * the matrix's 2, 12 and 20 MP sources are made from them this way (the 12 and 20 MP ones scaled
 * up: full-size pixels with a 4-5 MP photograph's detail).
 */
public final class Corpus {
    private static final Pattern DERIVED = Pattern.compile("(.+)@(\\d+(?:\\.\\d+)?)mp", Pattern.CASE_INSENSITIVE);
    private static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff", ".heic");
    private static final List<String> SAMPLE_FOLDERS = List.of("samples/images", "samples/photos");

    /** The matrix's sources: 2 MP, 12 MP, 20 MP photographs and the alpha PNG. */
    public static final List<String> MATRIX_SOURCES = List.of(
            "aitzgorri_by_Aitzol_Berasategi.jpg@2mp",
            "seeding_by_Clements_Engelhardt.jpg@12mp",
            "Kleiber_by_Lukas_Baubkus.jpg@20mp",
            "calla.png");

    private Corpus() {}

    /** The folders images are read from: the configured one, else the checkout's sample folders. */
    public static List<Path> dirs() {
        String configured = System.getProperty("imageopt.corpus", System.getenv("IMAGEOPT_CORPUS"));
        if (configured != null && !configured.isBlank()) {
            return List.of(Path.of(configured));
        }
        Path root = Repository.root();
        if (root == null) {
            throw new IllegalStateException("not in an imageopt checkout (no samples/NOTICE.md above the working directory or the code): "
                    + "set -Dimageopt.corpus or IMAGEOPT_CORPUS to a folder of images");
        }
        return SAMPLE_FOLDERS.stream().map(root::resolve).toList();
    }

    /** The folders as results record them: relative to the checkout where they are in it. */
    public static String describe() {
        return String.join(", ", dirs().stream().map(Repository::relative).toList());
    }

    /** Every image file directly in the corpus folders, by name. */
    public static List<String> images() {
        return dirs().stream().flatMap(d -> imagesIn(d).stream()).sorted().toList();
    }

    /** Every image file directly in a folder, by name (what a user's own folder contributes). */
    public static List<String> imagesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> IMAGE_SUFFIXES.stream().anyMatch(s -> n.toLowerCase(Locale.ROOT).endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file behind a source name; a derived size is made on first use. */
    public static synchronized Path path(String name) {
        Matcher m = DERIVED.matcher(name);
        if (!m.matches()) {
            return dirs().stream().map(d -> d.resolve(name)).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no image " + name + " in " + describe()));
        }
        double megapixels = Double.parseDouble(m.group(2));
        Path out = workDir().resolve("sources").resolve(name.replace('@', '-') + ".jpg");
        if (!Files.isRegularFile(out)) {
            try {
                Files.createDirectories(out.getParent());
                Path tmp = Files.createTempFile(out.getParent(), "derive", ".jpg");
                Files.write(tmp, derive(Files.readAllBytes(path(m.group(1))), megapixels));
                Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** benchmarks/target (found from the working directory), or -Dimageopt.bench.work. */
    public static Path workDir() {
        String configured = System.getProperty("imageopt.bench.work");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("benchmarks/src"))) {
                return dir.resolve("benchmarks/target");
            }
            if (Files.isDirectory(dir.resolve("src/main/java/imageopt/bench"))) {
                return dir.resolve("target");
            }
        }
        return cwd.resolve("target");
    }

    /** The photograph at about that many megapixels (down or up): upright, Lanczos, baseline JPEG q90 4:2:0. */
    static byte[] derive(byte[] source, double megapixels) {
        new ImageTransformer(); // libvips started
        try (Arena arena = Arena.ofConfined()) {
            var buffer = arena.allocateFrom(JAVA_BYTE, source);
            int w, h;
            try (Operation load = Operation.of("jpegload_buffer").setBuffer("buffer", buffer).build();
                 VipsImage header = load.image("out")) {
                w = header.width();
                h = header.height();
            }
            double scale = Math.sqrt(megapixels * 1e6 / ((double) w * h));
            int tw = (int) Math.round(w * scale), th = (int) Math.round(h * scale);
            try (Operation thumb = Operation.of("thumbnail_buffer").setBuffer("buffer", buffer)
                    .set("width", tw).set("height", th).set("size", Size.FORCE).build();
                 VipsImage small = thumb.image("out");
                 Operation save = Operation.of("jpegsave_buffer").set("in", small).set("Q", 90)
                         .set("subsample_mode", Subsample.ON).set("optimize_coding", true).build()) {
                return save.bytes("buffer");
            }
        }
    }
}
