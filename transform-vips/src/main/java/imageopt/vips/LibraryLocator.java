package imageopt.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the libvips shared library, in this order: an explicit path (system property
 * {@value #PROPERTY} or environment variable {@value #ENV}), the Lambda layer ({@code /opt/lib}),
 * the build's unpacked copy ({@code layer/target/libvips/linux-<arch>/lib}), the system's
 * {@code libvips.so.42}. A failure lists every place tried.
 */
final class LibraryLocator {
    static final String PROPERTY = "imageopt.libvips";
    static final String ENV = "IMAGEOPT_LIBVIPS";
    static final String FILE_NAME = "libvips-cpp.so.8.18.7";
    static final String SYSTEM_NAME = "libvips.so.42";

    record Loaded(SymbolLookup symbols, String where) {}

    private LibraryLocator() {}

    static Loaded load() {
        List<String> tried = new ArrayList<>();
        String explicit = System.getProperty(PROPERTY);
        if (explicit == null || explicit.isBlank()) {
            explicit = System.getenv(ENV);
        }
        if (explicit != null && !explicit.isBlank()) {
            // An explicit choice that fails is an error, not a reason to fall back silently.
            Loaded loaded = tryPath(Path.of(explicit), tried);
            if (loaded != null) {
                return loaded;
            }
            throw new VipsException("libvips not loaded from the explicit " + PROPERTY + "/" + ENV + ": " + tried.getFirst());
        }
        for (Path candidate : candidates()) {
            Loaded loaded = tryPath(candidate, tried);
            if (loaded != null) {
                return loaded;
            }
        }
        try {
            return new Loaded(SymbolLookup.libraryLookup(SYSTEM_NAME, Arena.global()), SYSTEM_NAME);
        } catch (IllegalArgumentException e) {
            tried.add(SYSTEM_NAME + " (system library path): " + e.getMessage());
        }
        throw new VipsException("libvips not found; tried:\n  " + String.join("\n  ", tried)
                + "\nBuild once with ./imageopt test (it unpacks the pinned libvips), or set " + PROPERTY
                + " / " + ENV + " to " + FILE_NAME);
    }

    private static Loaded tryPath(Path path, List<String> tried) {
        if (!Files.isRegularFile(path)) {
            tried.add(path + ": no such file");
            return null;
        }
        try {
            return new Loaded(SymbolLookup.libraryLookup(path, Arena.global()), path.toString());
        } catch (IllegalArgumentException e) {
            tried.add(path + ": " + e.getMessage());
            return null;
        }
    }

    /** The Lambda layer path, then the build's copy found upwards from the working directory and the code. */
    static List<Path> candidates() {
        Set<Path> out = new LinkedHashSet<>();
        out.add(Path.of("/opt/lib", FILE_NAME));
        Path relative = Path.of("layer", "target", "libvips", "linux-" + arch(), "lib", FILE_NAME);
        for (Path start : startingPoints()) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                out.add(dir.resolve(relative));
            }
        }
        return List.copyOf(out);
    }

    private static List<Path> startingPoints() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        try {
            var source = LibraryLocator.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException ignored) {
            // no code location (unusual class loader): the working directory still counts
        }
        return starts;
    }

    static String arch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }
}
