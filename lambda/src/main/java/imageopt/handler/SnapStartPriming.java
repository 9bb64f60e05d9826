package imageopt.handler;

import imageopt.origin.ImageOrigin;
import imageopt.origin.OriginRequest;
import imageopt.origin.OriginResponse;
import imageopt.origin.S3Origin;
import imageopt.store.S3Clients;
import imageopt.store.S3OriginalStore;
import imageopt.store.S3VariantStore;
import imageopt.transform.OutputFormat;
import imageopt.vips.Vips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs before SnapStart takes its snapshot, so a restored function starts with what the first
 * request would otherwise pay for: libvips loaded and initialised, and whole requests rehearsed
 * through the real handler, origin, engine and SDK: the event JSON read, the original fetched,
 * one tiny transform per output format and one /original, the variant written, the answer
 * written. The S3 calls of the rehearsal go to {@link CannedS3}, a throwaway client that never
 * touches the network; the real client is built and its endpoint rules run, nothing more.
 *
 * <p>Nothing time- or identity-dependent is captured: no connection is opened, no credentials
 * are resolved (after a restore they come from the container endpoint), and the rehearsal's
 * client and origin are dropped.
 */
public final class SnapStartPriming implements Resource {
    private final S3Origin s3Origin;
    private volatile Map<OutputFormat, Integer> primed = Map.of();

    SnapStartPriming(S3Origin s3Origin) {
        this.s3Origin = s3Origin;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: credentials are resolved per request, connections opened on demand
    }

    /** Runs the rehearsal; returns the bytes each output format produced. */
    public Map<OutputFormat, Integer> prime() {
        Vips.start();
        ImageOrigin real = s3Origin.origin();
        Map<String, byte[]> originals = Map.of("priming.png", resource("priming.png"), "priming.jpg", resource("priming.jpg"));
        String region = s3Origin.s3().serviceClientConfiguration().region().id();
        Map<OutputFormat, Integer> sizes = new EnumMap<>(OutputFormat.class);
        // constant made-up keys, so that requests are signed (SigV4 is on the real path) without any identity
        var madeUp = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPRIMINGPRIMING00", "priming"));
        try (S3Client offline = S3Clients.create(region, Optional.empty(), madeUp, new CannedS3(originals))) {
            ImageOrigin rehearsal = new ImageOrigin(new S3OriginalStore(offline, "priming"), Optional.of(new S3VariantStore(offline, "priming")),
                    real.engine(), real.settings(), line -> { });
            for (OutputFormat format : OutputFormat.values()) {
                OriginResponse r = serve(rehearsal, "/priming.png/format=" + format.token() + ",width=8");
                if (r.status() != 200) {
                    throw new IllegalStateException("priming " + format + " answered " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                }
                sizes.put(format, r.body().length);
            }
            serve(rehearsal, "/priming.jpg/original");
            serve(rehearsal, "/priming.jpg/format=webp,width=8,height=8");
            serve(rehearsal, "/missing.jpg/original"); // the problem path
        }
        s3Origin.s3().utilities().getUrl(b -> b.bucket("priming").key("priming.png/original")); // the real client's endpoint rules
        primed = Collections.unmodifiableMap(sizes);
        return primed;
    }

    /** What the last priming produced, by output format; empty before it ran. */
    public Map<OutputFormat, Integer> primed() {
        return primed;
    }

    /** One request the way Lambda hands it over: the fixture event with this path, read, served, written. */
    private static OriginResponse serve(ImageOrigin origin, String rawPath) {
        String event = new String(resource("priming-event.json"), StandardCharsets.UTF_8)
                .replace("/images/rio/1.jpeg/format=webp,width=300", rawPath);
        try (InputStream in = new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))) {
            OriginRequest request = FunctionUrlEvent.parse(in).toOriginRequest();
            OriginResponse response = origin.serve(request);
            FunctionUrlResponse.write(response, OutputStream.nullOutputStream());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = SnapStartPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("priming resource " + name + " is missing from the artifact");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
