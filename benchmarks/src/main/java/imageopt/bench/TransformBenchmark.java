package imageopt.bench;

import imageopt.transform.TransformResult;
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
 * One whole transform (header, limits, shrink-on-load, resize, encode) per call, one libvips
 * thread per image (what Sharp uses on glibc and what one Lambda vCPU gives), sampled per call:
 * each sample is one real request. The matrix is encoder (format x quality x effort, see
 * {@link EncoderChoice}) x source (2, 12, 20 MP photographs and an alpha PNG; or the user's own
 * folder) x output width. Each cell runs in its own fork, so the peak RSS that
 * {@link ResourceProfiler} reports is that cell's.
 * <p>
 * The annotations are the quick profile's settings; {@link BenchProfile} sets them per profile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dimageopt.vips.concurrency=1", "-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TransformBenchmark {
    @Param({"jpeg-default", "webp-default", "avif-default"})
    public String encoder;

    @Param({"aitzgorri_by_Aitzol_Berasategi.jpg@2mp", "seeding_by_Clements_Engelhardt.jpg@12mp", "Kleiber_by_Lukas_Baubkus.jpg@20mp", "calla.png"})
    public String source;

    @Param({"320", "800", "1600"})
    public int width;

    private BenchCell cell;

    @Setup(Level.Trial)
    public void setUp() {
        cell = BenchCell.prepare(encoder, source, width);
        Vips.concurrency(1);
    }

    @Benchmark
    public TransformResult transform() {
        return cell.transform();
    }
}
