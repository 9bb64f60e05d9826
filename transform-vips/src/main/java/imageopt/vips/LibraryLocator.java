package imageopt.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
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
 * {@code libvips.so.42}. A failure is one line, fit for a Lambda log: the dynamic loader's own
 * message for a file that exists but does not load (which library it could not find, or which
 * symbol version is missing), else every place tried. The outcome is decided once per process, so
 * every caller gets the same message, not a NoClassDefFoundError after the first.
 */
final class LibraryLocator {
    static final String PROPERTY = "imageopt.libvips";
    static final String ENV = "IMAGEOPT_LIBVIPS";
    static final String FILE_NAME = "libvips-cpp.so.8.18.7";
    static final String SYSTEM_NAME = "libvips.so.42";

    record Loaded(SymbolLookup symbols, String where) {}

    private LibraryLocator() {}

    /** The outcome of the one search of this process: the library, or the error that ended it. */
    private static final class Outcome {
        static final Object VALUE = attempt();

        private static Object attempt() {
            try {
                return load();
            } catch (VipsException e) {
                return e;
            }
        }
    }

    /** The library this process loaded; throws the same one-line VipsException on every call if none loaded. */
    static Loaded library() {
        if (Outcome.VALUE instanceof VipsException e) {
            throw new VipsException(e.getMessage());
        }
        return (Loaded) Outcome.VALUE;
    }

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
        throw new VipsException("libvips not loaded; tried " + String.join("; ", tried) + ". " + advice());
    }

    /** What to do about it, where it runs: on Lambda the layer is missing, here the build's copy. */
    private static String advice() {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            return "Attach imageopt's libvips layer (its lib/" + FILE_NAME + " lands in /opt/lib)";
        }
        return "Build once with ./imageopt test (it unpacks the pinned libvips), or set " + PROPERTY + " / " + ENV + " to " + FILE_NAME;
    }

    private static Loaded tryPath(Path path, List<String> tried) {
        if (!Files.isRegularFile(path)) {
            tried.add(path + ": no such file");
            return null;
        }
        try {
            return new Loaded(SymbolLookup.libraryLookup(path, Arena.global()), path.toString());
        } catch (IllegalArgumentException e) {
            // the JDK's message is only "Cannot open library"; the loader's says which dependency failed
            String why = loaderError(path);
            throw new VipsException("libvips at " + path + " did not load: " + (why != null ? why : e.getMessage()));
        }
    }

    /**
     * The dynamic loader's own message for {@code path} (dlopen, then dlerror), e.g.
     * "/opt/lib/libvips-cpp.so.8.18.7: libstdc++.so.6: cannot open shared object file: No such
     * file or directory"; null if it loads after all or the C library does not offer dlerror.
     */
    static String loaderError(Path path) {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        var dlopen = libc.find("dlopen");
        var dlerror = libc.find("dlerror");
        if (dlopen.isEmpty() || dlerror.isEmpty()) {
            return null;
        }
        MethodHandle open = linker.downcallHandle(dlopen.get(), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        MethodHandle error = linker.downcallHandle(dlerror.get(), FunctionDescriptor.of(ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) open.invokeExact(arena.allocateFrom(path.toString()), RTLD_NOW);
            if (!handle.equals(MemorySegment.NULL)) {
                return null; // it loads now; nothing to explain (the handle stays open, as a loaded library would)
            }
            MemorySegment message = (MemorySegment) error.invokeExact();
            return message.equals(MemorySegment.NULL) ? null : message.reinterpret(Long.MAX_VALUE).getString(0).replace('\n', ' ');
        } catch (Throwable t) {
            return null;
        }
    }

    private static final int RTLD_NOW = 2;

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
