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
 * One transform with 1, 2, ... N libvips worker threads (vips_concurrency_set): how much of a
 * transform spreads over more vCPUs. The advisor fits Amdahl's law to it per format.
 * {@link BenchProfile} sets {@code threads} to 1..the machine's processors.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class ThreadScalingBenchmark {
    @Param({"jpeg-default", "webp-default", "avif-default"})
    public String encoder;

    @Param({"seeding_by_Clements_Engelhardt.jpg@12mp"})
    public String source;

    @Param({"800"})
    public int width;

    @Param({"1", "2"})
    public int threads;

    private BenchCell cell;

    @Setup(Level.Trial)
    public void setUp() {
        cell = BenchCell.prepare(encoder, source, width);
        Vips.concurrency(threads);
    }

    @Benchmark
    public TransformResult transform() {
        return cell.transform();
    }
}
