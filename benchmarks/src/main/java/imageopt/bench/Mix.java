package imageopt.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request mix: which outputs a deployment transforms, and how often. A JSON file:
 * <pre>
 * {"name": "sample mix",
 *  "encoders": {"avif": 0.7, "webp": 0.2, "jpeg": 0.1},      format (its engine default) or an encoder key
 *  "widths":   {"320": 0.4, "800": 0.4, "1600": 0.2},
 *  "sources":  {"Kleiber_by_Lukas_Baubkus.jpg@20mp": 1, ...}} optional: every source measured, equally
 * </pre>
 * Weights are relative (normalised here); a cell's weight is the product of its three.
 */
public record Mix(String name, String note, Map<String, Double> encoders, Map<Integer, Double> widths, Map<String, Double> sources) {

    public record Cell(String encoder, String source, int width, double weight) {}

    public static Mix load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Mix parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        Map<String, Double> encoders = new LinkedHashMap<>();
        weights(o, "encoders").forEach((k, w) -> encoders.merge(encoderKey(k), w, Double::sum));
        Map<Integer, Double> widths = new LinkedHashMap<>();
        weights(o, "widths").forEach((k, w) -> widths.put(Integer.parseInt(k), w));
        Map<String, Double> sources = o.has("sources") ? weights(o, "sources") : Map.of();
        if (encoders.isEmpty() || widths.isEmpty()) {
            throw new IllegalArgumentException("a mix needs non-empty \"encoders\" and \"widths\"");
        }
        return new Mix(o.has("name") ? o.get("name").getAsString() : "mix", o.has("note") ? o.get("note").getAsString() : "",
                encoders, widths, sources);
    }

    /** A bare format is that format's engine default, resolved to its explicit key. */
    static String encoderKey(String k) {
        return EncoderChoice.resolve(k.contains("-") ? k : k + "-default");
    }

    private static Map<String, Double> weights(JsonObject o, String field) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!o.has(field)) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject(field).entrySet()) {
            double w = e.getValue().getAsDouble();
            if (!(w >= 0)) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " must be a weight >= 0");
            }
            out.put(e.getKey(), w);
        }
        return out;
    }

    /** The sources this mix names, or the given ones (a folder's images) when it names none. */
    public List<String> sourcesOr(List<String> fallback) {
        return sources.isEmpty() ? fallback : List.copyOf(sources.keySet());
    }

    /** Every (encoder, source, width) cell with its normalised weight; they sum to 1. */
    public List<Cell> cells(List<String> fallbackSources) {
        Map<String, Double> src = new LinkedHashMap<>();
        if (sources.isEmpty()) {
            fallbackSources.forEach(s -> src.put(s, 1.0));
        } else {
            src.putAll(sources);
        }
        double te = sum(encoders), tw = sum(widths), ts = sum(src);
        List<Cell> cells = new ArrayList<>();
        encoders.forEach((e, we) -> widths.forEach((w, ww) -> src.forEach((s, ws) -> {
            double weight = we / te * ww / tw * ws / ts;
            if (weight > 0) {
                cells.add(new Cell(e, s, w, weight));
            }
        })));
        return cells;
    }

    private static double sum(Map<?, Double> m) {
        double t = m.values().stream().mapToDouble(Double::doubleValue).sum();
        if (t <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        return t;
    }
}
