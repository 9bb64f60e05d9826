package imageopt.origin;

import imageopt.contract.VariantKey;
import imageopt.edge.HttpDate;
import imageopt.store.OriginalStore;
import imageopt.store.StoreException;
import imageopt.store.StoredObject;
import imageopt.store.Variant;
import imageopt.store.VariantStore;
import imageopt.transform.ImageTransformer;
import imageopt.transform.TransformResult;
import imageopt.vips.Vips;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The origin: canonical key -> original from the originals store -> engine -> variant written to
 * the variants store -> answer. One code path whether a Lambda function URL or the local edge
 * carries the request: nothing here knows about Lambda. Thread-safe.
 *
 * <p>Answers: 200 with the image; 302 to the stored copy when the image is over MAX_IMAGE_SIZE;
 * otherwise an RFC 9457 problem (see {@link ProblemType}). A variant that cannot be stored is
 * logged and served all the same.
 */
public final class ImageOrigin {
    static final String PROBLEM_JSON = "application/problem+json";

    private final OriginalStore originals;
    private final Optional<VariantStore> variants;
    private final ImageTransformer engine;
    private final Settings settings;
    private final Consumer<String> log;
    private final String engineVersion;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param cacheControl      Cache-Control of images, served and stored
     * @param errorCacheControl Cache-Control of final errors
     * @param maxImageSize      largest body answered inline
     */
    public record Settings(String cacheControl, String errorCacheControl, int maxImageSize) {
        public static Settings of(OriginConfig config) {
            return new Settings(config.cacheControl(), config.errorCacheControl(), config.maxImageSize());
        }
    }

    /**
     * @param variants empty when variants are not stored (STORE_TRANSFORMED_IMAGES=false)
     * @param log      receives one JSON line per request
     */
    public ImageOrigin(OriginalStore originals, Optional<VariantStore> variants, ImageTransformer engine, Settings settings,
                       Consumer<String> log) {
        this.originals = originals;
        this.variants = variants;
        this.engine = engine;
        this.settings = settings;
        this.log = log;
        this.engineVersion = "imageopt/" + implementationVersion() + " libvips/" + Vips.version();
    }

    public ImageTransformer engine() {
        return engine;
    }

    public Settings settings() {
        return settings;
    }

    /** What stored variants name as their maker, in the {@code engine} user metadata. */
    public String engineVersion() {
        return engineVersion;
    }

    public OriginResponse serve(OriginRequest request) {
        ServerTiming timing = new ServerTiming();
        RequestLog line = new RequestLog(request);
        OriginResponse response;
        try {
            response = handle(request, timing, line);
        } catch (RuntimeException e) {
            Problem problem = Problems.of(e);
            line.put("problem", problem.type().key).put("detail", problem.detail());
            if (!(e instanceof ProblemException)) {
                line.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            response = problemResponse(problem, request, timing);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // one huge or hostile image must still get an answer; the next request may well succeed
            Problem problem = new Problem(ProblemType.INTERNAL, "internal error");
            line.put("problem", problem.type().key).put("error", e.toString());
            response = problemResponse(problem, request, timing);
        }
        log.accept(line.finish(response.status(), timing));
        return response;
    }

    private OriginResponse handle(OriginRequest request, ServerTiming timing, RequestLog line) {
        if (!"GET".equals(request.method()) && !request.isHead()) {
            throw new ProblemException(new Problem(ProblemType.METHOD_NOT_ALLOWED, "method " + request.method() + " is not served"), null);
        }
        VariantKey key = VariantKey.parse(request.rawPath());
        StoredObject original = timing.time("download", () -> originals.get(key.originalKey(), engine.limits().maxSourceBytes()));
        line.put("bytesIn", original.bytes().length);
        Rendition image = timing.time("transform", () -> key.spec().isOriginal()
                ? PrivateOriginal.render(original.bytes(), engine)
                : transformed(engine.transform(original.bytes(), key.spec())));
        line.put("bytesOut", image.bytes().length).put("made", image.how()).put("contentType", image.contentType());

        boolean tooLarge = image.bytes().length > settings.maxImageSize();
        // an /original small enough to answer inline is not stored: that would copy every original (AWS sample #47)
        boolean store = variants.isPresent() && (!key.spec().isOriginal() || tooLarge);
        StoreException storeFailure = null;
        if (store) {
            try {
                timing.time("upload", () -> {
                    variants.get().put(key.variantKey(), variant(image, original));
                    return null;
                });
            } catch (StoreException e) {
                storeFailure = e;
                line.put("storeError", e.getMessage());
            }
        }
        if (tooLarge) {
            if (variants.isEmpty()) {
                throw new ProblemException(new Problem(ProblemType.OUTPUT_TOO_LARGE,
                        "the image is " + image.bytes().length + " bytes, over MAX_IMAGE_SIZE " + settings.maxImageSize()
                                + ", and transformed images are not stored",
                        Map.of("size", image.bytes().length, "limit", settings.maxImageSize())), null);
            }
            if (storeFailure != null) {
                throw storeFailure; // nothing stored to redirect to
            }
            return redirect(key, request, timing);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", image.contentType());
        headers.put("Cache-Control", settings.cacheControl());
        headers.put("ETag", etag(image.bytes()));
        // made now: what S3 will give the stored copy, to the second (CloudFront passes it on, and answers If-Modified-Since with it)
        headers.put("Last-Modified", HttpDate.format(clock.instant()));
        headers.put("Server-Timing", timing.header());
        return new OriginResponse(200, headers, request.isHead() ? new byte[0] : image.bytes());
    }

    private static Rendition transformed(TransformResult result) {
        return new Rendition(result.bytes(), result.contentType(), "transformed");
    }

    private Variant variant(Rendition image, StoredObject original) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("engine", engineVersion);
        if (original.etag() != null) {
            metadata.put("source-etag", original.etag());
        }
        return new Variant(image.bytes(), image.contentType(), settings.cacheControl(), metadata);
    }

    private OriginResponse redirect(VariantKey key, OriginRequest request, ServerTiming timing) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Location", RedirectLocation.of(key, request.viewerUrl()));
        headers.put("Cache-Control", "private, no-store"); // the stored copy answers from now on, not this redirect
        headers.put("Server-Timing", timing.header());
        return new OriginResponse(302, headers, new byte[0]);
    }

    private OriginResponse problemResponse(Problem problem, OriginRequest request, ServerTiming timing) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", PROBLEM_JSON);
        headers.put("Cache-Control", problem.type().isFinal() ? settings.errorCacheControl() : "no-store");
        if (problem.type().status == 503) {
            headers.put("Retry-After", "1");
        }
        if (problem.type() == ProblemType.METHOD_NOT_ALLOWED) {
            headers.put("Allow", "GET, HEAD");
        }
        headers.put("Server-Timing", timing.header());
        byte[] body = RequestLog.json(problem.members(request.rawPath())).getBytes(StandardCharsets.UTF_8);
        return new OriginResponse(problem.type().status, headers, request.isHead() ? new byte[0] : body);
    }

    /** The quoted hex MD5 of the body: what S3 answers as the stored copy's ETag. */
    static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    private static String implementationVersion() {
        String v = ImageOrigin.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
