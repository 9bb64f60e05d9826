package imageopt.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import imageopt.origin.OriginConfig;
import imageopt.origin.S3Origin;
import imageopt.store.LocalS3;
import imageopt.transform.EncoderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The function as Lambda runs it, on a real S3 API: the handler built from environment
 * variables (S3_ENDPOINT pointing at S3Proxy on loopback), driven with function URL event JSON.
 */
final class Harness implements AutoCloseable {
    static final String ORIGINALS = "originals";
    static final String VARIANTS = "variants";

    final LocalS3 s3;
    final S3Origin origin;
    final FunctionUrlHandler handler;
    final List<String> logs = Collections.synchronizedList(new ArrayList<>());

    private Harness(LocalS3 s3, Map<String, String> overrides) {
        this.s3 = s3;
        Map<String, String> env = new HashMap<>(Map.of(
                "S3_IMAGE_BUCKET_NAME", ORIGINALS,
                "S3_TRANSFORMED_IMAGE_BUCKET_NAME", VARIANTS,
                "S3_ENDPOINT", s3.endpoint().toString(),
                "AWS_REGION", "us-east-1"));
        overrides.forEach((k, v) -> {
            if (v == null) env.remove(k); else env.put(k, v);
        });
        this.origin = S3Origin.create(OriginConfig.fromEnvironment(env), LocalS3.CREDENTIALS, EncoderSettings.fast(), logs::add);
        this.handler = new FunctionUrlHandler(origin, false);
    }

    /** A harness on an S3 of its own, with both buckets. */
    static Harness start(Map<String, String> overrides) {
        LocalS3 s3 = LocalS3.start();
        s3.createBucket(ORIGINALS);
        s3.createBucket(VARIANTS);
        return new Harness(s3, overrides);
    }

    /** Another function configuration on the same S3. */
    Harness with(Map<String, String> overrides) {
        return new Harness(s3, overrides);
    }

    Response get(String rawPath) {
        return send(event("GET", rawPath, Map.of()));
    }

    Response head(String rawPath) {
        return send(event("HEAD", rawPath, Map.of()));
    }

    Response send(String eventJson) {
        try {
            Map<String, Object> r = JSON.std.mapFrom(handler.handle(eventJson));
            @SuppressWarnings("unchecked")
            Map<String, String> headers = (Map<String, String>) r.get("headers");
            String body = (String) r.get("body");
            byte[] bytes = Boolean.TRUE.equals(r.get("isBase64Encoded")) ? Base64.getDecoder().decode(body) : body.getBytes();
            return new Response(((Number) r.get("statusCode")).intValue(), headers, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CloudFront fixture event with another method, path and extra headers. */
    @SuppressWarnings("unchecked")
    static String event(String method, String rawPath, Map<String, String> extraHeaders) {
        try {
            Map<String, Object> event = JSON.std.mapFrom(fixture("cloudfront-get.json"));
            event.put("rawPath", rawPath);
            Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
            http.put("method", method);
            http.put("path", rawPath);
            ((Map<String, Object>) event.get("headers")).putAll(extraHeaders);
            return JSON.std.asString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = Harness.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String lastLog() {
        return logs.getLast();
    }

    @Override
    public void close() {
        origin.close();
    }

    /** Closes the origin and the S3 server. */
    void closeAll() {
        close();
        s3.close();
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        Map<String, Object> problem() {
            try {
                return JSON.std.mapFrom(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
