package imageopt.parameters;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The non-secret settings of the URL contract, which become the CONFIG line of the edge function
 * (contract/README.md, "The function, its CONFIG line and its runtime"). The function trusts this
 * line, so everything it does not check itself is checked here.
 *
 * @param maxDimension  largest width or height a viewer may ask for, 1..16383 (libvips' limit)
 * @param allowedWidths widths a requested width snaps up to; empty: any width
 * @param defaultFormat null (keep the source's format) or "auto" (negotiate from Accept)
 * @param signing       whether every URL must carry a valid sig (keys in the KeyValueStore)
 */
public record ContractSettings(int maxDimension, List<Integer> allowedWidths, String defaultFormat, boolean signing) {

    public static final String MAX_DIMENSION = "MAX_DIMENSION";
    public static final String ALLOWED_WIDTHS = "ALLOWED_WIDTHS";
    public static final String DEFAULT_FORMAT = "DEFAULT_FORMAT";
    public static final String SIGNING = "SIGNING";

    /** TransformSpec.MAX_DIMENSION: the engine's hard limit. */
    public static final int DIMENSION_LIMIT = 16383;

    public ContractSettings {
        allowedWidths = List.copyOf(allowedWidths);
        if (maxDimension < 1 || maxDimension > DIMENSION_LIMIT) {
            throw new InvalidParameterException(MAX_DIMENSION, "must be from 1 to " + DIMENSION_LIMIT + ", got " + maxDimension);
        }
        for (int width : allowedWidths) {
            if (width < 1 || width > maxDimension) {
                throw new InvalidParameterException(ALLOWED_WIDTHS, "each width must be from 1 to MAX_DIMENSION ("
                    + maxDimension + "), got " + width);
            }
        }
        if (allowedWidths.stream().distinct().count() != allowedWidths.size()) {
            throw new InvalidParameterException(ALLOWED_WIDTHS, "lists a width twice: " + allowedWidths);
        }
        if (defaultFormat != null && !defaultFormat.equals("auto")) {
            throw new InvalidParameterException(DEFAULT_FORMAT, "must be auto or left out, got \"" + defaultFormat + "\"");
        }
    }

    public static ContractSettings defaults() {
        return new ContractSettings(4096, List.of(), null, false);
    }

    static ContractSettings read(ContextReader context) {
        int maxDimension = context.integer(MAX_DIMENSION, 4096, 1, DIMENSION_LIMIT, "pixels");
        List<Integer> widths = context.list(ALLOWED_WIDTHS).stream().map(width -> {
            if (!width.matches("[0-9]{1,5}")) {
                throw new InvalidParameterException(ALLOWED_WIDTHS, "must be whole numbers of pixels separated by commas, got \""
                    + width + "\"");
            }
            return Integer.parseInt(width);
        }).toList();
        String defaultFormat = context.string(DEFAULT_FORMAT);
        return new ContractSettings(maxDimension, widths, defaultFormat, context.bool(SIGNING, false));
    }

    /** The JSON of the CONFIG line, keys in the order the file and its tests use. */
    public String toJson() {
        String widths = allowedWidths.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        return "{\"MAX_DIMENSION\":" + maxDimension + ",\"ALLOWED_WIDTHS\":" + widths
            + ",\"DEFAULT_FORMAT\":" + (defaultFormat == null ? "null" : "\"" + defaultFormat + "\"")
            + ",\"SIGNING\":" + signing + "}";
    }
}
