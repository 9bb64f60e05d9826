package imageopt.bench.advisor;

import imageopt.bench.Mix;
import imageopt.bench.advisor.Prices.Arch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The LAMBDA_MEMORY advisor's model, pure computation: measured cells + a mix + prices -> for each
 * memory size and architecture, the mix's mean modelled duration and its cost per million
 * transforms, and the three picks of AWS Lambda Power Tuning (cost, speed, balanced).
 */
public final class Advisor {
    /** The memory sizes considered by default (MB), 512 to 10,240. */
    public static final List<Integer> MEMORY_GRID = List.of(512, 768, 1024, 1280, 1536, 1769, 2048, 2560, 3008, 3584, 4096,
            5120, 6144, 7168, 8192, 9216, 10240);

    /**
     * @param memoryGrid     sizes to consider, MB
     * @param rssHeadroom    a size is too small unless it holds the mix's largest peak RSS times (1 + this)
     * @param arm64Factor    arm64 duration = x86_64 duration x this (modelled: nothing was measured on arm64)
     * @param fixedMs        time per transform that the CPU share does not change (S3 download and upload), ms
     * @param balancedWeight Power Tuning's balancedWeight: 0 = fastest, 1 = cheapest
     * @param tieTolerance   costs (or durations) within this fraction of each other count as equal (2%: closer than the model can tell)
     */
    public record Options(List<Integer> memoryGrid, double rssHeadroom, double arm64Factor, double fixedMs, double balancedWeight, double tieTolerance,
                          TimeMetric time) {
        public static final Options DEFAULT = new Options(MEMORY_GRID, 0.25, 1.0, 0, 0.5, 0.02, TimeMetric.CPU);
    }

    /**
     * Which one-thread time stands for a transform: CPU (process CPU time per call: what a core is
     * busy for, far less sensitive to a shared machine's other load; the wall time where a cell has
     * no CPU figure) or WALL (the median of the sampled calls).
     */
    public enum TimeMetric { CPU, WALL }

    /** One mix cell with what the model needs: its 1-thread time (by the chosen metric), wall median, serial fraction and peak RSS. */
    public record CellModel(Mix.Cell cell, double t1Ms, double wallMs, double serialFraction, double peakRssMb) {}

    /** The mix at one memory size and architecture. */
    public record Point(Arch arch, int memoryMb, double vcpus, double meanMs, double costPerMillion, double computePerMillion, boolean fits) {}

    public record Pick(String strategy, Arch arch, Point point) {}

    public record Advice(List<CellModel> cells, Map<String, Double> serialFractions, double peakRssMb, int minimumMemoryMb,
                         List<Point> points, List<Pick> picks, List<String> assumptions) {
        public Pick pick(String strategy, Arch arch) {
            return picks.stream().filter(p -> p.strategy().equals(strategy) && p.arch() == arch).findFirst().orElseThrow();
        }
    }

    private Advisor() {}

