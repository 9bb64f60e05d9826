package imageopt.bench.study;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import imageopt.bench.EncoderChoice;
import imageopt.transform.EncoderSettings;
import imageopt.transform.OutputFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rule that picks the engine's default encoder settings from encoder-study results:
 * <ol>
 * <li>same perceptual quality: a setting qualifies when its mean butteraugli 3-norm AND its mean
 * ssimulacra are both no worse than the AWS sample's setting for that format (Sharp's default);</li>
 * <li>no dearer transform: and when its CPU time is no more than that setting's (the Lambda bill
 * per transform never grows);</li>
 * <li>cost, in dollars per transform: its CPU time at one Lambda vCPU (1,769 MB, x86_64 price)
 * plus delivering its bytes D times from CloudFront (D = deliveries per transform, i.e. cache
 * hits per miss);</li>
 * <li>the qualifying setting of least cost; the AWS sample's own setting qualifies, so the pick
 * never costs more than it.</li>
 * </ol>
 * The engine's {@code EncoderSettings.DEFAULT} is the pick at the design point D = 30 (a CDN that
 * answers 29 of 30 requests from its cache); the table shows how the pick moves with D.
 * <pre>
 *   java -cp benchmarks.jar imageopt.bench.study.ChooseDefaults --study A.json[,B.json] [--prices prices.json]
 *        [--deliveries 1,10,100,1000] [--out DIR]
 * </pre>
 */
public final class ChooseDefaults {
    record Row(String key, OutputFormat format, double cpuMs, double bytesPerImage, double butteraugli, double ssimulacra) {}

    record Pick(OutputFormat format, int deliveries, Row baseline, Row chosen, double baselineCost, double chosenCost) {}

    public static void main(String[] args) throws IOException {
        Map<String, String> o = EncoderStudy.options(args);
        Path prices = Path.of(o.getOrDefault("prices", "benchmarks/prices.json"));
        JsonObject p = JsonParser.parseString(Files.readString(prices)).getAsJsonObject();
        double gbSecond = p.getAsJsonObject("lambda").get("x86_64PerGbSecond").getAsDouble();
        double perGbOut = p.getAsJsonObject("cloudfront").get("transferOutPerGb").getAsDouble();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String f : o.get("study").split(",")) {
            JsonObject study = JsonParser.parseString(Files.readString(Path.of(f))).getAsJsonObject();
            int images = study.getAsJsonArray("images").size();
            for (JsonElement e : study.getAsJsonArray("rows")) {
                JsonObject r = e.getAsJsonObject();
                String key = r.get("key").getAsString();
                rows.put(key, new Row(key, EncoderChoice.parse(key).format(), r.get("cpuMs").getAsDouble(), r.get("bytes").getAsDouble() / images,
                        r.get("butteraugli3").getAsDouble(), r.get("ssimulacra").getAsDouble()));
            }
        }
        List<Integer> deliveries = new ArrayList<>();
        for (String d : o.getOrDefault("deliveries", "1,3,10,30,100,300,1000").split(",")) {
            deliveries.add(Integer.parseInt(d.strip()));
        }
        List<Pick> picks = choose(rows.values(), deliveries, gbSecond, perGbOut);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Cost per transform = CPU s x 1,769 MB / 1,024 x $%s per GB-s + bytes x D x $%s per GB (CloudFront out), D = deliveries per transform.%n%n",
                gbSecond, perGbOut));
        md.append("| format | D | AWS sample's setting | its cost (µ$) | pick | CPU ms | bytes / image | butteraugli | ssimulacra | cost (µ$) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Pick k : picks) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | **%s** | %.0f (%.0f) | %.0f (%.0f) | %.3f (%.3f) | %.4f (%.4f) | %.2f |%n",
                    k.format().token(), k.deliveries(), k.baseline().key(), k.baselineCost() * 1e6, k.chosen().key(),
                    k.chosen().cpuMs(), k.baseline().cpuMs(), k.chosen().bytesPerImage(), k.baseline().bytesPerImage(),
                    k.chosen().butteraugli(), k.baseline().butteraugli(), k.chosen().ssimulacra(), k.baseline().ssimulacra(), k.chosenCost() * 1e6));
        }
        md.append("\n(in brackets: the AWS sample's setting; µ$ = millionths of a dollar per transform)\n");
        Path out = Path.of(o.getOrDefault("out", Path.of(o.get("study").split(",")[0]).getParent().toString()));
        Files.writeString(out.resolve("choice.md"), md);
        System.out.print(md);
    }

    static List<Pick> choose(java.util.Collection<Row> rows, List<Integer> deliveries, double gbSecond, double perGbOut) {
        List<Pick> picks = new ArrayList<>();
        for (OutputFormat f : List.of(OutputFormat.JPEG, OutputFormat.WEBP, OutputFormat.AVIF)) {
            String baseKey = new EncoderChoice(f, EncoderSettings.SHARP_DEFAULTS).key();
            Row base = rows.stream().filter(r -> r.key().equals(baseKey)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the study has no row for the AWS sample's " + baseKey));
            List<Row> same = rows.stream().filter(r -> r.format() == f && r.butteraugli() <= base.butteraugli() && r.ssimulacra() <= base.ssimulacra()
                    && r.cpuMs() <= base.cpuMs()).toList();
            for (int d : deliveries) {
                Comparator<Row> byCost = Comparator.comparingDouble(r -> cost(r, d, gbSecond, perGbOut));
                Row chosen = same.stream().min(byCost).orElse(base);
                picks.add(new Pick(f, d, base, chosen, cost(base, d, gbSecond, perGbOut), cost(chosen, d, gbSecond, perGbOut)));
            }
        }
        return picks;
    }

    static double cost(Row r, int deliveries, double gbSecond, double perGbOut) {
        return r.cpuMs() / 1000 * (1769 / 1024.0) * gbSecond + r.bytesPerImage() / (1024.0 * 1024 * 1024) * deliveries * perGbOut;
    }
}
