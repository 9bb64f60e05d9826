package imageopt.contract;

import imageopt.transform.TransformSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The edge's non-secret settings, the {@code CONFIG} line of url-rewrite.js, under the same names.
 *
 * @param maxDimension  MAX_DIMENSION: the largest width or height, after dpr and snapping (1..16383)
 * @param allowedWidths ALLOWED_WIDTHS: widths snap up to one of these, any order; empty allows any
 *                      width. One over maxDimension makes every width snapping to it a too-large
 *                      (the vectors pin that), so deployments refuse it ({@link #fromSettings}).
 * @param defaultFormat DEFAULT_FORMAT: null (keep the source's format) or {@code "auto"}
 * @param signing       SIGNING: whether every URL needs a valid {@code sig}
 */
public record EdgeConfig(int maxDimension, List<Integer> allowedWidths, String defaultFormat, boolean signing) {
    public static final EdgeConfig DEFAULTS = new EdgeConfig(4096, List.of(), null, false);

    public EdgeConfig {
        if (maxDimension < 1 || maxDimension > TransformSpec.MAX_DIMENSION) {
            throw new IllegalArgumentException("MAX_DIMENSION must be 1.." + TransformSpec.MAX_DIMENSION + ", got " + maxDimension);
        }
        allowedWidths = List.copyOf(allowedWidths);
        for (int w : allowedWidths) {
            if (w < 1 || w > TransformSpec.MAX_DIMENSION) {
                throw new IllegalArgumentException("ALLOWED_WIDTHS must hold widths in 1.." + TransformSpec.MAX_DIMENSION + ", got " + w);
            }
        }
        if (defaultFormat != null && !defaultFormat.equals("auto")) {
            throw new IllegalArgumentException("DEFAULT_FORMAT must be unset or auto, got '" + defaultFormat + "'");
        }
    }

    /** Whether a URL without a format gets {@code format=auto} (Image Flex's behaviour). */
    public boolean negotiatesByDefault() {
        return "auto".equals(defaultFormat);
    }

    /**
     * The settings of a deployment, by name (environment variables, flags): MAX_DIMENSION (default
     * 4096), ALLOWED_WIDTHS (comma-separated, each at most MAX_DIMENSION; default none),
     * DEFAULT_FORMAT ({@code auto} or unset), SIGNING ({@code true} or {@code false}, default false).
     * An absent or empty setting takes its default; a bad one is refused with a message naming it.
     */
    public static EdgeConfig fromSettings(Function<String, String> settings) {
        int max = setting(settings, "MAX_DIMENSION") == null ? DEFAULTS.maxDimension
                : parse("MAX_DIMENSION", setting(settings, "MAX_DIMENSION"), TransformSpec.MAX_DIMENSION);
        List<Integer> widths = new ArrayList<>();
        String list = setting(settings, "ALLOWED_WIDTHS");
        if (list != null) {
            for (String w : list.split(",", -1)) widths.add(parse("ALLOWED_WIDTHS", w.trim(), max));
        }
        String format = setting(settings, "DEFAULT_FORMAT");
        if (format != null && !format.equals("auto")) {
            throw new IllegalArgumentException("DEFAULT_FORMAT must be auto or unset, got '" + format + "'");
        }
        String signing = setting(settings, "SIGNING");
        if (signing != null && !signing.equals("true") && !signing.equals("false")) {
            throw new IllegalArgumentException("SIGNING must be true or false, got '" + signing + "'");
        }
        return new EdgeConfig(max, widths, format, "true".equals(signing));
    }

    private static String setting(Function<String, String> settings, String name) {
        String value = settings.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int parse(String name, String value, int max) {
        if (!Ascii.isPlainPositiveInteger(value, 5) || Integer.parseInt(value) > max) {
            throw new IllegalArgumentException(name + " must be integers in 1.." + max + ", got '" + value + "'");
        }
        return Integer.parseInt(value);
    }
}
