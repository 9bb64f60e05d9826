package imageopt.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * What a transform costs beside its time, as JMH secondary results:
 * <ul>
 * <li>{@code rss.peak} (MB): peak resident memory of the benchmark JVM, VmHWM in /proc/self/status:
 * the high-water mark since the fork started (native libvips buffers, JVM heap and JMH included).
 * Each JMH cell runs in its own fork, so it is that cell's peak.</li>
 * <li>{@code cpu.time} (ms/op): CPU time of the whole process per call (every libvips worker
 * thread, JVM and JMH threads included). On a shared machine wall time grows with the neighbours'
 * load and CPU time much less: it is what the advisor reads.</li>
 * </ul>
 * Use: {@code -prof imageopt.bench.ResourceProfiler} (BenchProfile adds it). Linux only.
 */
public final class ResourceProfiler implements InternalProfiler {
    public static final String PEAK = "rss.peak";
    public static final String NOW = "rss.now";
    public static final String CPU = "cpu.time";

    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "peak resident memory (VmHWM) and process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long cpu = processCpuNanos() - cpuAtStart;
        long ops = result.getMetadata() != null ? result.getMetadata().getMeasuredOps() : 0;
        List<Result> out = new java.util.ArrayList<>(List.of(
                new ScalarResult(PEAK, kilobytes("VmHWM") / 1024.0, "MB", AggregationPolicy.MAX),
                new ScalarResult(NOW, kilobytes("VmRSS") / 1024.0, "MB", AggregationPolicy.MAX)));
        if (ops > 0 && cpu > 0) {
            out.add(new ScalarResult(CPU, cpu / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
        }
        return out;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static long kilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
