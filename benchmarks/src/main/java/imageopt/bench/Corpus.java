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
 * The benchmark images: -Dimageopt.corpus / IMAGEOPT_CORPUS (the user's own folder), else
 * ../shared/corpus found upwards from the working directory.
 * <p>
 * A source name is a file in that folder, or a file with a size suffix, {@code NAME@2mp}: the
 * same photograph made that many megapixels by libvips (Lanczos, aspect kept) and saved as a
 * camera would, baseline JPEG q90 4:2:0, into {@code benchmarks/target/sources/} (or
 * -Dimageopt.bench.work), so both sides of the Sharp comparison read the very same bytes. The
 * corpus has 6, 16 and 20 MP photographs; the 2 MP and 12 MP sizes of the matrix are derived
 * this way.
 */
public final class Corpus {
    private static final Pattern DERIVED = Pattern.compile("(.+)@(\\d+(?:\\.\\d+)?)mp", Pattern.CASE_INSENSITIVE);
    private static final List<String> IMAGE_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".tif", ".tiff", ".heic");

    /** The matrix's sources on the shared corpus: 2 MP, 12 MP, 20 MP photographs and the alpha PNG. */
    public static final List<String> MATRIX_SOURCES = List.of(
            "aitzgorri_by_Aitzol_Berasategi.jpg@2mp",
            "seeding_by_Clements_Engelhardt.jpg@12mp",
            "Kleiber_by_Lukas_Baubkus.jpg",
            "calla.png");

    private Corpus() {}

    public static Path dir() {
        String configured = System.getProperty("imageopt.corpus", System.getenv("IMAGEOPT_CORPUS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no corpus: set -Dimageopt.corpus or IMAGEOPT_CORPUS to a folder of images");
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
            Path p = dir().resolve(name);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no image " + p);
            }
            return p;
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

    /** The photograph at about that many megapixels: upright, Lanczos, baseline JPEG q90 4:2:0. */
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
            if (scale >= 1) {
                throw new IllegalArgumentException("cannot derive " + megapixels + " MP from a " + w + "x" + h + " photograph");
            }
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
