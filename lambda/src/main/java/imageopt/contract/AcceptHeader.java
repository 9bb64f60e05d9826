package imageopt.contract;

import imageopt.transform.OutputFormat;

/** {@code format=auto}: the best format an Accept header admits (contract/README.md, "Format and Accept"). */
final class AcceptHeader {
    private AcceptHeader() {
    }

    /** AVIF if acceptable, else WebP, else JPEG; the wildcard ranges do not count (old browsers send them too). */
    static OutputFormat negotiate(String accept) {
        String header = accept == null ? "" : accept;
        if (accepts(header, "image/avif")) return OutputFormat.AVIF;
        if (accepts(header, "image/webp")) return OutputFormat.WEBP;
        return OutputFormat.JPEG;
    }

    /** Listed with q > 0 and nowhere with q = 0 (a refusal wins); a malformed q counts for nothing. */
    static boolean accepts(String header, String type) {
        boolean offered = false, refused = false;
        for (String range : header.split(",", -1)) {
            String[] params = range.split(";", -1);
            if (!Ascii.lower(Ascii.trimSpacesAndTabs(params[0])).equals(type)) continue;
            int weight = weight(params);
            refused |= weight == 0;
            offered |= weight > 0;
        }
        return offered && !refused;
    }

    /** The first {@code q} parameter: 1 when absent, 0 when zero, -1 when not an RFC 9110 qvalue. */
    private static int weight(String[] params) {
        String value = "1";
        for (int i = 1; i < params.length; i++) {
            int eq = qualityEquals(params[i]);
            if (eq >= 0) {
                value = Ascii.trimSpacesAndTabs(params[i].substring(eq + 1));
                break;
            }
        }
        if (!isQvalue(value)) return -1;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '0' && value.charAt(i) != '.') return 1;
        }
        return 0;
    }

    /** The index of the {@code =} of {@code [ \t]*q[ \t]*=} (any case), or -1. */
    private static int qualityEquals(String param) {
        int i = 0;
        while (i < param.length() && (param.charAt(i) == ' ' || param.charAt(i) == '\t')) i++;
        if (i >= param.length() || (param.charAt(i) != 'q' && param.charAt(i) != 'Q')) return -1;
        i++;
        while (i < param.length() && (param.charAt(i) == ' ' || param.charAt(i) == '\t')) i++;
        return i < param.length() && param.charAt(i) == '=' ? i : -1;
    }

    /** RFC 9110: {@code 0}, {@code 0.} to {@code 0.ddd}, {@code 1}, {@code 1.} to {@code 1.000}. */
    private static boolean isQvalue(String v) {
        if (v.isEmpty() || (v.charAt(0) != '0' && v.charAt(0) != '1')) return false;
        if (v.length() == 1) return true;
        if (v.charAt(1) != '.' || v.length() > 5) return false;
        for (int i = 2; i < v.length(); i++) {
            char c = v.charAt(i);
            if (v.charAt(0) == '1' ? c != '0' : c < '0' || c > '9') return false;
        }
        return true;
    }
}
