package imageopt.vips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every enum number the binding uses is read back from the pinned libvips headers. */
class VipsEnumsHeaderTest {
    private static final Pattern ENUM_BLOCK = Pattern.compile("typedef\\s+enum\\s*(?:/\\*.*?\\*/\\s*)?\\{(.*?)\\}\\s*(\\w+)\\s*;", Pattern.DOTALL);
    private static final Map<String, Long> HEADER_VALUES = new HashMap<>();

    @BeforeAll
    static void readHeaders() throws IOException {
        Path dir = Path.of(System.getProperty("imageopt.libvips.headers"), "vips");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".h")).toList()) {
                String text = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "");
                Matcher m = ENUM_BLOCK.matcher(text);
                while (m.find()) {
                    long next = 0;
                    for (String item : m.group(1).split(",")) {
                        String entry = item.replaceAll("VIPS_DEPRECATED_ENUMERATOR_FOR\\([^)]*\\)", "").strip();
                        if (entry.isEmpty() || entry.startsWith("#")) continue;
                        String[] parts = entry.split("=", 2);
                        String name = parts[0].strip();
                        long value = parts.length == 2 ? evaluate(parts[1].strip()) : next;
                        HEADER_VALUES.put(name, value);
                        next = value + 1;
                    }
                }
            }
        }
        assertTrue(HEADER_VALUES.size() > 200, "parsed " + HEADER_VALUES.size() + " enumerators from " + dir);
    }

    // The headers' initialisers: decimal, hex, shifts, and ORs of earlier names.
    private static long evaluate(String expr) {
        String e = expr.replace("(", "").replace(")", "").strip();
        if (e.contains("|")) {
            long v = 0;
            for (String part : e.split("\\|")) v |= evaluate(part);
            return v;
        }
        if (e.contains("<<")) {
            String[] p = e.split("<<");
            return evaluate(p[0]) << evaluate(p[1]);
        }
        if (e.startsWith("0x") || e.startsWith("0X")) return Long.parseLong(e.substring(2), 16);
        if (e.matches("-?\\d+")) return Long.parseLong(e);
        Long known = HEADER_VALUES.get(e);
        if (known == null) throw new IllegalStateException("cannot evaluate '" + expr + "'");
        return known;
    }

    @Test
    void everyConstantMatchesTheHeaders() {
        int checked = 0;
        for (Class<?> nested : VipsEnums.class.getDeclaredClasses()) {
            for (Object constant : nested.getEnumConstants()) {
                VipsEnum e = (VipsEnum) constant;
                Long expected = HEADER_VALUES.get(e.cName());
                assertTrue(expected != null, e.cName() + " is not in the headers");
                assertEquals(expected.longValue(), e.value(), e.cName());
                checked++;
            }
        }
        assertTrue(checked > 60, "checked " + checked);
    }

    @Test
    void everyEnumTypeIsRegisteredWithGObject() {
        for (Class<?> nested : VipsEnums.class.getDeclaredClasses()) {
            VipsEnum first = (VipsEnum) nested.getEnumConstants()[0];
            assertNotEquals(0L, Vips.gtype(first.typeName()), first.typeName());
        }
    }

    @Test
    void refusesLibvipsOutsideThePinnedSeries() {
        assertEquals(Vips.REQUIRED_MAJOR + "." + Vips.REQUIRED_MINOR, Vips.version().substring(0, Vips.version().lastIndexOf('.')));
        assertEquals("8.18.7", Vips.version());
    }
}
