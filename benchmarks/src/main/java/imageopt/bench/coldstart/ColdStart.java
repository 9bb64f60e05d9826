package imageopt.bench.coldstart;

import imageopt.bench.EncoderChoice;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.OutputFormat;
import imageopt.transform.TransformSpec;
import imageopt.vips.Operation;
import imageopt.vips.Vips;
import imageopt.vips.VipsImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The engine's cold path, one process = one cold start, phase by phase (benchmarks/cold-start.mjs
 * starts it, and Node + Sharp beside it, and keeps the spawn time):
 * <pre>
 *   java ... imageopt.bench.coldstart.ColdStart ENCODER WIDTH FILE [prime]
 * </pre>
 * main entered -> libvips loaded (dlopen, symbol lookup) -> vips_init -> [priming: one tiny
 * transform per output format, what a SnapStart priming hook would run before the snapshot] ->
 * source read -> first transform answered -> a second, warm transform of the same (for scale).
 * Prints one JSON line of epoch microseconds (the same clock the parent reads).
 */
public final class ColdStart {
    public static void main(String[] args) throws Exception {
        long main = micros();
        String encoder = args[0];
        int width = Integer.parseInt(args[1]);
        Path file = Path.of(args[2]);
        boolean prime = args.length > 3 && args[3].equals("prime");

        Vips.libraryLocation();           // loads the library: dlopen + symbol lookups, no init
        long loaded = micros();
        Vips.start();                     // vips_init, cache off, concurrency
        long initialised = micros();
        long primed = initialised;
        if (prime) {
            prime();
            primed = micros();
        }
        byte[] source = Files.readAllBytes(file);
        EncoderChoice choice = EncoderChoice.parse(encoder);
        ImageTransformer engine = new ImageTransformer(Limits.DEFAULT.withTimeBudget(java.time.Duration.ofMinutes(5)), choice.settings());
        TransformSpec spec = TransformSpec.parse(choice.spec(width));
        long read = micros();
        int bytes = engine.transform(source, spec).bytes().length;
        long first = micros();
        engine.transform(source, spec);
        long second = micros();
        long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(Locale.ROOT, "{\"runtime\":\"java\",\"primed\":%b,\"encoder\":\"%s\",\"bytes\":%d,\"jvmStartMs\":%d,\"main\":%d,\"loaded\":%d,"
                        + "\"initialised\":%d,\"primed_at\":%d,\"read\":%d,\"first\":%d,\"second\":%d}%n",
                prime, choice.key(), bytes, jvmStartMillis, main, loaded, initialised, primed, read, first, second);
    }

    /**
     * What a priming hook runs once before the snapshot: every output format's encoder and the
     * whole pipeline on a tiny image made in memory, so class loading, the JIT's first tiers and
     * each codec's one-time set-up are paid at init, not by the first request.
     */
    static void prime() {
        byte[] tiny;
        try (Operation black = Operation.of("black").set("width", 64).set("height", 64).set("bands", 3).build();
             VipsImage img = black.image("out");
             Operation save = Operation.of("jpegsave_buffer").set("in", img).build()) {
            tiny = save.bytes("buffer");
        }
        List<String> keys = new ArrayList<>();
        for (OutputFormat f : List.of(OutputFormat.JPEG, OutputFormat.WEBP, OutputFormat.AVIF)) {
            keys.add(EncoderChoice.defaultKey(f));
        }
        for (String k : keys) {
            EncoderChoice c = EncoderChoice.parse(k);
            new ImageTransformer(Limits.DEFAULT, c.settings()).transform(tiny, TransformSpec.parse(c.spec(32)));
        }
        new ImageTransformer().transform(tiny, TransformSpec.parse("format=png,width=32"));
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
