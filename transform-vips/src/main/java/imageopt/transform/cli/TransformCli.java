package imageopt.transform.cli;

import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageHeader;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.TransformException;
import imageopt.transform.TransformResult;
import imageopt.transform.TransformSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code transform} command line: one image through the engine, to try settings.
 *
 * <pre>
 * imageopt transform --spec format=avif,width=800 photo.jpg photo.avif
 * photo.avif: avif 800x533, 48213 bytes, 231 ms
 * </pre>
 *
 * Exit status: 0 done; 1 the transform failed (an input that cannot be read or decoded, over a
 * limit, unsupported, over time; an output that cannot be written); 2 a usage error (a bad
 * option, a spec that is not canonical or asks for more than the engine's limits, a wrong
 * number of arguments). Every error is one line on stderr that names what was
 * wrong. Arguments are parsed with the JDK alone.
 */
public final class TransformCli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String PREFIX = "imageopt transform: ";
    private static final String USAGE_TEXT = """
            Usage: imageopt transform [--spec SPEC] [--preset default|sharp|fast] [--timeout MS] IN OUT
                   imageopt transform --header IN
                   imageopt transform --help

            Transforms the image IN (JPEG, PNG, WebP, GIF, AVIF, TIFF or SVG) into OUT with the
            engine and settings the service uses, and prints one line: OUT, its format, size,
            bytes and the milliseconds the transform took. IN - reads standard input; OUT -
            writes standard output (the line then goes to standard error).

              --spec SPEC      what to make, in the canonical operations grammar (the last path
                               segment of a variant URL), e.g. format=avif,width=800 or
                               format=webp,quality=70,width=300,height=300,fit=contain;
                               default: original (the source's format and size, within the limits)
              --preset NAME    encoder efforts and default qualities:
                                 default  the service's (EncoderSettings.DEFAULT); default
                                 sharp    the AWS sample's Sharp defaults (JPEG q80, WebP q80
                                          effort 4, AVIF q50 effort 4, PNG compression 6)
                                 fast     the lowest efforts (what the tests use)
              --timeout MS     the time budget of the transform in milliseconds (default 20000,
                               the service's): past it the transform is stopped, exit 1
              --header IN      print IN's header (format, size, frames, orientation, alpha)
                               without decoding any pixel
            IN is read up to the engine's byte limit (50 MB) and no further.
              -h, --help       this text

            Options also take the form --name=value; -- ends the options.
            Exit status: 0 done, 1 the transform failed, 2 usage error.
            """;

    private TransformCli() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status); // libvips' worker threads are not daemons
    }

    /** Runs the command; returns the exit status. Output and errors go to the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with IN - read from {@code stdin}. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            return USAGE;
        }
        if (options.help) {
            out.print(USAGE_TEXT);
            return OK;
        }
        try {
            return options.header != null ? header(options, stdin, out, err) : transform(options, stdin, out, err);
        } catch (TransformException e) {
            if (e.kind() == TransformException.Kind.INVALID_SPEC) { // a valid spec over this engine's limits
                err.println(PREFIX + "--spec '" + options.spec + "': " + oneLine(e.getMessage()));
                return USAGE;
            }
            // names the file and the kind the service would answer with; the engine's text is a hint
            err.println(PREFIX + options.input() + ": " + e.kind().key + " (" + e.kind().status + "): " + oneLine(e.getMessage()));
            return FAILED;
        } catch (RuntimeException e) {
            // libvips missing or refused, or a bug: still one line, with what is known
            err.println(PREFIX + options.input() + ": " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            return FAILED;
        }
    }

    private static int header(Options options, InputStream stdin, PrintStream out, PrintStream err) {
        byte[] source = read(options.header, "--header", stdin, options.limits().maxSourceBytes(), err);
        if (source == null) {
            return FAILED;
        }
        ImageHeader h = new ImageTransformer(options.limits(), options.encoders).readHeader(source);
        out.printf(Locale.ROOT, "%s: %s %dx%d, %d frame%s, orientation %d, %s, %d bytes%n", options.header, h.format().token(),
                h.width(), h.height(), h.frames(), h.frames() == 1 ? "" : "s", h.orientation(), h.hasAlpha() ? "alpha" : "no alpha", source.length);
        return OK;
    }

    private static int transform(Options options, InputStream stdin, PrintStream out, PrintStream err) {
        String unwritable = unwritable(options.out);
        if (unwritable != null) { // before reading or computing anything
            err.println(PREFIX + "cannot write OUT '" + options.out + "': " + unwritable);
            return FAILED;
        }
        byte[] source = read(options.in, "IN", stdin, options.limits().maxSourceBytes(), err);
        if (source == null) {
            return FAILED;
        }
        ImageTransformer transformer = new ImageTransformer(options.limits(), options.encoders);
        long start = System.nanoTime();
        TransformResult result = transformer.transform(source, options.spec);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (isStdio(options.out)) {
            out.write(result.bytes(), 0, result.bytes().length);
            out.flush();
            out = err; // standard output holds the image alone
        } else if (!write(options.out, result.bytes(), err)) {
            return FAILED;
        }
        out.printf(Locale.ROOT, "%s: %s %dx%d%s, %d bytes, %d ms%n", options.out, result.format().token(), result.width(), result.height(),
                result.frames() > 1 ? " x " + result.frames() + " frames" : "", result.bytes().length, millis);
        return OK;
    }

    /** "-" names standard input or output. */
    private static boolean isStdio(Path path) {
        return path.toString().equals("-");
    }

    /** Why OUT cannot be written, found before any work, or null. */
    private static String unwritable(Path path) {
        if (isStdio(path)) {
            return null;
        }
        if (path.getFileName() == null || Files.isDirectory(path)) {
            return "it is a directory; name a file";
        }
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return "no such directory '" + dir + "'";
        }
        return Files.isWritable(dir) ? null : "permission denied";
    }

    /** Reads at most limit bytes (a larger input is refused without reading it all: /dev/zero ends). */
    private static byte[] read(Path path, String role, InputStream stdin, long limit, PrintStream err) {
        try {
            if (Files.isDirectory(path)) {
                err.println(PREFIX + "cannot read " + role + " '" + path + "': it is a directory");
                return null;
            }
            byte[] bytes;
            try (InputStream in = isStdio(path) ? stdin : Files.newInputStream(path)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            }
            if (bytes.length > limit) {
                err.println(PREFIX + path + ": " + TransformException.Kind.TOO_LARGE.key + " (" + TransformException.Kind.TOO_LARGE.status
                        + "): more than the limit of " + limit + " bytes");
                return null;
            }
            return bytes;
        } catch (IOException e) {
            err.println(PREFIX + "cannot read " + role + " '" + path + "': " + reason(e));
            return null;
        }
    }

    /** Writes through a temporary file beside OUT, so a failure never leaves half a file. */
    private static boolean write(Path path, byte[] bytes, PrintStream err) {
        Path temp = null;
        try {
            Path dir = path.toAbsolutePath().getParent();
            temp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            err.println(PREFIX + "cannot write OUT '" + path + "': " + reason(e));
            return false;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: the error above is what matters
                }
            }
        }
    }

    private static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case NotDirectoryException x -> "not a directory";
            case FileAlreadyExistsException x -> "it exists and cannot be replaced";
            default -> oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** A bad command line: the message names the option or argument at fault. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message + " (see --help)");
        }
    }

    /** The parsed command line. */
    private static final class Options {
        boolean help;
        TransformSpec spec = TransformSpec.ORIGINAL;
        EncoderSettings encoders = EncoderSettings.DEFAULT;
        Duration timeout = Limits.DEFAULT.timeBudget();
        Path header;
        Path in;
        Path out;

        Limits limits() {
            return Limits.DEFAULT.withTimeBudget(timeout);
        }

        String input() {
            return String.valueOf(header != null ? header : in);
        }

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            boolean specGiven = false;
            boolean optionsEnded = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                    positional.add(arg);
                    continue;
                }
                if (arg.equals("--")) {
                    optionsEnded = true;
                    continue;
                }
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                switch (name) {
                    case "-h", "--help" -> {
                        if (value != null) throw new UsageException(name + " takes no value");
                        o.help = true;
                    }
                    case "--spec" -> {
                        String text = value != null ? value : next(args, ++i, name);
                        try {
                            o.spec = TransformSpec.parse(text);
                        } catch (TransformException e) {
                            throw new UsageException("--spec '" + text + "': " + e.getMessage());
                        }
                        specGiven = true;
                    }
                    case "--preset" -> {
                        String text = value != null ? value : next(args, ++i, name);
                        o.encoders = switch (text) {
                            case "default" -> EncoderSettings.DEFAULT;
                            case "sharp" -> EncoderSettings.SHARP_DEFAULTS;
                            case "fast" -> EncoderSettings.fast();
                            default -> throw new UsageException("--preset '" + text + "': expected default, sharp or fast");
                        };
                    }
                    case "--timeout" -> {
                        String text = value != null ? value : next(args, ++i, name);
                        o.timeout = Duration.ofMillis(milliseconds(text));
                    }
                    case "--header" -> {
                        String text = value != null ? value : next(args, ++i, name);
                        if (o.header != null) throw new UsageException("--header given twice");
                        o.header = path(text, "--header");
                    }
                    default -> throw new UsageException("unknown option '" + name + "'");
                }
            }
            if (o.help) {
                return o;
            }
            if (o.header != null) {
                if (!positional.isEmpty()) {
                    throw new UsageException("--header takes one file; unexpected '" + positional.getFirst() + "'");
                }
                if (specGiven) {
                    throw new UsageException("--header reads a header only; --spec does not apply");
                }
                return o;
            }
            if (positional.size() != 2) {
                throw new UsageException(positional.isEmpty() ? "expected IN and OUT"
                        : positional.size() == 1 ? "expected OUT after IN '" + positional.getFirst() + "'"
                        : "expected IN and OUT only; unexpected '" + positional.get(2) + "'");
            }
            o.in = path(positional.get(0), "IN");
            o.out = path(positional.get(1), "OUT");
            return o;
        }

        private static Path path(String text, String role) throws UsageException {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new UsageException(role + " '" + text + "' is not a valid path: " + e.getReason());
            }
        }

        private static String next(String[] args, int i, String name) throws UsageException {
            if (i >= args.length || (args[i].startsWith("--") && args[i].length() > 2)) {
                throw new UsageException(name + " needs a value");
            }
            return args[i];
        }

        private static long milliseconds(String text) throws UsageException {
            try {
                long ms = Long.parseLong(text);
                if (ms >= 1 && ms <= 3_600_000) {
                    return ms;
                }
            } catch (NumberFormatException ignored) {
                // the message below says what is expected
            }
            throw new UsageException("--timeout '" + text + "': expected milliseconds, 1..3600000");
        }
    }
}
