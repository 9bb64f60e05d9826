package imageopt.handler;

import imageopt.origin.OriginResponse;
import imageopt.origin.S3Origin;
import imageopt.privacy.JpegMetadata;
import imageopt.transform.ImageTransformer;
import imageopt.transform.OutputFormat;
import imageopt.transform.TransformSpec;
import imageopt.vips.Vips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;

/**
 * Runs before SnapStart takes its snapshot, so a restored function starts with everything the
 * first request would otherwise pay for: libvips loaded and initialised, every encoder's code
 * paged in and its Java path linked (one tiny transform per output format, and a JPEG decode),
 * the event JSON read and written, the S3 client built and its endpoint rules evaluated.
 *
 * <p>Nothing time- or identity-dependent is captured: no S3 call is made, no credentials are
 * resolved (they come from the container endpoint after a restore), no connection is opened.
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

    /** Runs the priming; returns the bytes each output format produced. */
    public Map<OutputFormat, Integer> prime() {
        Vips.start();
        ImageTransformer engine = s3Origin.origin().engine();
        byte[] png = resource("priming.png");
        byte[] jpeg = resource("priming.jpg");
        Map<OutputFormat, Integer> sizes = new EnumMap<>(OutputFormat.class);
        for (OutputFormat format : OutputFormat.values()) {
            sizes.put(format, engine.transform(png, TransformSpec.of(format, null, 8, null, null, null)).bytes().length);
        }
        engine.transform(jpeg, TransformSpec.of(OutputFormat.WEBP, null, 8, 8, null, null));
        JpegMetadata.strip(jpeg, 1);
        primeJson();
        s3Origin.s3().utilities().getUrl(b -> b.bucket("priming").key("priming/original")); // endpoint rules, offline
        primed = Collections.unmodifiableMap(sizes);
        return primed;
    }

    /** What the last priming produced, by output format; empty before it ran. */
    public Map<OutputFormat, Integer> primed() {
        return primed;
    }

    private static void primeJson() {
        try (InputStream event = new ByteArrayInputStream(resource("priming-event.json"))) {
            FunctionUrlEvent.parse(event).toOriginRequest();
            FunctionUrlResponse.write(new OriginResponse(200, Map.of("Content-Type", "image/png"), new byte[] {1, 2, 3}), OutputStream.nullOutputStream());
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
