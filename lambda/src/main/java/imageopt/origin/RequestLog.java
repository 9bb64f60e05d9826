package imageopt.origin;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one structured JSON line written per request: what was asked, what came of it, how long it took. */
final class RequestLog {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    RequestLog(OriginRequest request) {
        fields.put("level", "info");
        fields.put("requestId", request.requestId());
        fields.put("method", request.method());
        fields.put("key", request.rawPath());
    }

    RequestLog put(String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
        return this;
    }

    String finish(int status, ServerTiming timing) {
        fields.put("level", status >= 500 ? "error" : status >= 400 ? "warn" : fields.containsKey("storeError") ? "warn" : "info");
        fields.put("status", status);
        fields.put("ms", timing.millis());
        return json(fields);
    }

    static String json(Map<String, Object> map) {
        try {
            return JSON.std.asString(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
