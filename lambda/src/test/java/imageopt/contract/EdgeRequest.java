package imageopt.contract;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One input of the differential test, as the oracle reads it:
 * {@code {"path","rawQuery","accept","config"}} with the config of contract/url-vectors.json.
 *
 * @param keys the KeyValueStore's content; null when none is associated
 */
record EdgeRequest(String path, String rawQuery, String accept, EdgeConfig settings, Map<String, String> keys, long now) {
    UrlContract contract() {
        return new UrlContract(settings, keys == null ? SigningKeys.NONE : SigningKeys.of(keys),
                Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
    }

    /** One line of ASCII JSON: everything else as {@code \\uXXXX}, so lone surrogates reach node intact. */
    String toJsonLine() {
        StringBuilder config = new StringBuilder("{\"MAX_DIMENSION\":").append(settings.maxDimension())
                .append(",\"ALLOWED_WIDTHS\":").append(settings.allowedWidths().stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")))
                .append(",\"DEFAULT_FORMAT\":").append(string(settings.defaultFormat()))
                .append(",\"SIGNING\":").append(settings.signing());
        if (keys != null) {
            config.append(",\"SIGNING_KEYS\":").append(keys.entrySet().stream()
                    .map(e -> string(e.getKey()) + ":" + string(e.getValue())).collect(Collectors.joining(",", "{", "}")));
        }
        config.append(",\"NOW\":").append(now).append('}');
        return "{\"path\":" + string(path) + ",\"rawQuery\":" + string(rawQuery) + ",\"accept\":" + string(accept)
                + ",\"config\":" + config + "}";
    }

    static String string(String s) {
        if (s == null) return "null";
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20 || c > 0x7E) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }
}
