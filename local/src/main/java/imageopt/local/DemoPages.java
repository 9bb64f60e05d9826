package imageopt.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The pages the local edge serves itself: the demo at {@code /} and the list of originals it
 * shows at {@code /_demo/samples.json}. Neither is an image URL: {@code /} alone is refused by the
 * URL contract (an empty segment), and {@code /_demo/} is taken from the image namespace here only.
 * With signing on, both need a signed URL as images do: the list names every original.
 */
final class DemoPages implements EdgeServer.Pages {
    static final String SAMPLES_JSON = "/_demo/samples.json";
    private static final int MAX_LISTED = 200;

    private final byte[] html;
    private final S3Client s3;
    private final String originals;
    private final Guard guard;

    /** With signing on, what a page's URL must pass: the contract's signature check (a page lists originals' names). */
    interface Guard {
        /** @return the refusal, or null when the URL may be served */
        Edge.Rewrite.Refused check(String rawPath, String rawQuery);
    }

    DemoPages(S3Client s3, String originals, Guard guard) {
        this.s3 = s3;
        this.originals = originals;
        this.guard = guard;
        try (InputStream in = DemoPages.class.getResourceAsStream("demo.html")) {
            if (in == null) throw new IllegalStateException("demo.html is missing from the jar");
            html = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Edge.Answer page(String rawPath, String rawQuery) {
        boolean page = rawPath.equals("/") || rawPath.equals("/index.html") || rawPath.equals(SAMPLES_JSON);
        Edge.Rewrite.Refused refused = page ? guard.check(rawPath, rawQuery) : null;
        if (refused != null) {
            return EdgeServer.refusal(refused);
        }
        if (rawPath.equals("/") || rawPath.equals("/index.html")) {
            return new Edge.Answer(200, Map.of("content-type", "text/html; charset=utf-8", "cache-control", "no-cache"), html);
        }
        if (rawPath.equals(SAMPLES_JSON)) {
            return new Edge.Answer(200, Map.of("content-type", "application/json", "cache-control", "no-store"),
                    json(keys()).getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** The originals' keys, samples first, at most {@value #MAX_LISTED}. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(originals).maxKeys(MAX_LISTED))) {
            for (S3Object o : page.contents()) {
                if (keys.size() == MAX_LISTED) break;
                if (!o.key().startsWith("_imageopt/")) keys.add(o.key());
            }
            if (keys.size() == MAX_LISTED) break;
        }
        keys.sort((a, b) -> Boolean.compare(!a.startsWith(LocalEdge.SAMPLES_PREFIX), !b.startsWith(LocalEdge.SAMPLES_PREFIX)));
        return keys;
    }

    static String json(List<String> keys) {
        StringBuilder b = new StringBuilder("{\"originals\":[");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) b.append(',');
            b.append('"');
            for (char c : keys.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    default -> {
                        if (c < 0x20 || c == '<' || c == '>' || c == '&') b.append(String.format("\\u%04x", (int) c));
                        else b.append(c);
                    }
                }
            }
            b.append('"');
        }
        return b.append("]}").toString();
    }
}
