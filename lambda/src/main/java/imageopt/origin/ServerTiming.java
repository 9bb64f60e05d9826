package imageopt.origin;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time of the named phases of one request, for the Server-Timing header and the log line. */
final class ServerTiming {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    <T> T time(String phase, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            nanos.merge(phase, System.nanoTime() - start, Long::sum);
        }
    }

    /** {@code download;dur=12.3, transform;dur=45.6}: milliseconds with one decimal. */
    String header() {
        StringBuilder b = new StringBuilder();
        nanos.forEach((phase, n) -> {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(phase).append(";dur=").append(String.format(Locale.ROOT, "%.1f", n / 1e6));
        });
        return b.toString();
    }

    Map<String, Object> millis() {
        Map<String, Object> m = new LinkedHashMap<>();
        nanos.forEach((phase, n) -> m.put(phase, Math.round(n / 1e5) / 10.0));
        return m;
    }
}
