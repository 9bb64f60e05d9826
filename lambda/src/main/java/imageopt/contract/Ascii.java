package imageopt.contract;

/**
 * Text operations in ASCII only. The contract folds case in ASCII (Java's locale-aware
 * {@code toLowerCase} would turn {@code I} into a dotless i under a Turkish locale) and trims only
 * spaces and tabs; regular expressions are avoided where Java and JavaScript disagree ({@code $}
 * before a final line terminator, {@code .} and U+0085).
 */
final class Ascii {
    private Ascii() {
    }

    static String lower(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) out = new StringBuilder(s);
                out.setCharAt(i, (char) (c + 32));
            }
        }
        return out == null ? s : out.toString();
    }

    /** Without leading and trailing spaces and tabs (HTTP's optional whitespace). */
    static String trimSpacesAndTabs(String s) {
        int start = 0, end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) start++;
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) end--;
        return s.substring(start, end);
    }

    /** {@code [1-9][0-9]*} of at most {@code maxDigits} digits: a plain positive decimal integer. */
    static boolean isPlainPositiveInteger(String s, int maxDigits) {
        if (s == null || s.isEmpty() || s.length() > maxDigits || s.charAt(0) == '0') return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    /** Whether {@code s} has min..max characters, each {@code A-Z a-z 0-9 _ -} (base64url's alphabet). */
    static boolean isBase64Url(String s, int min, int max) {
        if (s.length() < min || s.length() > max) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) return false;
        }
        return true;
    }
}