    public static Advice advise(List<JmhResults.Cell> measured, List<Mix.Cell> mix, Prices prices, Options options) {
        Map<String, Double> serial = serialFractions(measured);
        List<CellModel> models = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Mix.Cell c : mix) {
            List<JmhResults.Cell> found = measured.stream()
                    .filter(m -> m.threads() == 1 && m.encoder().equals(c.encoder()) && m.source().equals(c.source()) && m.width() == c.width())
                    .toList();
            if (found.isEmpty()) {
                missing.add(c.encoder() + " / " + c.source() + " / " + c.width() + " px");
                continue;
            }
            // several runs of one cell (e.g. both benchmarks): the median of their medians
            double wall = median(found.stream().mapToDouble(JmhResults.Cell::medianMs).toArray());
            double[] cpus = found.stream().mapToDouble(JmhResults.Cell::cpuMs).filter(v -> !Double.isNaN(v)).toArray();
            double t1 = options.time() == TimeMetric.CPU && cpus.length > 0 ? median(cpus) : wall;
            double rss = found.stream().mapToDouble(JmhResults.Cell::peakRssMb).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            String format = found.getFirst().format();
            models.add(new CellModel(c, t1, wall, serial.getOrDefault(format, 1.0), rss));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the JMH results have no 1-thread cell for " + missing.size() + " cell(s) of the mix, e.g. "
                    + missing.subList(0, Math.min(5, missing.size())) + ": run the profile with the same --mix");
        }
        double peak = models.stream().mapToDouble(CellModel::peakRssMb).filter(v -> !Double.isNaN(v)).max().orElse(0);
        int minimum = (int) Math.ceil(peak * (1 + options.rssHeadroom()));

        List<Point> points = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            for (int mb : options.memoryGrid()) {
                double mean = 0, cost = 0, compute = 0;
                for (CellModel m : models) {
                    double w = m.cell().weight();
                    double ms = options.fixedMs() + LambdaCpuModel.durationMs(m.t1Ms(), m.serialFraction(), mb) * (arch == Arch.ARM64 ? options.arm64Factor() : 1);
                    mean += w * ms;
                    cost += w * prices.perTransform(arch, mb, ms);
                    compute += w * prices.compute(arch, mb, ms);
                }
                points.add(new Point(arch, mb, LambdaCpuModel.share(mb), mean, cost * 1e6, compute * 1e6, mb >= minimum));
            }
        }

        List<Pick> picks = new ArrayList<>();
        for (Arch arch : Arch.values()) {
            List<Point> candidates = points.stream().filter(p -> p.arch() == arch && p.fits()).toList();
            if (candidates.isEmpty()) {
                throw new IllegalArgumentException("no memory size in the grid holds the peak RSS of " + Math.round(peak) + " MB + headroom");
            }
            picks.add(new Pick("cost", arch, cheapest(candidates, options.tieTolerance())));
            picks.add(new Pick("speed", arch, fastest(candidates, options.tieTolerance())));
            picks.add(new Pick("balanced", arch, balanced(candidates, options.balancedWeight())));
        }
        return new Advice(models, serial, peak, minimum, points, picks, assumptions(serial, peak, minimum, prices, options));
    }

    /** The mix's weighted mean one-thread time, by the chosen metric and by wall median (how noisy the run was shows in the gap). */
    public static double[] meanOneThread(List<CellModel> cells) {
        double t = 0, w = 0;
        for (CellModel c : cells) {
            t += c.cell().weight() * c.t1Ms();
            w += c.cell().weight() * c.wallMs();
        }
        return new double[] {t, w};
    }

    /** Power Tuning's "cost": the cheapest; among (near-)equal costs the fastest. */
    static Point cheapest(List<Point> points, double tolerance) {
        double best = points.stream().mapToDouble(Point::costPerMillion).min().orElseThrow();
        return points.stream().filter(p -> p.costPerMillion() <= best * (1 + tolerance))
                .min(Comparator.comparingDouble(Point::meanMs)).orElseThrow();
    }

    /** Power Tuning's "speed": the fastest; among (near-)equal durations the cheapest. */
    static Point fastest(List<Point> points, double tolerance) {
        double best = points.stream().mapToDouble(Point::meanMs).min().orElseThrow();
        return points.stream().filter(p -> p.meanMs() <= best * (1 + tolerance))
                .min(Comparator.comparingDouble(Point::costPerMillion)).orElseThrow();
    }

    /** Power Tuning's "balanced": minimises weight x cost / max cost + (1 - weight) x duration / max duration. */
    static Point balanced(List<Point> points, double weight) {
        double maxCost = points.stream().mapToDouble(Point::costPerMillion).max().orElseThrow();
        double maxMs = points.stream().mapToDouble(Point::meanMs).max().orElseThrow();
        return points.stream().min(Comparator.comparingDouble(p -> weight * p.costPerMillion() / maxCost + (1 - weight) * p.meanMs() / maxMs))
                .orElseThrow();
    }

    /** Per format, Amdahl's serial fraction fitted on the ThreadScalingBenchmark cells (all of that format's). */
    static Map<String, Double> serialFractions(List<JmhResults.Cell> measured) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, List<JmhResults.Cell>> byFormat = measured.stream().filter(c -> c.benchmark().startsWith("ThreadScalingBenchmark"))
                .collect(Collectors.groupingBy(JmhResults.Cell::format, LinkedHashMap::new, Collectors.toList()));
        byFormat.forEach((format, cells) -> {
            // each (encoder, source, width) series normalised by its own 1-thread time, then fitted together
            Map<String, List<JmhResults.Cell>> series = cells.stream()
                    .collect(Collectors.groupingBy(c -> c.encoder() + "|" + c.source() + "|" + c.width(), LinkedHashMap::new, Collectors.toList()));
            List<Integer> threads = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (List<JmhResults.Cell> s : series.values()) {
                double t1 = s.stream().filter(c -> c.threads() == 1).mapToDouble(JmhResults.Cell::medianMs).findFirst().orElse(Double.NaN);
                if (Double.isNaN(t1)) continue;
                for (JmhResults.Cell c : s) {
                    threads.add(c.threads());
                    ratios.add(c.medianMs() / t1);
                }
            }
            if (threads.isEmpty()) return;
            out.put(format, LambdaCpuModel.fitSerialFraction(threads.stream().mapToInt(Integer::intValue).toArray(),
                    ratios.stream().mapToDouble(Double::doubleValue).toArray()));
        });
        return out;
    }

    static List<String> assumptions(Map<String, Double> serial, double peak, int minimum, Prices prices, Options o) {
        List<String> a = new ArrayList<>();
        a.add("CPU: Lambda's share is proportional to memory, one full vCPU at 1,769 MB, at most 6 vCPUs at 10,240 MB (modelled as min(6, MB / 1769)).");
        a.add((o.time() == TimeMetric.CPU
                ? "Time: each cell's process CPU time per transform (JMH, warm JVM, one libvips thread), not its wall time: on a shared machine the wall time carries the neighbours' load; a core of Lambda is assumed to give the same. Below"
                : "Time: each cell's median wall time per transform (JMH, warm JVM, one libvips thread on one core of THIS machine). Below") + " 1,769 MB it is stretched by 1769 / MB, above it Amdahl's law with a serial fraction per format fitted on the thread-scaling benchmark: "
                + serial.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", "))
                + (serial.isEmpty() ? "none measured, so no gain assumed above one vCPU" : "")
                + "; formats without thread data are assumed serial (1.0). Thread counts beyond the ones measured are extrapolated, libvips threads = vCPUs.");
        a.add("Lambda's vCPUs are assumed as fast as this machine's cores; a different CPU model scales every duration alike (the picks move little, the costs in proportion).");
        a.add("arm64: MODELLED, not measured: its durations are the x86_64 ones times " + o.arm64Factor() + ", priced at the arm64 rate.");
        a.add(String.format(Locale.ROOT, "Memory: the mix's largest peak RSS (VmHWM of the JMH fork, JVM with -Xmx256m and SerialGC, JMH included) is %.0f MB; sizes below %d MB (+%.0f%% headroom for the handler and the AWS SDK) are marked too small.",
                peak, minimum, o.rssHeadroom() * 100));
        a.add(String.format(Locale.ROOT, "Cost per transform: billed duration (whole ms) x MB / 1024 x the GB-s price + one Lambda request + one S3 GET (the original) + one S3 PUT (the variant); prices of %s, %s (%s). No free tier, no volume tiers, no data transfer, no CloudFront, no S3 storage.",
                prices.region(), prices.date(), "benchmarks/prices.json"));
        a.add(String.format(Locale.ROOT, "Warm invocations only: no cold starts (init is billed since 2025-08-01; see the cold-start figures), %s.",
                o.fixedMs() > 0 ? String.format(Locale.ROOT, "%.0f ms per transform added for S3 transfers", o.fixedMs()) : "S3 download and upload time not included (set --io-ms)"));
        a.add(String.format(Locale.ROOT, "Picks follow AWS Lambda Power Tuning: cost = cheapest (ties within %.1f%%: the faster), speed = fastest (ties within %.1f%%: the cheaper), balanced = min of %.2f x cost / max cost + %.2f x duration / max duration, over the sizes that fit.",
                o.tieTolerance() * 100, o.tieTolerance() * 100, o.balancedWeight(), 1 - o.balancedWeight()));
        return a;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
