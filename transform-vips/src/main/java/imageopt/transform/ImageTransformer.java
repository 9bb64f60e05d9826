package imageopt.transform;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import imageopt.transform.TransformException.Kind;
import imageopt.vips.Operation;
import imageopt.vips.Vips;
import imageopt.vips.VipsEnums.Access;
import imageopt.vips.VipsEnums.BandFormat;
import imageopt.vips.VipsEnums.CompassDirection;
import imageopt.vips.VipsEnums.Extend;
import imageopt.vips.VipsEnums.FailOn;
import imageopt.vips.VipsEnums.HeifCompression;
import imageopt.vips.VipsEnums.Interesting;
import imageopt.vips.VipsEnums.Interpretation;
import imageopt.vips.VipsEnums.Keep;
import imageopt.vips.VipsEnums.PngFilter;
import imageopt.vips.VipsEnums.Size;
import imageopt.vips.VipsEnums.Subsample;
import imageopt.vips.VipsException;
import imageopt.vips.VipsImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * The engine: source bytes and a {@link TransformSpec} in, encoded bytes out. A short pipeline
 * of named steps, the deadline checked between them:
 * check source (size, magic bytes) -> read header (no pixels) -> check limits -> plan geometry ->
 * load with shrink-on-load, auto-orient and ICC to sRGB (libvips thumbnail) -> 8-bit sRGB ->
 * crop or embed -> flatten (JPEG) -> encode without metadata.
 * Thread-safe; every native reference is released on every path.
 */
public final class ImageTransformer {
    private static final double[] WHITE = {255, 255, 255};
    private static final double[] TRANSPARENT = {0, 0, 0, 0};

    private final Limits limits;
    private final EncoderSettings encoders;

    public ImageTransformer(Limits limits, EncoderSettings encoders) {
        this.limits = limits;
        this.encoders = encoders;
        Vips.start();
    }

    public ImageTransformer() {
        this(Limits.DEFAULT, EncoderSettings.DEFAULT);
    }

    public Limits limits() {
        return limits;
    }

    public EncoderSettings encoders() {
        return encoders;
    }

    /** Format, size, frames, orientation and alpha from the header alone: no pixel is decoded. */
    public ImageHeader readHeader(byte[] source) {
        SourceFormat format = checkSource(source);
        try (Arena arena = Arena.ofConfined()) {
            return probe(format, arena.allocateFrom(JAVA_BYTE, source)).header();
        }
    }

    /** The header, and whether the decoder takes the whole image in one call (progressive JPEG, interlaced PNG). */
    private record Probe(ImageHeader header, boolean interlaced) {}

    /**
     * The header, refused (TOO_LARGE) past the same limits a transform checks: bytes, pixels over
     * all frames, frames, a side. What an original served as it is must pass too.
     */
    public ImageHeader readHeaderWithinLimits(byte[] source) {
        ImageHeader header = readHeader(source);
        checkLimits(header);
        return header;
    }

