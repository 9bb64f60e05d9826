package imageopt.bench.study;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import imageopt.bench.study.StudyRow.Ratios;
import imageopt.transform.OutputFormat;
import imageopt.vips.Vips;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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

/** The study's outputs: study.json (every row, every image), study.md, choice.md and the rate-quality charts. */
final class StudyReport {
    private static final Map<OutputFormat, Color> COLOURS = Map.of(
            OutputFormat.JPEG, new Color(0x4e79a7), OutputFormat.WEBP, new Color(0xf28e2b), OutputFormat.AVIF, new Color(0x59a14f));

    private StudyReport() {}

    static void write(Path out, List<StudyRow> rows, Map<String, Map<String, double[]>> perImage, List<String> images, List<Integer> widths,
                      int repeats, String folder, int deliveries, Path root) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("date", LocalDate.now().toString());
        json.addProperty("libvips", Vips.version());
        json.addProperty("sharp", "0.35.5 (benchmarks/sharp/package-lock.json), one libvips thread, no cache");
        json.addProperty("tools", "Debian libjxl-devtools: butteraugli_main --pnorm 3, ssimulacra_main; both against the same side's resize kept lossless, flattened on white");
        json.addProperty("folder", folder);
        json.addProperty("repeats", repeats);
        json.addProperty("note", "bytes, cpuMs, wallMs: sums over the images of each image's median transform (whole transform: decode, resize, encode); "
                + "butteraugli3Median, ssimulacraMedian: medians over the images, lower is better; side sharp = Sharp at the AWS sample's setting");
        JsonArray names = new JsonArray();
        images.forEach(names::add);
        json.add("images", names);
        JsonArray array = new JsonArray();
        for (StudyRow r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("width", r.width());
            o.addProperty("format", r.format().token());
            o.addProperty("key", r.key());
            o.addProperty("side", r.sample() ? "sharp" : "imageopt");
            o.addProperty("images", r.images());
            o.addProperty("bytes", r.bytes());
            o.addProperty("cpuMs", round(r.cpuMs(), 1));
            o.addProperty("wallMs", round(r.wallMs(), 1));
            o.addProperty("butteraugli3Median", round(r.butteraugli(), 4));
            o.addProperty("ssimulacraMedian", round(r.ssimulacra(), 5));
            JsonObject per = new JsonObject();
            perImage.get(r.width() + ":" + (r.sample() ? "sharp" : "imageopt") + ":" + r.key()).forEach((image, v) -> {
                JsonObject i = new JsonObject();
                i.addProperty("cpuMs", round(v[0], 1));
                i.addProperty("wallMs", round(v[1], 1));
                i.addProperty("bytes", (long) v[2]);
                i.addProperty("butteraugli3", round(v[3], 4));
                i.addProperty("butteraugliMax", round(v[4], 4));
                i.addProperty("ssimulacra", round(v[5], 5));
                per.add(image, i);
            });
            o.add("perImage", per);
            array.add(o);
        }
        json.add("rows", array);
        Files.writeString(out.resolve("study.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n");
        Files.writeString(out.resolve("study.md"), markdown(rows, images, repeats, folder));
        int design = widths.contains(800) ? 800 : widths.getFirst();
        Files.writeString(out.resolve("choice.md"), ChooseDefaults.markdown(rows, design, ChooseDefaults.Prices.read(root.resolve("benchmarks/prices.json"))));
        ChooseDefaults.Prices prices = ChooseDefaults.Prices.read(root.resolve("benchmarks/prices.json"));
        List<String> picks = ChooseDefaults.choose(rows, design, prices).stream().flatMap(p -> p.chosen().stream()).map(StudyRow::key).toList();
        for (int w : widths) {
            chart(out.resolve("rate-quality-" + w), rows, w, images.size(), picks);
        }
    }

    static String markdown(List<StudyRow> rows, List<String> images, int repeats, String folder) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Encoder study, %s: %d images from %s, libvips %s, one libvips thread, median of %d runs per image; "
                + "Sharp 0.35.5 at the AWS sample's settings side by side. Bytes and CPU time summed over the images, scores the medians over them "
                + "(lower is better); x = against the sample's.%n", LocalDate.now(), images.size(), folder, Vips.version(), repeats));
        for (int width : rows.stream().map(StudyRow::width).distinct().toList()) {
            md.append(String.format(Locale.ROOT, "%n### %d px%n%n| format | setting | side | bytes | x | CPU ms | x | wall ms | x | butteraugli | x | ssimulacra | x |%n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|%n", width));
            for (StudyRow r : rows.stream().filter(r -> r.width() == width).toList()) {
                Ratios x = r.against(StudyRow.sampleOf(rows, r.format(), width));
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,d | %.3f | %,.0f | %.3f | %,.0f | %.3f | %.3f | %.3f | %.4f | %.3f |%n", r.format().token(), r.key(),
                        r.sample() ? "Sharp (AWS sample)" : "imageopt", r.bytes(), x.bytes(), r.cpuMs(), x.cpu(), r.wallMs(), x.wall(), r.butteraugli(), x.butteraugli(),
                        r.ssimulacra(), x.ssimulacra()));
            }
        }
        return md.toString();
    }

    /** Bytes (x the sample's) against median butteraugli, one point per setting, the sample's and the picks marked apart. */
    static void chart(Path file, List<StudyRow> rows, int width, int images, List<String> picks) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(480)
                .title(String.format(Locale.ROOT, "Rate and quality at %d px, %d images (lower left is better)", width, images))
                .xAxisTitle("bytes, x the AWS sample's (Sharp)").yAxisTitle("median butteraugli 3-norm").build();
        var styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(9);
        styler.setXAxisDecimalPattern("0.00");
        styler.setYAxisDecimalPattern("0.00");
        for (OutputFormat f : List.of(OutputFormat.JPEG, OutputFormat.WEBP, OutputFormat.AVIF)) {
            List<StudyRow> mine = rows.stream().filter(r -> r.width() == width && r.format() == f && !r.sample()).toList();
            if (mine.isEmpty()) continue;
            StudyRow sample = StudyRow.sampleOf(rows, f, width);
            XYSeries s = chart.addSeries(f.token() + ": imageopt settings", mine.stream().map(r -> r.against(sample).bytes()).toList(),
                    mine.stream().map(StudyRow::butteraugli).toList());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(COLOURS.get(f));
            XYSeries b = chart.addSeries(f.token() + ": AWS sample", List.of(1.0), List.of(sample.butteraugli()));
            b.setMarker(SeriesMarkers.DIAMOND);
            b.setMarkerColor(COLOURS.get(f).darker().darker());
            mine.stream().filter(r -> picks.contains(r.key())).findFirst().ifPresent(pick -> {
                XYSeries p = chart.addSeries(f.token() + ": pick, " + pick.key(), List.of(pick.against(sample).bytes()), List.of(pick.butteraugli()));
                p.setMarker(SeriesMarkers.TRIANGLE_UP);
                p.setMarkerColor(Color.BLACK);
            });
        }
        VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
