package imageopt.bench.advisor;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import imageopt.bench.Corpus;
import imageopt.bench.Mix;
import imageopt.bench.advisor.Advisor.Advice;
import imageopt.bench.advisor.Advisor.Pick;
import imageopt.bench.advisor.Advisor.Point;
import imageopt.bench.advisor.Prices.Arch;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The LAMBDA_MEMORY advisor's command line:
 * <pre>
 *   ./imageopt advise --jmh FILE[,FILE...] [--mix FILE] [--prices FILE] [--out DIR] [--io-ms N] [--arm64-factor F]
 *                     [--headroom F] [--weight W] [--time cpu|wall] [--recommend FILE]
 * </pre>
 * Reads the JMH JSON it is given (several files: their cells together, e.g. a profile and a
 * longer thread-scaling run), the mix (default benchmarks/mix/sample-mix.json) and the price
 * file (default benchmarks/prices.json); writes advice.json, advice.md and advice.svg / advice.png
 * to --out (default benchmarks/target/advisor); with --recommend, also the small file the CDK
 * stack reads its LAMBDA_MEMORY default from (benchmarks/results/recommended-memory.json).
 */
public final class AdvisorMain {
    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("usage: advise --jmh FILE [--mix FILE] [--prices FILE] [--out DIR] [--io-ms N] [--arm64-factor F] [--headroom F] [--weight W] [--time cpu|wall] [--recommend FILE]");
                System.exit(2);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        if (!o.containsKey("jmh")) {
            System.err.println("advise: --jmh FILE is required (a JMH JSON from ./imageopt bench-profile quick|full)");
            System.exit(2);
        }
        Path module = Corpus.workDir().getParent();
        List<Path> jmhFiles = java.util.Arrays.stream(o.get("jmh").split(",")).map(String::strip).map(Path::of).toList();
        Path jmh = jmhFiles.getFirst();
        Path mixFile = Path.of(o.getOrDefault("mix", module.resolve("mix/sample-mix.json").toString()));
        Path priceFile = Path.of(o.getOrDefault("prices", module.resolve("prices.json").toString()));
        Path out = Path.of(o.getOrDefault("out", module.resolve("target/advisor").toString()));
        Advisor.Options d = Advisor.Options.DEFAULT;
        Advisor.Options options = new Advisor.Options(d.memoryGrid(),
                Double.parseDouble(o.getOrDefault("headroom", String.valueOf(d.rssHeadroom()))),
                Double.parseDouble(o.getOrDefault("arm64-factor", String.valueOf(d.arm64Factor()))),
                Double.parseDouble(o.getOrDefault("io-ms", String.valueOf(d.fixedMs()))),
                Double.parseDouble(o.getOrDefault("weight", String.valueOf(d.balancedWeight()))), d.tieTolerance(),
                Advisor.TimeMetric.valueOf(o.getOrDefault("time", d.time().name()).toUpperCase(Locale.ROOT)));

        List<JmhResults.Cell> measured = new ArrayList<>();
        jmhFiles.forEach(f -> measured.addAll(JmhResults.load(f)));
        Mix mix = Mix.load(mixFile);
        List<String> measuredSources = measured.stream().filter(c -> c.threads() == 1).map(JmhResults.Cell::source).distinct().toList();
        Prices prices = Prices.load(priceFile);
        Advice advice = Advisor.advise(measured, mix.cells(measuredSources), prices, options);

        Files.createDirectories(out);
        String names = String.join(", ", jmhFiles.stream().map(AdvisorMain::relative).toList());
        Files.writeString(out.resolve("advice.json"), json(advice, mix, names, priceFile, prices, options));
        String md = markdown(advice, mix, names, prices);
        Files.writeString(out.resolve("advice.md"), md);
        chart(advice, mix, out);
        System.out.println(md);
        System.out.println("wrote " + out.resolve("advice.json") + ", advice.md, advice.svg, advice.png");
        if (o.containsKey("recommend")) {
            Path file = Path.of(o.get("recommend"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, recommendation(advice, mix, names, prices));
            System.out.println("wrote " + file + " (the CDK stack's LAMBDA_MEMORY default)");
        }
    }

    /** The pick the stack takes: balanced, x86_64. */
    static Pick recommended(Advice a) {
        return a.pick("balanced", Arch.X86_64);
    }