    public TransformResult transform(byte[] source, TransformSpec spec) {
        SourceFormat format = checkSource(source);
        try (Arena arena = Arena.ofConfined(); Deadline deadline = new Deadline(limits.timeBudget())) {
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, source);
            Probe probe = probe(format, buffer);
            ImageHeader header = probe.header();
            checkLimits(header);
            OutputFormat output = spec.format().orElseGet(() -> format.sameAsSource(header.hasAlpha()));
            boolean animate = header.frames() > 1 && format.canAnimate() && output.supportsAnimation();
            ResizePlan plan = ResizePlan.of(header.orientedWidth(), header.orientedHeight(), spec, limits.maxOutputDimension());
            deadline.check("plan");
            try {
                return run(source, buffer, probe, plan, spec, output, animate, deadline);
            } catch (VipsException e) {
                if (deadline.fired()) {
                    throw deadline.expired("libvips evaluation stopped");
                }
                // libvips' own text is left out: its error buffer is one for the whole process,
                // so under concurrency it holds other requests' failures too
                throw new TransformException(Kind.CORRUPT, "could not decode this " + format.token() + " image ("
                        + e.operation() + " failed)", e);
            }
        }
    }

    /** Load, convert, crop or embed, flatten, encode: every image computed is watched by the deadline. */
    private TransformResult run(byte[] source, MemorySegment buffer, Probe probe, ResizePlan plan, TransformSpec spec,
                                OutputFormat output, boolean animate, Deadline deadline) {
        ImageHeader header = probe.header();
        // a decoder call that could run past the deadline by more than the grace runs where it can be killed
        boolean killable = !animate && NativeCost.decodeNanos(header.format(), header.totalPixels(), probe.interlaced())
                > NativeCost.GRACE.toNanos();
        VipsImage image = killable
                ? KillableDecoder.decode(source, header.format(), plan.resizeWidth(), plan.resizeHeight(), deadline)
                : load(buffer, plan, header, animate);
        try {
            deadline.watch(image); // a kill upstream stops every evaluation that pulls through it (smartcrop's too)
            image = replace(image, toSrgb8(image));
            image = replace(image, cropOrEmbed(image, plan, spec.position(), output));
            if (image.hasAlpha() && !output.supportsAlpha()) {
                image = replace(image, flatten(image));
            }
            deadline.check("before encode");
            deadline.watch(image);
            byte[] bytes = encode(image, output, spec.quality(), deadline);
            deadline.check("encode");
            return new TransformResult(bytes, output, image.width(), image.pageHeight(), image.height() / image.pageHeight());
        } finally {
            image.close();
        }
    }

    // --- steps -------------------------------------------------------------------------------

    /** Size limit and magic bytes, in Java, before any native call. */
    private SourceFormat checkSource(byte[] source) {
        if (source.length > limits.maxSourceBytes()) {
            throw new TransformException(Kind.TOO_LARGE, "source is " + source.length + " bytes, over the limit of " + limits.maxSourceBytes());
        }
        return SourceFormat.sniff(source);
    }

    private Probe probe(SourceFormat format, MemorySegment buffer) {
        // The operation is a resource of its own before build(): when build() fails (any file
        // whose header libvips cannot read), it must still be closed, or its loader, image and
        // source leak (about 12 KB each time).
        try (Operation load = Operation.of(format.loader());
             VipsImage image = load.setBuffer("buffer", buffer).build().image("out")) {
            if (format == SourceFormat.AVIF) {
                String compression = image.stringField("heif-compression");
                if (compression != null && !compression.equals("av1")) {
                    throw new TransformException(Kind.UNSUPPORTED, "HEIF coded with " + compression + " is not supported by this libvips build (AVIF is)");
                }
            }
            int frames = Math.max(1, image.pages());
            return new Probe(new ImageHeader(format, image.width(), image.pageHeight(), frames, image.orientation(), image.hasAlpha()),
                    image.intField("interlaced", 0) != 0);
        } catch (VipsException e) {
            throw new TransformException(Kind.CORRUPT, "unreadable " + format.token() + " header (" + e.operation() + " failed)", e);
        }
    }

    private void checkLimits(ImageHeader header) {
        if (Math.max(header.width(), header.height()) > Limits.MAX_SOURCE_SIDE) {
            throw new TransformException(Kind.TOO_LARGE, "source is " + header.width() + "x" + header.height()
                    + " pixels, a side over the limit of " + Limits.MAX_SOURCE_SIDE);
        }
        if (header.frames() > limits.maxFrames()) {
            throw new TransformException(Kind.TOO_LARGE, header.frames() + " frames, over the limit of " + limits.maxFrames());
        }
        long longSide = Math.max(header.width(), header.height()), shortSide = Math.min(header.width(), header.height());
        if (longSide > shortSide * (long) limits.maxOutputDimension()) {
            // no output within the size limit keeps its shape with a side of at least one pixel
            throw new TransformException(Kind.TOO_LARGE, "source is " + header.width() + "x" + header.height()
                    + ", longer than " + limits.maxOutputDimension() + " times its width or height");
        }
        if (header.totalPixels() > limits.maxSourcePixels()) {
            throw new TransformException(Kind.TOO_LARGE, "source is " + header.width() + "x" + header.height()
                    + (header.frames() > 1 ? " x " + header.frames() + " frames" : "") + " = " + header.totalPixels()
                    + " pixels, over the limit of " + limits.maxSourcePixels());
        }
    }

    /**
     * Decode with shrink-on-load to exactly the planned size; thumbnail also applies the EXIF
     * orientation and converts embedded ICC profiles (and CMYK) to sRGB. Damaged files decode as
     * far as they go, like browsers show them (fail_on none, as the AWS sample's failOn 'none').
     * JPEG takes Sharp's fast shrink-on-load (the largest of 8, 4, 2 within the whole shrink),
     * where thumbnail alone would keep a factor of two in reserve: about 12% less time on a
     * 20 MP photo for the same output Sharp (and so the AWS sample) gives.
     */
    private static VipsImage load(MemorySegment buffer, ResizePlan plan, ImageHeader header, boolean animate) {
        if (header.format() == SourceFormat.JPEG) {
            int shrink = plan.jpegShrinkOnLoad(header.orientedWidth(), header.orientedHeight());
            try (Operation load = Operation.of("jpegload_buffer").setBuffer("buffer", buffer)
                    .set("shrink", shrink).set("access", Access.SEQUENTIAL).set("fail_on", FailOn.NONE).build();
                 VipsImage shrunk = load.image("out")) {
                return thumbnail("thumbnail_image", op -> op.set("in", shrunk), plan);
            }
        }
        return thumbnail("thumbnail_buffer", op -> {
            op.setBuffer("buffer", buffer).set("fail_on", FailOn.NONE);
            return animate ? op.set("option_string", "n=-1") : op; // n=-1: every frame, stacked vertically
        }, plan);
    }

    /** Runs a thumbnail operation to exactly the planned size. */
    private static VipsImage thumbnail(String name, UnaryOperator<Operation> input, ResizePlan plan) {
        return thumbnail(name, input, plan.resizeWidth(), plan.resizeHeight());
    }

    /** Runs a thumbnail operation to exactly width x height (the SVG renderer's process uses it too). */
    static VipsImage thumbnail(String name, UnaryOperator<Operation> input, int width, int height) {
        try (Operation op = Operation.of(name)) {
            return input.apply(op).set("width", width).set("height", height).set("size", Size.FORCE).build().image("out");
        }
    }

    /** Everything leaves as 8-bit sRGB (grey, 16-bit, CMYK without a profile, Lab...). */
    static VipsImage toSrgb8(VipsImage in) {
        VipsImage image = in.newReference();
        try {
            if (image.interpretation() != Interpretation.sRGB.value()) {
                image = replace(image, call("colourspace", image, op -> op.set("space", Interpretation.sRGB)));
            }
            if (image.format() != BandFormat.UCHAR.value()) {
                image = replace(image, call("cast", image, op -> op.set("format", BandFormat.UCHAR)));
            }
            return image;
        } catch (RuntimeException e) {
            image.close();
            throw e;
        }
    }

    private static VipsImage cropOrEmbed(VipsImage in, ResizePlan plan, Position position, OutputFormat output) {
        return switch (plan.step()) {
            case NONE -> in.newReference();
            case CROP -> perFrame(in, frame -> crop(frame, plan, position, in.pageHeight() != in.height()));
            case EMBED -> {
                boolean transparent = output.supportsAlpha();
                try (VipsImage withAlpha = transparent && !in.hasAlpha()
                        ? call("bandjoin_const", in, op -> op.set("c", new double[] {255}))
                        : in.newReference()) {
                    yield perFrame(withAlpha, frame -> call("gravity", frame, op -> op
                            .set("direction", compass(position))
                            .set("width", plan.boxWidth())
                            .set("height", plan.boxHeight())
                            .set("extend", Extend.BACKGROUND)
                            .set("background", transparent ? TRANSPARENT : WHITE)));
                }
            }
        };
    }

    private static VipsImage crop(VipsImage frame, ResizePlan plan, Position position, boolean animated) {
        if (position.isSmart() && !animated) {
            Interesting how = position == Position.ATTENTION ? Interesting.ATTENTION : Interesting.ENTROPY;
            // smartcrop reads the pixels several times: compute the (already small) resize once
            try (VipsImage inMemory = frame.copyMemory()) {
                return call("smartcrop", "input", inMemory, op -> op
                        .set("width", plan.boxWidth()).set("height", plan.boxHeight()).set("interesting", how));
            }
        }
        return call("extract_area", "input", frame, op -> op
                .set("left", plan.cropLeft(position)).set("top", plan.cropTop(position))
                .set("width", plan.boxWidth()).set("height", plan.boxHeight()));
    }

    private static VipsImage flatten(VipsImage in) {
        return call("flatten", in, op -> op.set("background", WHITE));
    }

    private byte[] encode(VipsImage image, OutputFormat output, OptionalInt asked, Deadline deadline) {
        int quality = asked.orElse(encoders.defaultQuality(output));
        EncoderSettings e = encoders;
        String saver = switch (output) {
            case JPEG -> "jpegsave_buffer";
            case PNG -> "pngsave_buffer";
            case WEBP -> "webpsave_buffer";
            case AVIF -> "heifsave_buffer";
            case GIF -> "gifsave_buffer";
        };
        // AVIF: the pixels are computed first (stoppable), so the effort is chosen for the one
        // encoder call that is not, with the time then left
        try (VipsImage in = output == OutputFormat.AVIF ? image.copyMemory() : image.newReference();
             Operation op = Operation.of(saver)) {
            op.set("in", in).set("keep", Keep.NONE);
            switch (output) {
                case JPEG -> {
                    op.set("Q", quality).set("optimize_coding", true).set("quant_table", e.jpeg().quantTable());
                    if (e.jpeg().mozjpeg()) { // Sharp's mozjpeg: true
                        op.set("trellis_quant", true).set("overshoot_deringing", true).set("optimize_scans", true).set("interlace", true);
                    }
                }
                case WEBP -> op.set("Q", quality).set("effort", e.webp().effort())
                        .set("smart_subsample", e.webp().smartSubsample()).set("preset", e.webp().preset());
                case AVIF -> {
                    op.set("Q", quality).set("compression", HeifCompression.AV1).set("effort", avifEffort(in, deadline))
                            .set("subsample_mode", e.avif().chroma444() ? Subsample.OFF : Subsample.ON).set("bitdepth", e.avif().bitDepth());
                    if (e.avif().tune().option() != null) {
                        op.set("tune", e.avif().tune().option());
                    }
                }
                case PNG -> op.set("compression", e.pngCompression()).set("filter", PngFilter.NONE);
                case GIF -> op.set("effort", e.gifEffort());
            }
            return op.build().bytes("buffer");
        }
    }

    /** The configured AVIF effort, or a lower one whose predicted encode fits the budget left. */
    private int avifEffort(VipsImage image, Deadline deadline) {
        long pixels = (long) image.width() * image.height();
        return NativeCost.avifEffortWithin(encoders.avif().effort(), pixels, deadline.remainingNanos())
                .orElseThrow(() -> deadline.expired("an AVIF encode of " + pixels + " pixels would not fit the time left"));
    }

    // --- plumbing ----------------------------------------------------------------------------

    /** Runs a one-image operation whose input is "in" and output "out". */
    private static VipsImage call(String name, VipsImage in, UnaryOperator<Operation> options) {
        return call(name, "in", in, options);
    }

    /** Runs a one-image operation whose input argument has another name (extract_area: "input"). */
    private static VipsImage call(String name, String inputArgument, VipsImage in, UnaryOperator<Operation> options) {
        try (Operation op = Operation.of(name)) {
            return options.apply(op.set(inputArgument, in)).build().image("out");
        }
    }

    /** Closes the old image and returns the new one: each step owns exactly one reference. */
    private static VipsImage replace(VipsImage old, VipsImage next) {
        old.close();
        return next;
    }

    /**
     * Applies a geometry step to each frame of an animation (frames are stacked vertically in
     * libvips) and stacks the results again; a still image is one frame.
     */
    private static VipsImage perFrame(VipsImage in, UnaryOperator<VipsImage> step) {
        int pageHeight = in.pageHeight();
        int frames = in.height() / pageHeight;
        if (frames <= 1) {
            return step.apply(in);
        }
        List<VipsImage> done = new ArrayList<>(frames);
        try {
            for (int i = 0; i < frames; i++) {
                int top = i * pageHeight;
                try (VipsImage frame = call("extract_area", "input", in, op -> op.set("left", 0).set("top", top)
                        .set("width", in.width()).set("height", pageHeight))) {
                    done.add(step.apply(frame));
                }
            }
            VipsImage joined = arrayjoin(done);
            joined.setIntField("page-height", done.getFirst().height());
            return joined;
        } finally {
            done.forEach(VipsImage::close);
        }
    }

    private static VipsImage arrayjoin(List<VipsImage> frames) {
        try (Operation op = Operation.of("arrayjoin")) {
            return op.set("in", frames.toArray(VipsImage[]::new)).set("across", 1).build().image("out");
        }
    }

    private static CompassDirection compass(Position position) {
        return switch (position) {
            case TOP -> CompassDirection.NORTH;
            case BOTTOM -> CompassDirection.SOUTH;
            case LEFT -> CompassDirection.WEST;
            case RIGHT -> CompassDirection.EAST;
            case TOP_LEFT -> CompassDirection.NORTH_WEST;
            case TOP_RIGHT -> CompassDirection.NORTH_EAST;
            case BOTTOM_LEFT -> CompassDirection.SOUTH_WEST;
            case BOTTOM_RIGHT -> CompassDirection.SOUTH_EAST;
            case CENTRE, ATTENTION, ENTROPY -> CompassDirection.CENTRE;
        };
    }
}
