package imageopt.vips;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libvips for the whole process: loaded and initialised once, operation cache off (every request
 * is new work; a cache only holds memory), thread count configurable. Refuses any libvips that is
 * not the pinned 8.18 series, since every enum value and struct size here comes from its headers.
 */
public final class Vips {
    public static final int REQUIRED_MAJOR = 8;
    public static final int REQUIRED_MINOR = 18;
    /** Threads per image: system property / environment variable, default the available processors. */
    public static final String CONCURRENCY_PROPERTY = "imageopt.vips.concurrency";
    public static final String CONCURRENCY_ENV = "IMAGEOPT_VIPS_CONCURRENCY";

    private static volatile String version;
    private static final Map<String, Long> GTYPES = new ConcurrentHashMap<>();

    private Vips() {}

    /** Loads and initialises libvips if that has not happened yet; safe from any thread. */
    public static void start() {
        if (version == null) {
            startOnce();
        }
    }

    private static synchronized void startOnce() {
        if (version != null) {
            return;
        }
        LibraryLocator.library(); // a library that does not load fails here, in one line, before LibVips' handles are bound
        try (Arena arena = Arena.ofConfined()) {
            int major = (int) LibVips.vips_version.invokeExact(0);
            int minor = (int) LibVips.vips_version.invokeExact(1);
            int micro = (int) LibVips.vips_version.invokeExact(2);
            String found = major + "." + minor + "." + micro;
            if (major != REQUIRED_MAJOR || minor != REQUIRED_MINOR) {
                throw new VipsException("libvips " + found + " at " + LibVips.LIBRARY.where() + " is refused: imageopt is built against the "
                        + REQUIRED_MAJOR + "." + REQUIRED_MINOR + " series (enum values and struct sizes come from its headers)");
            }
            if ((int) LibVips.vips_init.invokeExact(arena.allocateFrom("imageopt")) != 0) {
                throw new VipsException("vips_init failed: " + takeError());
            }
            LibVips.vips_cache_set_max.invokeExact(0);
            LibVips.vips_cache_set_max_mem.invokeExact(0L);
            LibVips.vips_cache_set_max_files.invokeExact(0);
            LibVips.vips_concurrency_set.invokeExact(defaultConcurrency());
            version = found;
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    static int defaultConcurrency() {
        String configured = System.getProperty(CONCURRENCY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CONCURRENCY_ENV);
        }
        if (configured == null || configured.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(configured.strip());
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new VipsException(CONCURRENCY_ENV + " / " + CONCURRENCY_PROPERTY + " must be an integer 1..1024, got '" + configured + "'");
    }

    /** The running libvips version, e.g. "8.18.7". */
    public static String version() {
        start();
        return version;
    }

    /** Where the library was loaded from. */
    public static String libraryLocation() {
        return LibVips.LIBRARY.where();
    }

    /** Sets libvips' worker threads per image. */
    public static void concurrency(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("libvips concurrency must be 1..1024, got " + threads);
        }
        start();
        try {
            LibVips.vips_concurrency_set.invokeExact(threads);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    public static int concurrency() {
        start();
        try {
            return (int) LibVips.vips_concurrency_get.invokeExact();
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** Bytes libvips currently holds in its tracked allocations (pixel buffers). */
    public static long trackedMemory() {
        start();
        try {
            return (long) LibVips.vips_tracked_get_mem.invokeExact();
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** Number of live tracked allocations: back to its old value once every image is released. */
    public static int trackedAllocations() {
        start();
        try {
            return (int) LibVips.vips_tracked_get_allocs.invokeExact();
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /**
     * Reads and clears libvips' error text. The buffer is shared by every thread, so the text may
     * mix in another thread's error: use it as a hint in messages, never to decide anything.
     */
    static String takeError() {
        try {
            String text = LibVips.string((MemorySegment) LibVips.vips_error_buffer.invokeExact());
            LibVips.vips_error_clear.invokeExact();
            return text == null ? "" : text.strip().replace('\n', ' ');
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** The GType registered under a name (e.g. "VipsInteresting"), looked up once. */
    static long gtype(String name) {
        start();
        return GTYPES.computeIfAbsent(name, n -> {
            try (Arena arena = Arena.ofConfined()) {
                long type = (long) LibVips.g_type_from_name.invokeExact(arena.allocateFrom(n));
                if (type == 0) {
                    // GLib registers a type on first use: call its getter, VipsFooBar -> vips_foo_bar_get_type
                    type = LibVips.getType(n.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT) + "_get_type");
                }
                if (type == 0) {
                    throw new VipsException("libvips has no type named " + n);
                }
                return type;
            } catch (Throwable t) {
                throw LibVips.rethrow(t);
            }
        });
    }
}
