import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * First read of a function URL event and first write of a response, in a fresh JVM, with
 * jackson-jr (maps, no bean introspection) or jackson-databind (ObjectMapper). args: jr|databind event.json
 */
public final class JsonColdStart {
    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        long t0 = System.nanoTime();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", Map.of("Content-Type", "image/webp"));
        response.put("body", "AAAA");
        response.put("isBase64Encoded", true);
        String path;
        String out;
        if (args[0].equals("jr")) {
            Map<String, Object> e = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(event);
            path = (String) e.get("rawPath");
            out = com.fasterxml.jackson.jr.ob.JSON.std.asString(response);
        } else {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            Map<?, ?> e = mapper.readValue(event, Map.class);
            path = (String) e.get("rawPath");
            out = mapper.writeValueAsString(response);
        }
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s first=%.1f ms (%s, %d chars)%n", args[0], (t1 - t0) / 1e6, path, out.length());
    }
}
