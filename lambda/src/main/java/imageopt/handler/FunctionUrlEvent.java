package imageopt.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import imageopt.origin.OriginRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a function URL event (payload format 2.0) the origin reads: method, raw path and
 * headers (lower-case names, repeated values comma-joined by Lambda). Read with jackson-jr into
 * plain maps: no bean introspection, no reflection on the cold path.
 */
record FunctionUrlEvent(String method, String rawPath, Map<String, String> headers, String requestId) {
    static FunctionUrlEvent parse(InputStream json) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(json);
        Map<?, ?> context = map(event.get("requestContext"));
        Map<?, ?> http = map(context.get("http"));
        Map<String, String> headers = new HashMap<>();
        map(event.get("headers")).forEach((k, v) -> {
            if (k instanceof String name && v instanceof String value) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        return new FunctionUrlEvent(string(http.get("method")), string(event.get("rawPath")), headers, string(context.get("requestId")));
    }

    OriginRequest toOriginRequest() {
        return new OriginRequest(method == null ? "" : method, rawPath, Optional.ofNullable(headers.get(OriginRequest.VIEWER_URL_HEADER)), requestId);
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
