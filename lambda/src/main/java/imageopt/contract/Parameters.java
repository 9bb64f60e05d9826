package imageopt.contract;

import imageopt.transform.Fit;
import imageopt.transform.OutputFormat;
import imageopt.transform.Position;
import imageopt.transform.TransformSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The known query parameters and what they make: a {@link TransformSpec}, which then leaves out
 * what cannot change the output. Checks follow contract/README.md: a repeated name first, then each
 * value in the order format, quality, width, height, fit, position, dpr, then the size.
 */
final class Parameters {
    /** Every accepted name, aliases included, to the parameter it names. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("format", "format"), Map.entry("f", "format"), Map.entry("fm", "format"),
            Map.entry("quality", "quality"), Map.entry("q", "quality"),
            Map.entry("width", "width"), Map.entry("w", "width"),
            Map.entry("height", "height"), Map.entry("h", "height"),
            Map.entry("fit", "fit"), Map.entry("position", "position"), Map.entry("gravity", "position"),
            Map.entry("dpr", "dpr"));
    private static final String AUTO = "auto";
    private static final Map<String, String> FORMAT_ALIASES = Map.of("jpg", "jpeg");
    private static final Map<String, String> POSITION_ALIASES = Map.of("center", "centre",
            "north", "top", "south", "bottom", "east", "right", "west", "left",
            "northeast", "top-right", "northwest", "top-left", "southeast", "bottom-right", "southwest", "bottom-left");
    /** dpr in halves, so that scaling stays in exact integers; only these spellings. */
    private static final Map<String, Integer> DPR_HALVES = Map.of("1", 2, "1.5", 3, "2", 4, "2.5", 5, "3", 6, "3.5", 7, "4", 8);

    private Parameters() {
    }

    /** The spec these pairs ask for; {@code accept} is read only to resolve {@code format=auto}. */
    static TransformSpec spec(List<QueryPair> pairs, String accept, EdgeConfig config) {
        Map<String, String> given = new HashMap<>();
        for (QueryPair pair : pairs) {
            String name = NAMES.get(pair.name());
            if (name != null && given.putIfAbsent(name, pair.value()) != null) {
                throw new UrlRefusedException(Reason.REPEATED_PARAM);
            }
        }
        String format = word(given.get("format"), t -> t.equals(AUTO) ? t : OutputFormat.fromToken(FORMAT_ALIASES.getOrDefault(t, t))
                .map(OutputFormat::token).orElse(null), Reason.BAD_FORMAT);
        Integer quality = integer(given.get("quality"), 100, Reason.BAD_QUALITY);
        Integer width = integer(given.get("width"), config.maxDimension(), Reason.BAD_WIDTH);
        Integer height = integer(given.get("height"), config.maxDimension(), Reason.BAD_HEIGHT);
        Fit fit = word(given.get("fit"), t -> Fit.fromToken(t).orElse(null), Reason.BAD_FIT);
        Position position = word(given.get("position"), t -> Position.fromToken(POSITION_ALIASES.getOrDefault(t, t)).orElse(null),
                Reason.BAD_POSITION);
        Integer dprHalves = word(given.get("dpr"), DPR_HALVES::get, Reason.BAD_DPR);

        if (dprHalves != null) {
            width = scale(width, dprHalves, 2);
            height = scale(height, dprHalves, 2);
        }
        if (width != null && !config.allowedWidths().isEmpty()) {
            int snapped = snapWidth(width, config.allowedWidths());
            if (height != null) height = Math.max(1, scale(height, snapped, width));
            width = snapped;
        }
        if (width != null && width > config.maxDimension() || height != null && height > config.maxDimension()) {
            throw new UrlRefusedException(Reason.TOO_LARGE);
        }
        if (format == null && config.negotiatesByDefault()) format = AUTO;
        OutputFormat output = format == null ? null
                : format.equals(AUTO) ? AcceptHeader.negotiate(accept) : OutputFormat.fromToken(format).orElseThrow();
        return TransformSpec.of(output, quality, width, height, fit, position);
    }

    /** A word's meaning, decoded once and ASCII-folded; anything else (a bad escape too) is {@code reason}. */
    private static <T> T word(String raw, Function<String, T> meaning, Reason reason) {
        if (raw == null) return null;
        String text = PercentCoding.decode(raw);
        T value = text == null ? null : meaning.apply(Ascii.lower(text));
        if (value == null) throw new UrlRefusedException(reason);
        return value;
    }

    /** {@code [1-9][0-9]{0,8}} decoded, then 1..max. */
    private static Integer integer(String raw, int max, Reason reason) {
        if (raw == null) return null;
        String text = PercentCoding.decode(raw);
        if (!Ascii.isPlainPositiveInteger(text, 9) || Integer.parseInt(text) > max) throw new UrlRefusedException(reason);
        return Integer.parseInt(text);
    }

    /** value x num / den, rounded half up, in exact integers; null stays null. */
    private static Integer scale(Integer value, long num, long den) {
        return value == null ? null : Math.toIntExact((2 * value * num + den) / (2 * den));
    }

    /** Up to the next allowed width; the largest when beyond them all. */
    private static int snapWidth(int width, List<Integer> allowed) {
        int above = Integer.MAX_VALUE, largest = 0;
        for (int a : allowed) {
            if (a >= width) above = Math.min(above, a);
            largest = Math.max(largest, a);
        }
        return above == Integer.MAX_VALUE ? largest : above;
    }
}
