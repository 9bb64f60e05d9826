package imageopt.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code &}-separated piece of the raw query string.
 *
 * @param raw   the piece byte for byte as sent: signatures are computed over it
 * @param name  the name decoded once and ASCII-folded; empty when it does not decode
 * @param value the value as sent (still percent-encoded); empty without {@code =}
 */
record QueryPair(String raw, String name, String value) {
    /** Every piece of the query, empty ones included (they count in a signed text); null is no query. */
    static List<QueryPair> parse(String rawQuery) {
        List<QueryPair> pairs = new ArrayList<>();
        for (String raw : (rawQuery == null ? "" : rawQuery).split("&", -1)) {
            int eq = raw.indexOf('=');
            String name = PercentCoding.decode(eq < 0 ? raw : raw.substring(0, eq));
            pairs.add(new QueryPair(raw, name == null ? "" : Ascii.lower(name), eq < 0 ? "" : raw.substring(eq + 1)));
        }
        return pairs;
    }
}
