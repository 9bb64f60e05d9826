package imageopt.local;

import imageopt.contract.EdgeConfig;
import imageopt.contract.SigningKeys;
import imageopt.contract.UrlContract;
import imageopt.contract.VariantKey;
import imageopt.origin.ConfigException;
import imageopt.origin.ImageOrigin;
import imageopt.origin.OriginConfig;
import imageopt.origin.OriginRequest;
import imageopt.origin.OriginResponse;
import imageopt.store.S3Clients;
import imageopt.store.S3OriginalStore;
import imageopt.store.S3VariantStore;
import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The whole flow on one machine: the embedded store (or an S3 endpoint), the originals seeded,
 * {@link ImageOrigin} built exactly as the Lambda handler builds it, the URL contract's Java twin
 * in front, and the HTTP edge. {@link #close()} is the graceful shutdown.
 */
public final class LocalEdge implements AutoCloseable {
    /** Where the sample images go in the originals bucket (the AWS sample puts its own under images/rio/). */
    public static final String SAMPLES_PREFIX = "images/samples/";
    /** A key no variant can have (variant keys end in an operations segment), used to check the store at start-up. */
    static final String CHECK_KEY = "_imageopt/startup-check";

    private final LocalConfig config;
    private final OriginConfig origin;
    private final EmbeddedStore store;
    private final S3Client originS3;
    private final S3Client edgeS3;
    private final TransformPool pool;
    private final EdgeServer server;
    private final PrintStream log;
    private final OutputStream originLog;
    private final Seeder.Result samples;
    private final Optional<Seeder.Result> own;

    private LocalEdge(LocalConfig config, OriginConfig origin, EmbeddedStore store, S3Client originS3, S3Client edgeS3,
                      TransformPool pool, EdgeServer server, PrintStream log, OutputStream originLog,
                      Seeder.Result samples, Optional<Seeder.Result> own) {
        this.config = config;
        this.origin = origin;
        this.store = store;
        this.originS3 = originS3;
        this.edgeS3 = edgeS3;
        this.pool = pool;
        this.server = server;
        this.log = log;
        this.originLog = originLog;
        this.samples = samples;
        this.own = own;
    }

    /**
     * Starts everything, or fails with {@link LocalConfig.BadSetting} (one line for the user) and
     * leaves nothing running.
     */
    public static LocalEdge start(LocalConfig config, PrintStream log) {
        // the folders first: a bad one must fail before anything starts
        config.originals().ifPresent(p -> checkFolder(p, "--originals"));
        config.samples().ifPresent(p -> checkFolder(p, "--samples"));
        config.checkCanListen();

        Map<String, String> settings = new HashMap<>(config.deployment());
        EdgeConfig edgeConfig;
        SigningKeys keys;
        try {
            edgeConfig = EdgeConfig.fromSettings(settings::get);
        } catch (IllegalArgumentException e) {
            throw new LocalConfig.BadSetting(withFlag(e.getMessage()));
        }
        keys = signingKeys(settings.get("SIGNING_KEYS"));
        if (edgeConfig.signing() && settings.get("SIGNING_KEYS") == null) {
            throw new LocalConfig.BadSetting("SIGNING is true but SIGNING_KEYS is empty (--signing-keys id=secret): every URL would be refused");
        }
        // the origin's settings are checked before the store starts too
        Map<String, String> probe = new HashMap<>(settings);
        probe.putIfAbsent("S3_ENDPOINT", "http://127.0.0.1:1");
        checkOriginSettings(probe);

        EmbeddedStore store = null;
        S3Client originS3 = null, edgeS3 = null;
        TransformPool pool = null;
        OutputStream originLog = null;
        try {
            AwsCredentialsProvider credentials;
            if (settings.containsKey("S3_ENDPOINT")) {
                credentials = DefaultCredentialsProvider.builder().build();
            } else {
                store = EmbeddedStore.start(config.data());
                settings.put("S3_ENDPOINT", store.endpoint().toString());
                credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedStore.ACCESS_KEY, EmbeddedStore.SECRET_KEY));
            }
            OriginConfig originConfig = checkOriginSettings(settings);
            URI endpoint = originConfig.s3Endpoint().orElseThrow();
            originS3 = S3Clients.create(originConfig.region(), Optional.of(endpoint), credentials);
            edgeS3 = S3Client.builder()
                    .region(Region.of(originConfig.region()))
                    .credentialsProvider(credentials)
                    .endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .httpClientBuilder(Apache5HttpClient.builder().maxConnections(256).connectionTimeout(Duration.ofSeconds(2)))
                    .build();
            String originals = originConfig.originalsBucket();
            Optional<String> transformed = originConfig.variantsBucket();
            S3Client edge = edgeS3, forOrigin = originS3;
            ensureBucket(edge, originals);
            transformed.ifPresent(b -> ensureBucket(edge, b));
            checkMetadataRoundTrip(edge, transformed.orElse(originals));

            Seeder seeder = new Seeder(edge, originals, transformed.orElse(null));
            Seeder.Result samples = config.samples().map(p -> seeder.seed(p, SAMPLES_PREFIX))
                    .orElse(new Seeder.Result(0, 0, 0, java.util.List.of()));
            Optional<Seeder.Result> own = config.originals().map(p -> seeder.seed(p, ownPrefix(p)));

            Files.createDirectories(config.data());
            originLog = Files.newOutputStream(config.data().resolve("origin.log"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            OutputStream originLogFinal = originLog;
            ImageOrigin imageOrigin = new ImageOrigin(
                    new S3OriginalStore(originS3, originals),
                    transformed.map(b -> new S3VariantStore(forOrigin, b)),
                    new ImageTransformer(originConfig.limits(), EncoderSettings.DEFAULT),
                    ImageOrigin.Settings.of(originConfig),
                    line -> writeLine(originLogFinal, line));
            UrlContract contract = new UrlContract(edgeConfig, keys, Clock.systemUTC());

            pool = new TransformPool(config.workers(), config.queue());
            EdgeServer server = new EdgeServer(config.bind(), config.port(), rewriter(contract),
                    transformed.map(b -> new TransformedBucket(edge, b)).orElse(null),
                    origin(imageOrigin), pool, new DemoPages(edgeS3, originals, (path, query) -> contract.signatureRefusal(path, query)
                            .map(r -> new Edge.Rewrite.Refused(r.reason(), r.line())).orElse(null)),
                    config.corsEnabled(), log);
            return new LocalEdge(config, originConfig, store, originS3, edgeS3, pool, server, log, originLog, samples, own);
        } catch (RuntimeException | IOException e) {
            if (pool != null) pool.close();
            if (originS3 != null) originS3.close();
            if (edgeS3 != null) edgeS3.close();
            if (store != null) store.close();
            closeQuietly(originLog);
            if (e instanceof LocalConfig.BadSetting b) throw b;
            if (e instanceof S3Exception s3) {
                throw new LocalConfig.BadSetting("the S3 store at " + settings.get("S3_ENDPOINT") + " refused: "
                        + s3.statusCode() + " " + s3.awsErrorDetails().errorCode());
            }
            if (e instanceof software.amazon.awssdk.core.exception.SdkClientException c) {
                throw new LocalConfig.BadSetting("the S3 store at " + settings.get("S3_ENDPOINT") + " cannot be reached: " + c.getMessage());
            }
            if (e instanceof IOException io) throw new LocalConfig.BadSetting("cannot write under " + config.data() + ": " + io.getMessage());
            throw (RuntimeException) e;
        }
    }

    /** {@code images/<folder name>/}: a user's folder sits beside the samples, named after itself. */
    static String ownPrefix(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return "images/" + (name == null ? "originals" : name.toString()) + "/";
    }

    private static void checkFolder(Path p, String flag) {
        if (!Files.exists(p)) throw new LocalConfig.BadSetting(flag + " " + p + ": no such folder");
        if (!Files.isDirectory(p)) throw new LocalConfig.BadSetting(flag + " " + p + ": not a folder");
        if (!Files.isReadable(p) || !Files.isExecutable(p)) throw new LocalConfig.BadSetting(flag + " " + p + ": cannot be read (permissions)");
    }

    private static OriginConfig checkOriginSettings(Map<String, String> settings) {
        try {
            return OriginConfig.fromEnvironment(settings);
        } catch (ConfigException e) {
            throw new LocalConfig.BadSetting(withFlag(e.getMessage()));
        }
    }

    /** A message that starts with a setting's name gets its flag too: {@code MAX_IMAGE_SIZE (--max-image-size) must...}. */
    static String withFlag(String message) {
        int end = 0;
        while (end < message.length() && (Character.isUpperCase(message.charAt(end)) || Character.isDigit(message.charAt(end))
                || message.charAt(end) == '_')) {
            end++;
        }
        if (end < 3) return message;
        String name = message.substring(0, end);
        return name + " (" + LocalConfig.flagOf(name) + ")" + message.substring(end);
    }

    /** {@code id=secret[,id=secret...]}. */
    static SigningKeys signingKeys(String spec) {
        if (spec == null || spec.isBlank()) return SigningKeys.NONE;
        Map<String, String> keys = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            String id = eq < 0 ? "" : pair.substring(0, eq).trim();
            String secret = eq < 0 ? "" : pair.substring(eq + 1);
            if (!id.matches("[A-Za-z0-9_-]{1,64}") || secret.isEmpty()) {
                throw new LocalConfig.BadSetting("SIGNING_KEYS (--signing-keys) must be id=secret[,id=secret...] with ids of 1-64 of A-Z a-z 0-9 _ -");
            }
            if (keys.put(id, secret) != null) throw new LocalConfig.BadSetting("SIGNING_KEYS (--signing-keys) names key id '" + id + "' twice");
        }
        return SigningKeys.of(keys);
    }

    private static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) throw e;
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    /**
     * Content-Type and Cache-Control must come back as stored: a store that drops them would serve
     * every hit without them. Checked through the SDK, the way the origin writes.
     */
    static void checkMetadataRoundTrip(S3Client s3, String bucket) {
        String type = "image/avif", cache = "public, max-age=31622400";
        s3.putObject(b -> b.bucket(bucket).key(CHECK_KEY).contentType(type).cacheControl(cache).metadata(Map.of("check", "1")),
                RequestBody.fromString("imageopt"));
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(CHECK_KEY));
            if (!type.equals(h.contentType()) || !cache.equals(h.cacheControl()) || !"1".equals(h.metadata().get("check"))) {
                throw new LocalConfig.BadSetting("the S3 store does not keep object metadata (Content-Type came back '" + h.contentType()
                        + "', Cache-Control '" + h.cacheControl() + "'): variants would lose their headers");
            }
        } finally {
            s3.deleteObject(b -> b.bucket(bucket).key(CHECK_KEY));
        }
    }

    private static Edge.Rewriter rewriter(UrlContract contract) {
        return (path, query, accept) -> switch (contract.rewrite(path, query, accept)) {
            case UrlContract.Rewrite r -> new Edge.Rewrite.To(r.uri(), VariantKey.parse(r.uri()).variantKey());
            case UrlContract.Refusal r -> new Edge.Rewrite.Refused(r.reason(), r.line());
        };
    }

    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private static Edge.Origin origin(ImageOrigin origin) {
        return (uri, viewerUrl) -> {
            OriginResponse r = origin.serve(new OriginRequest("GET", uri, Optional.of(viewerUrl),
                    "local-" + REQUEST_IDS.incrementAndGet()));
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Edge.Answer(r.status(), headers, r.body());
        };
    }

    private static void writeLine(OutputStream out, String line) {
        synchronized (out) {
            try {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the origin's log is a convenience: losing a line must not fail a request
            }
        }
    }

    private static void closeQuietly(OutputStream out) {
        if (out == null) return;
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    public int port() {
        return server.port();
    }

    public URI url() {
        return URI.create("http://" + (config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind()) + ":" + port() + "/");
    }

    public OriginConfig originConfig() {
        return origin;
    }

    public Seeder.Result samples() {
        return samples;
    }

    public Optional<Seeder.Result> own() {
        return own;
    }

    /** The S3 client the edge reads with (tests look into the buckets with it). */
    public S3Client s3() {
        return edgeS3;
    }

    /** Transforms running or queued. */
    public int pendingTransforms() {
        return pool.pending();
    }

    /**
     * Graceful shutdown: stop accepting, let the requests in flight finish (their transforms and
     * uploads included), then close the clients and the store. Nothing is left half-written: the
     * store only sees complete PUTs, and it renames each object into place whole.
     */
    @Override
    public void close() {
        server.stop(30);
        pool.close();
        originS3.close();
        edgeS3.close();
        if (store != null) store.close();
        closeQuietly(originLog);
    }
}
