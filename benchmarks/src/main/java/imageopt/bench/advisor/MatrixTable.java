package imageopt.bench.advisor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A JMH JSON file's one-thread transform cells as Markdown: one row per encoder and source, one
 * column per width, each cell "CPU ms (wall median ms, peak RSS MB)"; then the thread-scaling cells.
 * <pre>
 *   java -cp benchmarks.jar imageopt.bench.advisor.MatrixTable FILE[,FILE...]
 * </pre>
 */
public final class MatrixTable {
    public static void main(String[] args) {
        List<JmhResults.Cell> cells = new ArrayList<>();
        for (String f : args[0].split(",")) {
            cells.addAll(JmhResults.load(Path.of(f.strip())));
        }
        System.out.print(markdown(cells));
    }

    static String markdown(List<JmhResults.Cell> cells) {
        List<JmhResults.Cell> one = cells.stream().filter(c -> c.benchmark().startsWith("TransformBenchmark")).toList();
        Set<Integer> widths = new java.util.TreeSet<>();
        Set<String> rows = new LinkedHashSet<>();
        for (JmhResults.Cell c : one) {
            widths.add(c.width());
            rows.add(c.encoder() + "|" + c.source());
        }
        StringBuilder s = new StringBuilder("| encoder | source |");
        widths.forEach(w -> s.append(' ').append(w).append(" px |"));
        s.append("\n|---|---|").append("---|".repeat(widths.size())).append('\n');
        for (String row : rows) {
            String[] k = row.split("\\|", 2);
            s.append("| ").append(k[0]).append(" | ").append(k[1]).append(" |");
            for (int w : widths) {
                JmhResults.Cell c = one.stream().filter(x -> x.encoder().equals(k[0]) && x.source().equals(k[1]) && x.width() == w).findFirst().orElse(null);
                s.append(c == null ? " - |" : String.format(Locale.ROOT, " %.0f (%.0f, %.0f MB) |", c.cpuMs(), c.medianMs(), c.peakRssMb()));
            }
            s.append('\n');
        }
        List<JmhResults.Cell> scaling = cells.stream().filter(c -> c.benchmark().startsWith("ThreadScalingBenchmark")).toList();
        if (!scaling.isEmpty()) {
            s.append("\n| thread scaling: encoder | source | width | threads | wall median ms | CPU ms |\n|---|---|---|---|---|---|\n");
            for (JmhResults.Cell c : scaling) {
                s.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.1f | %.1f |%n", c.encoder(), c.source(), c.width(), c.threads(), c.medianMs(), c.cpuMs()));
            }
        }
        s.append("\nCells: CPU ms per transform (wall median ms, peak RSS of the fork).\n");
        return s.toString();
    }
}
