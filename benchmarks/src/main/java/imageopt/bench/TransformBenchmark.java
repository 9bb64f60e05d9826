package imageopt.bench;

import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.TransformResult;
import imageopt.transform.TransformSpec;
import imageopt.vips.Vips;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One transform of the 20 MP corpus photograph (Kleiber, 6028x3391 JPEG) to 800 px wide, per
 * output format, with Sharp's default encoder settings and one libvips thread per image (what
 * Sharp uses on glibc). Sampled per call: each sample is one real request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dimageopt.vips.concurrency=1"})
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 10)
public class TransformBenchmark {
    @Param({"jpeg", "webp", "avif"})
    public String format;

    @Param({"Kleiber_by_Lukas_Baubkus.jpg"})
    public String source;

    private byte[] bytes;
    private TransformSpec spec;
    private ImageTransformer engine;

    @Setup(Level.Trial)
    public void setUp() {
        bytes = Corpus.read(source);
        spec = TransformSpec.parse("format=" + format + ",width=800");
        engine = new ImageTransformer(Limits.DEFAULT, EncoderSettings.SHARP_DEFAULTS);
        if (Vips.concurrency() != 1) {
            throw new IllegalStateException("expected one libvips thread, got " + Vips.concurrency());
        }
    }

    @Benchmark
    public TransformResult transform() {
        return engine.transform(bytes, spec);
    }
}
