package imageopt.transform;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import imageopt.transform.TransformException.Kind;
import imageopt.vips.Operation;
import imageopt.vips.Vips;
import imageopt.vips.VipsEnums.FailOn;
import imageopt.vips.VipsEnums.Interpretation;
import imageopt.vips.VipsException;
import imageopt.vips.VipsImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a source to its planned size in a process of its own, which the deadline kills: for
 * the decoders that work in one call libvips cannot interrupt. librsvg renders an SVG region in
 * one call whose cost has no useful bound from the bytes (chained filters, huge blurs, morphology
 * radii, nested patterns and uses, embedded rasters: a 4 KB file can keep every core busy for
 * minutes); libheif decodes a whole AVIF, libwebp a whole still WebP, libjpeg every scan of a
 * progressive JPEG at once. Whatever the file, the budget then holds: past it the process is
 * killed (SIGKILL), which releases its CPU and memory at once; its address space is capped at
 * {@link #MEMORY_ALLOWANCE} above what its JVM reserves, so a file that wants more fails fast
 * instead of growing the origin. {@link NativeCost} decides which sources come here.
 *
 * <p>Protocol: arguments {@code WIDTH HEIGHT BYTES}, the source on standard input; on success a
 * header of three big-endian ints (width, height, bands) then 8-bit sRGB pixels on standard
 * output, exit 0; a file libvips refuses is one line on standard error and exit
 * {@value #REFUSED}. The error text is the child's alone, so it never mixes with another request's.
 */
public final class KillableDecoder {
    /** Address space the renderer may take beyond its JVM's own (pixels, librsvg's surfaces). */
    static final long MEMORY_ALLOWANCE = 1L << 30;
    static final int REFUSED = 3;
    private static final int RLIMIT_AS = 9; // Linux, x86_64 and arm64 alike
    private static final int MAX_ERROR_BYTES = 2048;

    private KillableDecoder() {}

    /** Decodes the source to exactly width x height, 8-bit sRGB, in a killable process; the caller owns the image. */
    static VipsImage decode(byte[] source, SourceFormat format, int width, int height, Deadline deadline) {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command(width, height, source.length));
            builder.environment().put("VIPS_WARNING", "1"); // its one line of error is the answer's detail
            builder.environment().put("MALLOC_ARENA_MAX", "2"); // each glibc arena reserves 64 MB of the allowance
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the decoder process: " + e.getMessage(), e);
        }
        deadline.watch(process);
        try {
            Thread feeder = Thread.ofVirtual().start(() -> feed(process, source));
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> drain(process.getErrorStream(), stderr));
            VipsImage image = readRaster(process.getInputStream(), width, height);
            int status = waitFor(process);
            join(feeder);
            join(drain);
            if (deadline.fired()) {
                closeQuietly(image);
                throw deadline.expired(format.token() + " decoding stopped");
            }
            if (status == 0 && image != null) {
                return image;
            }
            closeQuietly(image);
            // its last line: the JVM may print others first (JAVA_TOOL_OPTIONS in Lambda)
            String detail = stderr.toString(StandardCharsets.UTF_8).strip().lines().reduce((first, last) -> last).orElse("");
            throw new TransformException(Kind.CORRUPT, "could not decode this " + format.token() + " image: " + (status == REFUSED ? detail
                    : "the decoder process ended with status " + status + " (over its " + (MEMORY_ALLOWANCE >> 20)
                            + " MB memory allowance, or it crashed)"));
        } finally {
            deadline.forget(process);
            process.destroyForcibly();
        }
    }

    private static List<String> command(int width, int height, int bytes) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a small, quick JVM: the work is native
        command.addAll(List.of("-Xmx64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Xshare:auto", "--enable-native-access=ALL-UNNAMED"));
        String library = Vips.libraryLocation();
        if (Path.of(library).isAbsolute()) {
            command.add("-Dimageopt.libvips=" + library); // the very library this process loaded
        }
        command.add("-Dimageopt.vips.concurrency=" + Vips.concurrency());
        command.addAll(List.of("-cp", codeLocation(), KillableDecoder.class.getName(),
                Integer.toString(width), Integer.toString(height), Integer.toString(bytes)));
        return command;
    }

    private static String codeLocation() {
        try {
            return Path.of(KillableDecoder.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the engine's classes to start the SVG renderer", e);
        }
    }

    private static void feed(Process process, byte[] source) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(source);
        } catch (IOException ignored) {
            // the process ended early (killed, or refused the file): its status says why
        }
    }

    private static void drain(InputStream from, ByteArrayOutputStream into) {
        try (from) {
            byte[] chunk = new byte[1024];
            for (int n; (n = from.read(chunk)) >= 0; ) {
                into.write(chunk, 0, Math.max(0, Math.min(n, MAX_ERROR_BYTES - into.size())));
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** The raster, or null when the process wrote none (it failed or was killed). */
    private static VipsImage readRaster(InputStream stdout, int width, int height) {
        try (DataInputStream in = new DataInputStream(stdout); Arena arena = Arena.ofConfined()) {
            int w = in.readInt(), h = in.readInt(), bands = in.readInt();
            if (w != width || h != height || bands < 3 || bands > 4) {
                throw new IllegalStateException("decoder process answered " + w + "x" + h + "x" + bands + ", asked " + width + "x" + height);
            }
            MemorySegment pixels = arena.allocate((long) w * h * bands);
            byte[] chunk = new byte[1 << 16];
            for (long at = 0; at < pixels.byteSize(); ) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, pixels.byteSize() - at));
                if (n < 0) {
                    return null;
                }
                MemorySegment.copy(chunk, 0, pixels, ValueLayout.JAVA_BYTE, at, n);
                at += n;
            }
            try (VipsImage raw = VipsImage.fromPixels(pixels, w, h, bands); Operation copy = Operation.of("copy")) {
                return copy.set("in", raw).set("interpretation", Interpretation.sRGB).build().image("out");
            }
        } catch (IOException e) { // EOF included: the process wrote no raster
            return null;
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the SVG renderer ran", e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(VipsImage image) {
        if (image != null) {
            image.close();
        }
    }

    // --- the decoder process -------------------------------------------------------------------

    public static void main(String[] args) {
        int status;
        try {
            status = renderToStandardOutput(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } catch (VipsException e) {
            System.err.println(e.getMessage());
            status = REFUSED;
        } catch (IOException e) {
            System.err.println("decoder process: " + e.getMessage());
            status = 1;
        }
        System.err.flush();
        Runtime.getRuntime().halt(status); // libvips' worker threads are not daemons
    }

    private static int renderToStandardOutput(int width, int height, int bytes) throws IOException {
        try (Arena arena = Arena.ofConfined();
             FileChannel stdin = new FileInputStream(FileDescriptor.in).getChannel();
             FileChannel stdout = new FileOutputStream(FileDescriptor.out).getChannel()) {
            MemorySegment source = arena.allocate(bytes);
            ByteBuffer into = source.asByteBuffer();
            while (into.hasRemaining() && stdin.read(into) >= 0) {
                // reading the whole file
            }
            if (into.hasRemaining()) {
                throw new IOException("short input: " + into.position() + " of " + bytes + " bytes");
            }
            Vips.start();
            capAddressSpace(MEMORY_ALLOWANCE);
            try (VipsImage loaded = ImageTransformer.thumbnail("thumbnail_buffer",
                    op -> op.setBuffer("buffer", source).set("fail_on", FailOn.NONE), width, height);
                 VipsImage image = ImageTransformer.toSrgb8(loaded)) {
                ByteBuffer header = ByteBuffer.allocate(12).putInt(image.width()).putInt(image.height()).putInt(image.bands()).flip();
                image.withPixels(pixels -> {
                    try {
                        writeFully(stdout, header);
                        writeFully(stdout, pixels.asByteBuffer());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return 0;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** Caps this process's address space at what it has now plus the allowance (setrlimit RLIMIT_AS). */
    private static void capAddressSpace(long allowance) throws IOException {
        long vmSizeKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmSize:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow(() -> new IOException("no VmSize"));
        Linker linker = Linker.nativeLinker();
        MethodHandle setrlimit = linker.downcallHandle(linker.defaultLookup().find("setrlimit").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment limit = arena.allocate(16);
            long cap = vmSizeKb * 1024 + allowance;
            limit.set(JAVA_LONG, 0, cap);
            limit.set(JAVA_LONG, 8, cap);
            if ((int) setrlimit.invokeExact(RLIMIT_AS, limit) != 0) {
                throw new IOException("setrlimit(RLIMIT_AS) failed");
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