    static String recommendation(Advice a, Mix mix, String jmh, Prices prices) {
        Pick p = recommended(a);
        JsonObject r = new JsonObject();
        r.addProperty("lambdaMemoryMb", p.point().memoryMb());
        r.addProperty("architecture", p.arch().label);
        r.addProperty("strategy", p.strategy());
        r.addProperty("mix", mix.name());
        r.addProperty("meanTransformMs", round(p.point().meanMs(), 1));
        r.addProperty("costPerMillionTransformsUsd", round(p.point().costPerMillion(), 2));
        r.addProperty("cheapestMb", a.pick("cost", Arch.X86_64).point().memoryMb());
        r.addProperty("fastestMb", a.pick("speed", Arch.X86_64).point().memoryMb());
        r.addProperty("minimumMb", a.minimumMemoryMb());
        r.addProperty("jmh", jmh);
        r.addProperty("prices", "benchmarks/prices.json (" + prices.region() + ", " + prices.date() + ")");
        r.addProperty("date", LocalDate.now().toString());
        r.addProperty("note", "Written by ./imageopt advise --recommend, for the CDK stack to take lambdaMemoryMb as its LAMBDA_MEMORY default. Modelled from local benchmarks and Lambda's CPU rule, not measured on Lambda: see benchmarks/README.md.");
        return new GsonBuilder().setPrettyPrinting().create().toJson(r) + "\n";
    }

    static String json(Advice a, Mix mix, String jmh, Path priceFile, Prices prices, Advisor.Options options) {
        JsonObject r = new JsonObject();
        r.addProperty("date", LocalDate.now().toString());
        r.addProperty("jmh", jmh);
        r.addProperty("mix", mix.name());
        r.addProperty("prices", relative(priceFile) + " (" + prices.region() + ", " + prices.date() + ")");
        JsonArray assumptions = new JsonArray();
        a.assumptions().forEach(assumptions::add);
        r.add("assumptions", assumptions);
        JsonObject serial = new JsonObject();
        a.serialFractions().forEach((k, v) -> serial.addProperty(k, round(v, 3)));
        r.add("serialFractions", serial);
        r.addProperty("timeMetric", options.time().name().toLowerCase(Locale.ROOT));
        double[] means = Advisor.meanOneThread(a.cells());
        r.addProperty("mixMeanOneThreadMs", round(means[0], 1));
        r.addProperty("mixMeanWallMedianMs", round(means[1], 1));
        r.addProperty("peakRssMb", round(a.peakRssMb(), 1));
        r.addProperty("minimumMemoryMb", a.minimumMemoryMb());
        JsonArray picks = new JsonArray();
        for (Pick p : a.picks()) {
            JsonObject j = new JsonObject();
            j.addProperty("strategy", p.strategy());
            j.addProperty("architecture", p.arch().label);
            j.addProperty("modelled", p.arch() == Arch.ARM64);
            j.addProperty("memoryMb", p.point().memoryMb());
            j.addProperty("meanMs", round(p.point().meanMs(), 1));
            j.addProperty("costPerMillionUsd", round(p.point().costPerMillion(), 3));
            picks.add(j);
        }
        r.add("picks", picks);
        r.addProperty("recommendedLambdaMemoryMb", recommended(a).point().memoryMb());
        JsonArray points = new JsonArray();
        for (Point p : a.points()) {
            JsonObject j = new JsonObject();
            j.addProperty("architecture", p.arch().label);
            j.addProperty("modelled", p.arch() == Arch.ARM64);
            j.addProperty("memoryMb", p.memoryMb());
            j.addProperty("vcpus", round(p.vcpus(), 3));
            j.addProperty("meanMs", round(p.meanMs(), 2));
            j.addProperty("costPerMillionUsd", round(p.costPerMillion(), 4));
            j.addProperty("computePerMillionUsd", round(p.computePerMillion(), 4));
            j.addProperty("fits", p.fits());
            points.add(j);
        }
        r.add("points", points);
        JsonArray cells = new JsonArray();
        for (Advisor.CellModel c : a.cells()) {
            JsonObject j = new JsonObject();
            j.addProperty("encoder", c.cell().encoder());
            j.addProperty("source", c.cell().source());
            j.addProperty("width", c.cell().width());
            j.addProperty("weight", round(c.cell().weight(), 5));
            j.addProperty("oneThreadMs", round(c.t1Ms(), 2));
            j.addProperty("wallMedianMs", round(c.wallMs(), 2));
            j.addProperty("serialFraction", round(c.serialFraction(), 3));
            j.addProperty("peakRssMb", round(c.peakRssMb(), 1));
            cells.add(j);
        }
        r.add("cells", cells);
        return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(r) + "\n";
    }

