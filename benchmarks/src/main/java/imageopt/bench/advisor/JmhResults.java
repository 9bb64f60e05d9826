package imageopt.bench.advisor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import imageopt.bench.EncoderChoice;
import imageopt.bench.ResourceProfiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cells of a JMH JSON result file (TransformBenchmark and ThreadScalingBenchmark): their
 * parameters, the median of the sampled calls and the fork's peak RSS. Nothing is copied by hand:
 * every number the advisor uses comes from here.
 */
public final class JmhResults {
    /**
     * One cell: a transform's median wall time in ms, its mean process CPU time per call in ms and
     * its fork's peak RSS in MB (NaN when the ResourceProfiler did not run).
     */
    public record Cell(String benchmark, String encoder, String format, String source, int width, int threads,
                       double medianMs, double cpuMs, double peakRssMb, long samples) {}

    private JmhResults() {}

    public static List<Cell> load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Cell> parse(String json) {
        JsonArray results = JsonParser.parseString(json).getAsJsonArray();
        List<Cell> cells = new ArrayList<>();
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            String benchmark = r.get("benchmark").getAsString();
            if (!benchmark.endsWith("TransformBenchmark.transform") && !benchmark.endsWith("ThreadScalingBenchmark.transform")) {
                continue;
            }
            JsonObject params = r.getAsJsonObject("params");
            String encoder = EncoderChoice.resolve(params.get("encoder").getAsString());
            int threads = params.has("threads") ? params.get("threads").getAsInt() : 1;
            JsonObject primary = r.getAsJsonObject("primaryMetric");
            double median = primary.has("scorePercentiles") ? primary.getAsJsonObject("scorePercentiles").get("50.0").getAsDouble()
                    : primary.get("score").getAsDouble();
            double ms = median * toMillis(primary.get("scoreUnit").getAsString());
            double rss = Double.NaN, cpu = Double.NaN;
            JsonObject secondary = r.has("secondaryMetrics") ? r.getAsJsonObject("secondaryMetrics") : new JsonObject();
            if (secondary.has(ResourceProfiler.PEAK)) {
                rss = secondary.getAsJsonObject(ResourceProfiler.PEAK).get("score").getAsDouble();
            }
            if (secondary.has(ResourceProfiler.CPU)) {
                JsonObject c = secondary.getAsJsonObject(ResourceProfiler.CPU);
                cpu = c.get("score").getAsDouble() * toMillis(c.get("scoreUnit").getAsString());
            }
            long samples = 0;
            if (primary.has("rawDataHistogram")) {
                for (JsonElement fork : primary.getAsJsonArray("rawDataHistogram")) {
                    for (JsonElement iteration : fork.getAsJsonArray()) {
                        for (JsonElement bin : iteration.getAsJsonArray()) {
                            samples += bin.getAsJsonArray().get(1).getAsLong();
                        }
                    }
                }
            }
            cells.add(new Cell(benchmark.substring(benchmark.lastIndexOf('.', benchmark.length() - ".transform".length() - 1) + 1),
                    encoder, EncoderChoice.parse(encoder).format().token(), params.get("source").getAsString(),
                    params.get("width").getAsInt(), threads, ms, cpu, rss, samples));
        }
        return cells;
    }

    static double toMillis(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns/op" -> 1e-6;
            case "us/op" -> 1e-3;
            case "ms/op" -> 1;
            case "s/op" -> 1e3;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit + " (expected a time per operation: run in SampleTime or AverageTime mode)");
        };
    }
}
