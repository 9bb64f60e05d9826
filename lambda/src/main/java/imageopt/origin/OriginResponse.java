package imageopt.origin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the origin answers: status, headers (names as sent, in order) and body (empty for HEAD,
 * a 302, or when the body is known to be absent).
 */
public record OriginResponse(int status, Map<String, String> headers, byte[] body) {
    public OriginResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public String header(String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
