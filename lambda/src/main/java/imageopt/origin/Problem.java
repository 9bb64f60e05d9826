package imageopt.origin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One error answer: its type, a one-line detail for people, and extension members (the reason
 * key of a refused key, the size and limit of an output too large...).
 */
public record Problem(ProblemType type, String detail, Map<String, Object> extensions) {
    public Problem {
        extensions = Map.copyOf(extensions);
    }

    public Problem(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    /** The application/problem+json members in RFC 9457 order, then the extensions. */
    public Map<String, Object> members(String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.uri());
        m.put("title", type.title);
        m.put("status", type.status);
        m.put("detail", detail);
        if (instance != null) {
            m.put("instance", instance);
        }
        m.putAll(new TreeMap<>(extensions));
        return m;
    }
}
