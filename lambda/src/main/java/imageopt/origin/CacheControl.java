package imageopt.origin;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a configured Cache-Control value: directives, each a token or token=value, comma-separated. */
final class CacheControl {
    private static final Pattern DIRECTIVE = Pattern.compile("[a-z-]+(=([0-9]+|\"[^\"\\\\]*\"|[A-Za-z0-9!#$%&'*+.^_`|~-]+))?");
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*(?:max-age|s-maxage)=([0-9]+)");

    private CacheControl() {}

    /** Returns the value as given, or throws naming the variable. */
    static String check(String variable, String value, long maxAgeLimit) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new ConfigException(variable + " is empty; expected a Cache-Control value such as max-age=31622400");
        }
        for (String directive : v.split(",")) {
            if (!DIRECTIVE.matcher(directive.strip()).matches()) {
                throw new ConfigException(variable + " must be a Cache-Control value such as max-age=31622400, got '"
                        + value + "' ('" + directive.strip() + "' is not a directive)");
            }
        }
        Matcher m = MAX_AGE.matcher(v);
        while (m.find()) {
            if (m.group(1).length() > 10 || Long.parseLong(m.group(1)) > maxAgeLimit) {
                throw new ConfigException(variable + " allows caching for at most " + maxAgeLimit + " seconds here, got '" + value + "'");
            }
        }
        return v;
    }
}