    static String markdown(Advice a, Mix mix, String jmh, Prices prices) {
        StringBuilder s = new StringBuilder();
        Pick rec = recommended(a);
        s.append(String.format(Locale.ROOT, "### LAMBDA_MEMORY for the mix \"%s\": %d MB (x86_64, balanced)%n%n", mix.name(), rec.point().memoryMb()));
        s.append(String.format(Locale.ROOT, "From `%s`, %d mix cells, prices %s %s. arm64 rows are modelled, not measured.%n%n",
                jmh, a.cells().size(), prices.region(), prices.date()));
        s.append("| strategy | x86_64 | arm64 (modelled) |\n|---|---|---|\n");
        for (String strategy : List.of("cost", "speed", "balanced")) {
            Pick x = a.pick(strategy, Arch.X86_64), m = a.pick(strategy, Arch.ARM64);
            s.append(String.format(Locale.ROOT, "| %s | %d MB: %.0f ms, $%.2f / M | %d MB: %.0f ms, $%.2f / M |%n", strategy,
                    x.point().memoryMb(), x.point().meanMs(), x.point().costPerMillion(), m.point().memoryMb(), m.point().meanMs(), m.point().costPerMillion()));
        }
        s.append("\n| memory MB | vCPU share | mean ms | x86_64 $ / M transforms | arm64 $ / M (modelled) | fits |\n|---|---|---|---|---|---|\n");
        List<Point> x86 = a.points().stream().filter(p -> p.arch() == Arch.X86_64).toList();
        List<Point> arm = a.points().stream().filter(p -> p.arch() == Arch.ARM64).toList();
        for (int i = 0; i < x86.size(); i++) {
            Point p = x86.get(i), q = arm.get(i);
            s.append(String.format(Locale.ROOT, "| %d | %.2f | %.0f | %.2f | %.2f | %s |%n", p.memoryMb(), p.vcpus(), p.meanMs(), p.costPerMillion(),
                    q.costPerMillion(), p.fits() ? "yes" : "no (peak RSS)"));
        }
        s.append("\nMeasured cells of the mix (one libvips thread; CPU = process CPU time per transform, wall = median of the sampled calls):\n\n");
        s.append("| encoder | source | width | CPU ms | wall ms (median) | peak RSS MB | weight |\n|---|---|---|---|---|---|---|\n");
        for (Advisor.CellModel c : a.cells()) {
            s.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.0f | %.3f |%n", c.cell().encoder(), c.cell().source(), c.cell().width(),
                    c.t1Ms(), c.wallMs(), c.peakRssMb(), c.cell().weight()));
        }
        s.append("\nThread scaling: serial fraction per format (Amdahl, fitted): ");
        s.append(a.serialFractions().isEmpty() ? "none measured" : String.join(", ", a.serialFractions().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList()));
        s.append("\n\nModel assumptions:\n\n");
        a.assumptions().forEach(x -> s.append("- ").append(x).append('\n'));
        return s.toString();
    }

    static void chart(Advice a, Mix mix, Path out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(560)
                .title("imageopt, " + mix.name() + ": modelled time and cost against LAMBDA_MEMORY")
                .xAxisTitle("LAMBDA_MEMORY (MB)").yAxisTitle("mean transform time (ms)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, "mean transform time (ms)");
        chart.setYAxisGroupTitle(1, "USD per million transforms");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        List<Point> x86 = a.points().stream().filter(p -> p.arch() == Arch.X86_64).toList();
        List<Point> arm = a.points().stream().filter(p -> p.arch() == Arch.ARM64).toList();
        XYSeries time = chart.addSeries("time, x86_64", mb(x86), x86.stream().map(Point::meanMs).toList());
        time.setYAxisGroup(0);
        time.setMarker(SeriesMarkers.CIRCLE);
        time.setLineColor(new Color(0x1f77b4));
        time.setMarkerColor(new Color(0x1f77b4));
        XYSeries cost = chart.addSeries("cost, x86_64", mb(x86), x86.stream().map(Point::costPerMillion).toList());
        cost.setYAxisGroup(1);
        cost.setMarker(SeriesMarkers.DIAMOND);
        cost.setLineColor(new Color(0xd62728));
        cost.setMarkerColor(new Color(0xd62728));
        XYSeries costArm = chart.addSeries("cost, arm64 (modelled)", mb(arm), arm.stream().map(Point::costPerMillion).toList());
        costArm.setYAxisGroup(1);
        costArm.setMarker(SeriesMarkers.NONE);
        costArm.setLineColor(new Color(0xff7f0e));
        costArm.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        Pick rec = recommended(a);
        XYSeries pick = chart.addSeries("recommended: " + rec.point().memoryMb() + " MB (balanced)",
                List.of(rec.point().memoryMb()), List.of(rec.point().meanMs()));
        pick.setYAxisGroup(0);
        pick.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        pick.setMarker(SeriesMarkers.SQUARE);
        pick.setMarkerColor(Color.BLACK);
        VectorGraphicsEncoder.saveVectorGraphic(chart, out.resolve("advice").toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, out.resolve("advice").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Integer> mb(List<Point> points) {
        return new ArrayList<>(points.stream().map(Point::memoryMb).toList());
    }

    private static double round(double v, int places) {
        if (Double.isNaN(v)) return v;
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    private static String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        for (Path dir = abs.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("benchmarks/src"))) {
                return dir.relativize(abs).toString();
            }
        }
        return abs.toString();
    }
}
