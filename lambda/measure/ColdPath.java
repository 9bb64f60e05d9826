import imageopt.handler.FunctionUrlHandler;
import imageopt.origin.OriginConfig;
import imageopt.origin.S3Origin;
import imageopt.store.S3Clients;
import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import imageopt.transform.TransformSpec;
import imageopt.vips.Vips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One cold start of the function, phase by phase, in a fresh JVM on the deployable jar alone.
 * args: launchEpochMillis endpoint photo.jpg mode(cold|primed) event.json
 * Prints one line per phase: "phase ms".
 */
public final class ColdPath {
    static long last;

    public static void main(String[] args) throws Exception {
        long launched = Long.parseLong(args[0]);
        String endpoint = args[1];
        byte[] photo = Files.readAllBytes(Path.of(args[2]));
        boolean primed = args[3].equals("primed");
        phase("jvm-start-to-main", System.currentTimeMillis() - launched);
        last = System.nanoTime();

        String lib = Vips.libraryLocation();           // dlopen + downcall handles
        mark("library-load");
        Vips.start();                                   // vips_init, cache off
        mark("vips-init");

        Map<String, String> env = Map.of("S3_IMAGE_BUCKET_NAME", "originals", "S3_TRANSFORMED_IMAGE_BUCKET_NAME", "variants",
                "S3_ENDPOINT", endpoint, "AWS_REGION", "us-east-1");
        OriginConfig config = OriginConfig.fromEnvironment(env);
        mark("config");
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("imageopt-test", "imageopt-test-secret"));
        S3Client probe = S3Clients.create(config.region(), config.s3Endpoint(), credentials);
        mark("s3-client");
        S3Origin origin = S3Origin.create(config, credentials, EncoderSettings.SHARP_DEFAULTS, line -> { });
        FunctionUrlHandler handler = new FunctionUrlHandler(origin, false);
        mark("handler-built");
        if (primed) {
            handler.priming().beforeCheckpoint(null);
            mark("priming(beforeCheckpoint)");
        }
        String event = Files.readString(Path.of(args[4]));
        String first = handler.handle(event);
        mark("first-event(get,webp,put)");
        handler.handle(event);
        mark("second-event");
        if (!first.contains("\"statusCode\":200")) {
            throw new IllegalStateException("first event not answered 200: " + first.substring(0, Math.min(300, first.length())));
        }
        ImageTransformer engine = origin.origin().engine();
        for (String format : new String[] {"jpeg", "avif", "png", "gif"}) {
            engine.transform(photo, TransformSpec.parse("format=" + format + ",width=400"));
            mark("first-transform-" + format);
            engine.transform(photo, TransformSpec.parse("format=" + format + ",width=400"));
            mark("second-transform-" + format);
        }
        probe.close();
        origin.close();
        System.err.println("libvips " + Vips.version() + " at " + lib);
    }

    static void mark(String name) {
        long now = System.nanoTime();
        phase(name, (now - last) / 1e6);
        last = System.nanoTime();
    }

    static void phase(String name, double ms) {
        System.out.println(name + " " + String.format(Locale.ROOT, "%.1f", ms));
    }
}
