package imageopt.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local edge's settings. Each has one name, used twice: as an environment variable
 * ({@code MAX_DIMENSION}) and as a flag ({@code --max-dimension}, the name lower-cased with
 * {@code -} for {@code _}). A flag wins over the environment, the environment over the default.
 * Every bad value is refused here, before anything starts, with a message that names it.
 */
public record LocalConfig(
        int port,
        String bind,
        Path data,
        Optional<Path> originals,
        Optional<Path> samples,
        boolean corsEnabled,
        int workers,
        int queue,
        Map<String, String> deployment) {

    /** A setting refused at start-up; its message is the one line shown to the user. */
    public static final class BadSetting extends RuntimeException {
        public BadSetting(String message) {
            super(message);
        }
    }

    /**
     * Fails with the one line the user sees when BIND:PORT cannot be listened on, before anything
     * starts or any file is made; the server binds it again a moment later (port 0: any, always free).
     */
    void checkCanListen() {
        if (port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(bind(), port()));
        } catch (java.io.IOException e) {
            throw cannotListen(bind(), port(), e);
        }
    }

    /** The one line for a listening socket refused. */
    static BadSetting cannotListen(String bind, int port, java.io.IOException e) {
        return new BadSetting("cannot listen on " + bind + ":" + port + ": " + (e instanceof java.net.BindException ? e.getMessage() : e)
                + (e instanceof java.net.BindException && port != 0 ? " (is the port in use? --port chooses another)" : ""));
    }

    /** One setting: its environment name, its default (null: none) and a line of help. */
    record Setting(String env, String defaultValue, String help) {
        String flag() {
            return "--" + env.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The deployment's settings, passed on as given to what reads them in Lambda and at the edge
     * ({@code OriginConfig.fromEnvironment}, {@code EdgeConfig.fromSettings}), which check them.
     */
    static final List<String> DEPLOYMENT_SETTINGS = List.of("S3_ENDPOINT", "AWS_REGION", "S3_IMAGE_BUCKET_NAME",
            "S3_TRANSFORMED_IMAGE_BUCKET_NAME", "STORE_TRANSFORMED_IMAGES", "S3_TRANSFORMED_IMAGE_CACHE_TTL", "ERROR_CACHE_TTL",
            "MAX_IMAGE_SIZE", "MAX_SOURCE_BYTES", "MAX_SOURCE_PIXELS", "MAX_FRAMES", "TRANSFORM_TIMEOUT_MS",
            "MAX_DIMENSION", "ALLOWED_WIDTHS", "DEFAULT_FORMAT", "SIGNING", "SIGNING_KEYS");

    /** Settings that are true or false: given as a bare flag, they are true. */
    static final java.util.Set<String> BOOLEANS = java.util.Set.of("CLOUDFRONT_CORS_ENABLED", "STORE_TRANSFORMED_IMAGES", "SIGNING");

    static final List<Setting> SETTINGS = List.of(
            new Setting("PORT", "8080", "TCP port to listen on (0: any free port)"),
            new Setting("BIND", "127.0.0.1", "address to listen on (0.0.0.0 to serve the network)"),
            new Setting("DATA", "data", "data directory: the embedded store keeps its buckets under DATA/s3"),
            new Setting("ORIGINALS", null, "a folder of your own images, served under /images/<folder name>/"),
            new Setting("SAMPLES", null, "the sample images (default: samples/images of this checkout), served under /images/samples/; 'none' for none"),
            new Setting("CLOUDFRONT_CORS_ENABLED", "true", "add the CORS headers of the response headers policy (true/false)"),
            new Setting("TRANSFORM_WORKERS", null, "transforms run at once (default: the number of processors)"),
            new Setting("TRANSFORM_QUEUE", "32", "transforms waiting beyond the workers; past it a miss is a 503 with Retry-After"),
            new Setting("S3_ENDPOINT", null, "an S3-compatible endpoint to use instead of the embedded store (credentials from the AWS default chain)"),
            new Setting("AWS_REGION", "us-east-1", "the region named to S3"),
            new Setting("S3_IMAGE_BUCKET_NAME", "originals", "the bucket of originals"),
            new Setting("S3_TRANSFORMED_IMAGE_BUCKET_NAME", "transformed", "the bucket of transformed images"),
            new Setting("STORE_TRANSFORMED_IMAGES", "true", "store variants in the transformed bucket (true/false)"),
            new Setting("S3_TRANSFORMED_IMAGE_CACHE_TTL", null, "Cache-Control of images, served and stored (default max-age=31622400)"),
            new Setting("ERROR_CACHE_TTL", null, "Cache-Control of the origin's final errors (default max-age=60)"),
            new Setting("MAX_IMAGE_SIZE", null, "bytes; a larger variant is stored and answered with a 302 to itself (default 4700000)"),
            new Setting("MAX_SOURCE_BYTES", null, "largest original, bytes (413 above)"),
            new Setting("MAX_SOURCE_PIXELS", null, "largest original, pixels over all frames (413 above)"),
            new Setting("MAX_FRAMES", null, "most frames of an animated original (413 above)"),
            new Setting("TRANSFORM_TIMEOUT_MS", null, "time budget of one transform (503 past it)"),
            new Setting("MAX_DIMENSION", null, "URL contract: largest width or height (default 4096)"),
            new Setting("ALLOWED_WIDTHS", null, "URL contract: comma-separated widths a width snaps up to (default: any)"),
            new Setting("DEFAULT_FORMAT", null, "URL contract: the format when none is asked: unset (keep the source's) or auto"),
            new Setting("SIGNING", null, "URL contract: require sig= on every URL (true/false, default false)"),
            new Setting("SIGNING_KEYS", null, "URL contract: signing keys, id=secret[,id=secret...] (better in the environment than on the command line)"));

    /** The help text: each flag, its environment name and default. */
    public static String usage() {
        StringBuilder b = new StringBuilder("usage: ./imageopt local [--flag value | --flag=value]...\n"
                + "Each flag may also be given as the environment variable in brackets; a flag wins.\n\n");
        for (Setting s : SETTINGS) {
            b.append(String.format("  %-36s %s [%s]%s%n", s.flag() + " V", s.help(), s.env(),
                    s.defaultValue() == null || s.defaultValue().isEmpty() ? "" : " default: " + s.defaultValue()));
        }
        return b.toString();
    }

    /** Prints the help: {@code ./imageopt local --help} runs this one file from source, without a build. */
    public static void main(String[] args) {
        System.out.print(usage());
    }

    /** True when the arguments ask for help. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) if (a.equals("--help") || a.equals("-h")) return true;
        return false;
    }

    public static LocalConfig parse(String[] args, Map<String, String> env) {
        Map<String, Setting> byFlag = new LinkedHashMap<>();
        for (Setting s : SETTINGS) byFlag.put(s.flag(), s);
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            String v = env.get(s.env());
            if (v != null) values.put(s.env(), v);
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new BadSetting("unexpected argument '" + a + "' (flags are --name value; see --help)");
            String name = a, value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            Setting s = byFlag.get(name);
            if (s == null) throw new BadSetting("unknown flag " + name + " (see --help)");
            if (seen.contains(name)) throw new BadSetting(name + " given twice");
            seen.add(name);
            if (value == null) {
                boolean bool = BOOLEANS.contains(s.env());
                if (bool && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
                    value = "true";
                } else {
                    if (i + 1 == args.length) throw new BadSetting(name + " needs a value");
                    value = args[++i];
                }
            }
            values.put(s.env(), value);
        }
        return from(values);
    }

    private static LocalConfig from(Map<String, String> v) {
        Map<String, String> deployment = new LinkedHashMap<>();
        for (String name : DEPLOYMENT_SETTINGS) {
            String value = get(v, name);
            if (value != null && !value.isEmpty()) deployment.put(name, value);
        }
        // without stored variants there is no transformed bucket: the default name is not given either
        if ("false".equals(deployment.get("STORE_TRANSFORMED_IMAGES")) && !v.containsKey("S3_TRANSFORMED_IMAGE_BUCKET_NAME")) {
            deployment.remove("S3_TRANSFORMED_IMAGE_BUCKET_NAME");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        String workers = get(v, "TRANSFORM_WORKERS");
        return new LocalConfig(
                integer(v, "PORT", 0, 65535),
                nonEmpty(v, "BIND"),
                Path.of(nonEmpty(v, "DATA")),
                optional(v, "ORIGINALS").map(Path::of),
                optional(v, "SAMPLES").filter(s -> !s.equals("none")).map(Path::of)
                        .or(() -> "none".equals(v.get("SAMPLES")) ? Optional.empty() : defaultSamples()),
                bool(v, "CLOUDFRONT_CORS_ENABLED"),
                workers == null || workers.isEmpty() ? processors : integer(v, "TRANSFORM_WORKERS", 1, 1024),
                integer(v, "TRANSFORM_QUEUE", 0, 100_000),
                Map.copyOf(deployment));
    }

    /** {@code NAME} as its flag, {@code --name}: for messages about a setting. */
    public static String flagOf(String name) {
        return "--" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static String get(Map<String, String> v, String name) {
        if (v.containsKey(name)) return v.get(name);
        return SETTINGS.stream().filter(s -> s.env().equals(name)).findFirst().orElseThrow().defaultValue();
    }

    private static Optional<String> optional(Map<String, String> v, String name) {
        return Optional.ofNullable(get(v, name)).filter(s -> !s.isEmpty());
    }

    private static String nonEmpty(Map<String, String> v, String name) {
        String s = get(v, name);
        if (s == null || s.isBlank()) throw new BadSetting(flagOf(name) + " must not be empty");
        return s;
    }

    private static int integer(Map<String, String> v, String name, int min, int max) {
        String s = get(v, name);
        if (s == null || !s.matches("[0-9]{1,10}")) {
            throw new BadSetting(flagOf(name) + " must be a whole number from " + min + " to " + max + ", not '" + s + "'");
        }
        long n = Long.parseLong(s);
        if (n < min || n > max) throw new BadSetting(flagOf(name) + " must be from " + min + " to " + max + ", not " + s);
        return (int) n;
    }

    private static boolean bool(Map<String, String> v, String name) {
        String s = get(v, name);
        if ("true".equals(s)) return true;
        if ("false".equals(s)) return false;
        throw new BadSetting(flagOf(name) + " must be true or false, not '" + s + "'");
    }

    /** samples/images of the checkout this code runs from, found upwards from here and from the code. */
    static Optional<Path> defaultSamples() {
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("imageopt.root");
        if (root != null) starts.add(Path.of(root));
        starts.add(Path.of("").toAbsolutePath());
        try {
            starts.add(Path.of(LocalConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // no code location: the working directory is enough
        }
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                Path candidate = p.resolve("samples/images");
                if (java.nio.file.Files.isDirectory(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
