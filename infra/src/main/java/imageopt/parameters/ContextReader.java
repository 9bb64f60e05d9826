package imageopt.parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed reads of `-c NAME=value` context entries, each refusing a bad value with a message that
 * names the entry. The CLI hands `-c` values over as strings, cdk.json may hold booleans, numbers
 * and lists: both are accepted. Remembers what it was asked for, so that a misspelt name
 * (`-c LAMBDA_MEMROY=2048`) is refused instead of silently ignored.
 */
final class ContextReader {

    /** What our parameters look like; CDK's own context keys ("@aws-cdk/...", "aws:cdk:...") do not. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final Map<String, ?> context;
    private final Set<String> known = new LinkedHashSet<>();

    ContextReader(Map<String, ?> context) {
        this.context = context;
    }

    /** The trimmed value, or null when absent or empty. */
    String string(String name) {
        known.add(name);
        Object value = context.get(name);
        if (value == null) return null;
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?>) throw new InvalidParameterException(name, "must be a single value, got an object");
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? null : text;
    }

    String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    boolean bool(String name, boolean fallback) {
        String value = string(name);
        if (value == null) return fallback;
        return switch (value.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidParameterException(name, "must be true or false, got \"" + value + "\"");
        };
    }

    int integer(String name, int fallback, int min, int max, String unit) {
        String value = string(name);
        if (value == null) return fallback;
        // Plain decimal digits only: "1e3", "0x10", "+5" and "12.0" are refused, not reinterpreted.
        if (!value.matches("[0-9]{1,10}")) {
            throw new InvalidParameterException(name, "must be a whole number of " + unit + " from " + min + " to " + max
                + ", got \"" + value + "\"");
        }
        long number = Long.parseLong(value);
        if (number < min || number > max) {
            throw new InvalidParameterException(name, "must be from " + min + " to " + max + " " + unit + ", got " + number);
        }
        return (int) number;
    }

    String oneOf(String name, String fallback, String... allowed) {
        String value = string(name);
        if (value == null) return fallback;
        for (String candidate : allowed) {
            if (candidate.equals(value)) return candidate;
        }
        throw new InvalidParameterException(name, "must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"");
    }

    /** A comma-separated list (or a JSON list in cdk.json), empty entries refused. */
    List<String> list(String name) {
        String value = string(name);
        if (value == null) return List.of();
        List<String> items = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) throw new InvalidParameterException(name, "has an empty entry in \"" + value + "\"");
            items.add(trimmed);
        }
        return items;
    }

    /** Refuses any parameter-like context name that nothing asked for. */
    void refuseUnknown(String... alsoKnown) {
        known.addAll(Arrays.asList(alsoKnown));
        Set<String> unknown = new TreeSet<>();
        for (String name : context.keySet()) {
            if (PARAMETER_NAME.matcher(name).matches() && !known.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty()) {
            List<String> names = new ArrayList<>(unknown);
            String others = names.size() > 1 ? " (nor are " + String.join(", ", names.subList(1, names.size())) + ")" : "";
            throw new InvalidParameterException(names.getFirst(), "is not a parameter of this stack" + others
                + "; the parameters are " + String.join(", ", new TreeSet<>(known)));
        }
    }
}
