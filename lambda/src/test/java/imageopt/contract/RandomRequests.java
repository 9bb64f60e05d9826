package imageopt.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random edge requests from a grammar biased toward the contract's edges: aliases and case, escapes
 * good and bad, dpr and widths at the limits, real signatures (then tampered), Accept q-values,
 * Unicode, lone surrogates and bytes that are not UTF-8. A fixed seed makes every run the same.
 */
final class RandomRequests {
    private static final long NOW = ContractVectors.DEFAULT_NOW;
    private static final Map<String, String> KEYS = Map.of("k1", "first secret", "k2", "sécret numéro 2 ✓", "rot-2026_a", "x".repeat(64));
    private static final String[][] PARAMS = {
        {"format", "f", "fm"}, {"quality", "q"}, {"width", "w"}, {"height", "h"}, {"fit"}, {"position", "gravity"}, {"dpr"},
    };
    private static final String[] FORMATS = {"auto", "auto", "auto", "jpeg", "jpg", "png", "webp", "avif", "gif", "svg", "bmp", "", "%77ebp",
        "web%20p", "auto2", "constructor", "jpeg%00", "%zz", "a%C3%A9"};
    private static final String[] FITS = {"cover", "contain", "fill", "inside", "outside", "crop", "", "COVERS", "fill%00", "toString"};
    private static final String[] POSITIONS = {"centre", "center", "top", "bottom", "left", "right", "top-left", "top-right", "bottom-left",
        "bottom-right", "attention", "entropy", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "middle", "north-east", "", "top_left", "smart", "%74op", "t%C3%B6p"};
    private static final String[] DPRS = {"1", "1.5", "2", "2.5", "3", "3.5", "4", "2.0", "02", ".5", "0", "5", "", "%32", "Infinity", "1,5", "4.5"};
    private static final String[] BAD_NUMBERS = {"0", "00", "01", "-1", "+1", "%2B1", "1.0", "1.5", "0x10", "1e3", "", "%201", "1%20",
        "99999999999", "1000000000", "999999999", "１", "abc", "100%", "%", "Infinity", "NaN", "%31%30", "1\uD800"};
    private static final String[] UNKNOWN = {"utm_source=newsletter", "v=123", "_=1700000000000", "width_px=10", "widths=3", "utm=50%off",
        "%zz=1", "w%C3%AFdth=300", "constructor=1", "__proto__=2", "ü=1", "x=%FF", "format%00=webp", "%20width=3", "foo", "=5", "123",
        "\uD800=1", "a=\uDC00", "x=%2541"};
    private static final String[] PATH_CHARS = {"a", "b", "Z", "0", "9", "-", ".", "_", "~", " ", "+", "!", "$", "&", "'", "(", ")", "*",
        ",", ";", "=", ":", "@", "\"", "<", ">", "{", "}", "|", "^", "`", "[", "]", "\\", "\t", "\u0000", "\u007f", "é", "e\u0301", "🐱",
        "\u0085", "\u00a0", "写", "\uD800", "\uDC00", "?", "#"};
    private static final String[] PATH_ESCAPES = {"%2F", "%2f", "%2B", "%2b", "%2E", "%2e", "%5C", "%5c", "%00", "%7E", "%7e", "%41",
        "%20", "%25", "%C3%A9", "%c3%a9", "%E2%82%AC", "%F0%9F%90%B1", "%ED%A0%80", "%C0%AF", "%FF", "%80", "%C2%85", "%C2%A0",
        "%F4%8F%BF%BF", "%F4%90%80%80", "%C3", "%E2%82", "%0A", "%1F", "%7F", "%3D"};
    private static final String[] GOOD_SEGMENTS = {"images", "rio", "1.jpeg", "cat.jpg", "a.png", "photos", "...", ".hidden", "..b",
        "original", "format=webp", "width=300", "my images", "caf%C3%A9.jpg", "a+b.jpg", "100%25.jpg", "%7Ea", "A.JPG"};
    private static final String[] GOOD_PATH_CHARS = {"a", "b", "Z", "0", "9", "-", ".", "_", "~", " ", "+", "!", "$", "&", "'", "(",
        ")", "*", ",", ";", "=", ":", "@", "[", "]", "é", "e\u0301", "🐱", "\u00a0", "写"};
    private static final String[] GOOD_PATH_ESCAPES = {"%2B", "%2b", "%7E", "%7e", "%41", "%20", "%25", "%C3%A9", "%c3%a9", "%E2%82%AC",
        "%F0%9F%90%B1", "%C2%A0", "%F4%8F%BF%BF", "%3D", "%2C"};
    private static final String[] BAD_ESCAPES = {"%", "%G1", "%2", "%%41", "%zz"};
    private static final String[] SEGMENTS = {"images", "rio", "1.jpeg", "cat.jpg", "a.png", "photos", ".", "..", "%2e%2e", ".%2E", "%2E",
        "...", ".hidden", "..b", "", "original", "format=webp", "width=300", "my images", "caf%C3%A9.jpg"};
    private static final String[] ACCEPT_TYPES = {"image/avif", "image/webp", "IMAGE/AVIF", "Image/Webp", "*/*", "image/*", "image/png",
        "image/avif+xml", "", " image/avif ", "\timage/webp", "image / avif", "\u0130mage/avif", "image/avif\u0085", "image/webpx",
        "text/html", "image/jxl", "image/\u212Avif"};
    private static final String[] QVALUES = {"0", "0.", "0.0", "0.000", "0.001", "0.5", "1", "1.", "1.0", "1.000", "1.0000", "1.5",
        "-1", "abc", "", " 0 ", "0\u0085", "\u00850", "0.0000", "00", "1.01", "\t0"};
    private static final String[] ACCEPT_PARAMS = {";q=%s", ";Q=%s", "; q = %s", ";level=1", ";q", ";q=%s;q=1", ";level=1;q=%s", ";qs=0"};
    private static final String[] BROWSERS = {
        "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
        "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
        "image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
        "image/webp,image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5",
        "image/png, image/svg+xml, image/*;q=0.8, */*;q=0.5", "*/*",
    };

