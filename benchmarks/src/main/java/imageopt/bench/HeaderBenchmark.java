package imageopt.bench;

import imageopt.transform.ImageHeader;
import imageopt.transform.ImageTransformer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The header-only read (format, size, frames, orientation, alpha) that runs before every transform. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Dimageopt.vips.concurrency=1"})
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 5)
public class HeaderBenchmark {
    @Param({"Kleiber_by_Lukas_Baubkus.jpg@20mp"})
    public String source;

    private byte[] bytes;
    private ImageTransformer engine;

    @Setup
    public void setUp() {
        bytes = Corpus.read(source);
        engine = new ImageTransformer();
    }

    @Benchmark
    public ImageHeader header() {
        return engine.readHeader(bytes);
    }
}