    private final Random random;
    /** A few settings, so that the oracle loads few CONFIG lines; keys and clock vary per request. */
    private final List<EdgeConfig> settings = new ArrayList<>();

    RandomRequests(long seed) {
        random = new Random(seed);
        settings.add(EdgeConfig.DEFAULTS);
        settings.add(new EdgeConfig(4096, List.of(), null, true));
        settings.add(new EdgeConfig(4096, List.of(160, 320, 640, 1280), null, false));
        settings.add(new EdgeConfig(4096, List.of(), "auto", false));
        while (settings.size() < 24) settings.add(randomSettings());
    }

    List<EdgeRequest> next(int count) {
        List<EdgeRequest> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) out.add(next());
        return out;
    }

    EdgeRequest next() {
        EdgeConfig config = chance(0.4) ? settings.get(random.nextInt(4)) : pick(settings);
        Map<String, String> keys = keys(config);
        long now = chance(0.7) ? NOW : NOW + random.nextInt(2000) - 1000;
        String path = path();
        List<String> pairs = pairs(config);
        String rawQuery;
        if (config.signing() && keys != null && chance(0.75)) {
            rawQuery = signedQuery(path, pairs, keys, now);
            if (chance(0.1)) path = tamper(path);
        } else {
            if (chance(config.signing() ? 0.6 : 0.05)) pairs.add(random.nextInt(pairs.size() + 1), "sig=" + badSignature());
            rawQuery = pairs.isEmpty() && chance(0.4) ? (chance(0.5) ? null : "") : String.join("&", pairs);
        }
        return new EdgeRequest(path, rawQuery, accept(), config, keys, now);
    }

    private EdgeConfig randomSettings() {
        int max = pick(new int[] {4096, 100, 2000, 16383, 1, 1 + random.nextInt(16383)});
        List<Integer> widths = new ArrayList<>();
        if (chance(0.5)) {
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                widths.add(chance(0.5) ? pick(new int[] {160, 320, 640, 1280, 1, max}) : 1 + random.nextInt(Math.min(16383, max + 200)));
            }
        }
        return new EdgeConfig(max, widths, chance(0.3) ? "auto" : null, chance(0.4));
    }

    private Map<String, String> keys(EdgeConfig config) {
        double r = random.nextDouble();
        if (r < (config.signing() ? 0.04 : 0.5)) return null;
        if (r < 0.08) return Map.of();
        if (r < 0.12) return Map.of("k1", "first secret", "k3", "");
        return KEYS;
    }

    // ---- paths

    /** Two in three paths are valid, so that most requests reach the parameters. */
    private String path() {
        double r = random.nextDouble();
        if (r < 0.02) return pick(new String[] {"", "a.jpg", "%2Fa.jpg", "images/a.jpg", " /a.jpg"});
        if (r < 0.04) return longPath();
        boolean hostile = r > 0.7;
        StringBuilder path = new StringBuilder();
        for (int n = 1 + random.nextInt(chance(0.7) ? 2 : 5); n > 0; n--) path.append('/').append(hostile ? segment() : goodSegment());
        if (hostile && chance(0.05)) path.append('/');
        return path.toString();
    }

    private String goodSegment() {
        if (chance(0.4)) return pick(GOOD_SEGMENTS);
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(8); n > 0; n--) s.append(chance(0.7) ? pick(GOOD_PATH_CHARS) : pick(GOOD_PATH_ESCAPES));
        return s.append(chance(0.5) ? ".jpg" : "").toString();
    }

    private String segment() {
        if (chance(0.35)) return pick(SEGMENTS);
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            double r = random.nextDouble();
            if (r < 0.55) s.append(pick(PATH_CHARS));
            else if (r < 0.9) s.append(pick(PATH_ESCAPES));
            else if (r < 0.93) s.append(pick(BAD_ESCAPES));
            else s.append(escapeByte(random.nextInt(256)));
        }
        return s.append(chance(0.5) ? ".jpg" : "").toString();
    }

    /** Near the 896-byte limit, in one-, two- and three-byte characters, raw or escaped. */
    private String longPath() {
        String unit = pick(new String[] {"a", "%61", "é", "%C3%A9", "%E2%82%AC", "€", "+"});
        int bytes = unit.startsWith("%") ? unit.length() / 3 : unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int target = 880 + random.nextInt(30);
        return "/" + unit.repeat(target / bytes) + "a".repeat(random.nextInt(3));
    }

    private String tamper(String path) {
        return chance(0.5) ? path + "x" : path.replace('a', 'b');
    }

    // ---- queries

    private List<String> pairs(EdgeConfig config) {
        List<String> pairs = new ArrayList<>();
        List<String[]> params = new ArrayList<>(List.of(PARAMS));
        java.util.Collections.shuffle(params, random);
        for (String[] names : params.subList(0, random.nextInt(chance(0.2) ? PARAMS.length + 1 : 4))) {
            pairs.add(name(pick(names)) + (chance(0.03) ? "" : "=" + value(names[0], config)));
        }
        if (chance(0.06)) { // the same parameter again, perhaps under an alias
            String[] names = PARAMS[random.nextInt(PARAMS.length)];
            pairs.add(name(pick(names)) + "=" + value(names[0], config));
        }
        for (int n = chance(0.3) ? 1 + random.nextInt(3) : 0; n > 0; n--) pairs.add(random.nextInt(pairs.size() + 1), pick(UNKNOWN));
        if (chance(0.05)) pairs.add(random.nextInt(pairs.size() + 1), "");
        if (chance(0.05)) pairs.add(random.nextInt(pairs.size() + 1), name("exp") + "=" + exp());
        return pairs;
    }

    /** A name in random case, sometimes with one letter escaped. */
    private String name(String name) {
        StringBuilder s = new StringBuilder();
        boolean escaped = false;
        for (char c : name.toCharArray()) {
            if (!escaped && chance(0.05)) {
                s.append(escapeByte(c));
                escaped = true;
            } else {
                s.append(chance(0.15) ? Character.toUpperCase(c) : c);
            }
        }
        return s.toString();
    }

    private String value(String param, EdgeConfig config) {
        String v = switch (param) {
            case "format" -> mostlyValid(FORMATS, 9);
            case "quality" -> chance(0.8) ? String.valueOf(1 + random.nextInt(100)) : chance(0.3) ? pick(new String[] {"100", "101", "050"}) : pick(BAD_NUMBERS);
            case "width", "height" -> dimension(config.maxDimension());
            case "fit" -> mostlyValid(FITS, 5);
            case "position" -> mostlyValid(POSITIONS, 20);
            default -> mostlyValid(DPRS, 7);
        };
        if (chance(0.12)) v = randomCase(v);
        if (chance(0.04) && !v.isEmpty()) v = escapeByte(v.charAt(0)) + v.substring(1);
        return v;
    }

    /** The first {@code valid} options are valid: four in five picks are among them. */
    private String mostlyValid(String[] options, int valid) {
        return chance(0.8) ? options[random.nextInt(valid)] : pick(options);
    }

    private String dimension(int max) {
        double r = random.nextDouble();
        if (r < 0.6) return String.valueOf(1 + random.nextInt(Math.min(max, 2000)));
        if (r < 0.85) return String.valueOf(pick(new int[] {1, 2, 3, max, max + 1, max / 2, max / 4 + 1, (int) Math.ceil(max / 1.5), max / 3}));
        if (r < 0.92) return String.valueOf(1 + random.nextInt(20000));
        return pick(BAD_NUMBERS);
    }

    private String exp() {
        return chance(0.75) ? String.valueOf(NOW + pick(new int[] {-100, -1, 0, 1, 100, 86400, random.nextInt(4000) - 2000}))
                : pick(new String[] {"0" + NOW, "soon", "", "10000000000", "-1", "1e9", "%31" + (NOW % 1_000_000_000L), "0"});
    }

    /** A query signed with a real key, sometimes with exp, sometimes tampered with afterwards. */
    private String signedQuery(String path, List<String> pairs, Map<String, String> keys, long now) {
        if (chance(0.35)) pairs.add(random.nextInt(pairs.size() + 1), name("exp") + "=" + exp());
        if (chance(0.03)) pairs.add(name("exp") + "=" + (now + 50));
        String query = String.join("&", pairs);
        String keyId = pick(keys.keySet().isEmpty() ? new String[] {"k1"} : keys.keySet().stream().sorted().toArray(String[]::new));
        String secret = keys.getOrDefault(keyId, "");
        if (chance(0.05) || secret.isEmpty()) secret = "not the secret";
        String sig = UrlSigner.signature(path, query, chance(0.03) ? "k9" : keyId, secret);
        double r = random.nextDouble();
        if (r < 0.04) sig = sig.replace(".", "%2E");
        else if (r < 0.08) sig = (keyId.equals("k1") ? "k2" : "k1") + sig.substring(sig.indexOf('.'));
        else if (r < 0.12) sig = sig.substring(0, sig.length() - 1) + (sig.endsWith("A") ? "B" : "A");
        String sigPair = (chance(0.05) ? "SIG" : "sig") + "=" + sig;
        List<String> sent = new ArrayList<>(pairs);
        sent.add(chance(0.8) ? sent.size() : random.nextInt(sent.size() + 1), sigPair);
        if (chance(0.03)) sent.add("sig=" + sig);
        if (chance(0.04)) sent.add(pick(UNKNOWN));
        return String.join("&", sent);
    }

    private String badSignature() {
        String mac = randomBase64Url(43);
        return pick(new String[] {"", "k1.garbage", "k9." + mac, "k1." + mac.substring(1), "." + mac, "k1." + mac + "=",
            "constructor." + mac, "k1" + mac, "k%201." + mac, "k".repeat(65) + "." + mac, "k1." + mac, "k1.%zz"});
    }

    // ---- Accept

    private String accept() {
        double r = random.nextDouble();
        if (r < 0.15) return null;
        if (r < 0.35) return pick(BROWSERS);
        List<String> entries = new ArrayList<>();
        for (int n = random.nextInt(5); n > 0; n--) {
            StringBuilder e = new StringBuilder(pick(ACCEPT_TYPES));
            for (int p = chance(0.6) ? 1 + random.nextInt(2) : 0; p > 0; p--) e.append(pick(ACCEPT_PARAMS).replace("%s", pick(QVALUES)));
            entries.add(e.toString());
        }
        return String.join(chance(0.7) ? "," : ", ", entries);
    }

    // ---- small helpers

    private String escapeByte(int b) {
        String hex = String.format("%02X", b & 0xFF);
        return "%" + (chance(0.3) ? hex.toLowerCase(java.util.Locale.ROOT) : hex);
    }

    private String randomCase(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) out.append(chance(0.5) ? Character.toUpperCase(c) : c);
        return out.toString();
    }

    private String randomBase64Url(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(64)));
        return s.toString();
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }

    /** How often each outcome came up, for the test's report. */
    static Map<String, Integer> tally(List<String> outcomes) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String o : outcomes) counts.merge(o.startsWith("uri ") ? "rewrite" : o, 1, Integer::sum);
        return counts;
    }
}
