package imageopt.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to make of an original: output format (or the source's), quality, width, height, fit and
 * position. It owns the canonical operations grammar, the last path segment of a variant key:
 * {@code original}, or {@code name=value} pairs joined by commas in the fixed order format,
 * quality, width, height, fit, position, e.g. {@code format=webp,quality=70,width=300}.
 *
 * <p>A spec is always canonical: {@link #of} drops what cannot change the output (fit=cover,
 * position=centre, fit or position without both dimensions, position with fit fill, inside or
 * outside, which neither crop nor pad, quality for PNG and GIF), so two specs
 * that make the same image are equal and print the same key. {@link #parse} accepts exactly what
 * {@link #toCanonical()} prints and refuses everything else (aliases, defaults spelled out, wrong
 * order, unknown names, non-canonical numbers): the origin never computes a variant under a key
 * the edge would not have produced.
 */
public final class TransformSpec {
    /** The largest width or height the grammar admits: WebP's limit, the smallest of our encoders'. */
    public static final int MAX_DIMENSION = 16383;
    public static final String ORIGINAL_TOKEN = "original";
    /** The spec with nothing asked: the original's pixels. */
    public static final TransformSpec ORIGINAL = new TransformSpec(null, null, null, null, Fit.COVER, Position.CENTRE);

    private static final List<String> ORDER = List.of("format", "quality", "width", "height", "fit", "position");

    private final OutputFormat format;
    private final Integer quality;
    private final Integer width;
    private final Integer height;
    private final Fit fit;
    private final Position position;

    private TransformSpec(OutputFormat format, Integer quality, Integer width, Integer height, Fit fit, Position position) {
        this.format = format;
        this.quality = quality;
        this.width = width;
        this.height = height;
        this.fit = fit;
        this.position = position;
    }

    /**
     * The canonical spec for these settings; null means "not asked" (format: keep the source's;
     * fit: cover; position: centre). Out-of-range numbers are an {@link InvalidSpecException}.
     */
    public static TransformSpec of(OutputFormat format, Integer quality, Integer width, Integer height, Fit fit, Position position) {
        if (quality != null && (quality < 1 || quality > 100)) {
            throw new InvalidSpecException("quality must be 1..100, got " + quality);
        }
        checkDimension("width", width);
        checkDimension("height", height);
        boolean box = width != null && height != null;
        Fit f = box && fit != null ? fit : Fit.COVER;
        boolean placed = f == Fit.COVER || f == Fit.CONTAIN; // only a crop or a pad has a position
        Position p = box && placed && position != null ? position : Position.CENTRE;
        Integer q = format != null && !format.usesQuality() ? null : quality;
        return new TransformSpec(format, q, width, height, f, p);
    }

    private static void checkDimension(String name, Integer value) {
        if (value != null && (value < 1 || value > MAX_DIMENSION)) {
            throw new InvalidSpecException(name + " must be 1.." + MAX_DIMENSION + ", got " + value);
        }
    }

    /** Parses the canonical grammar, refusing anything {@link #toCanonical()} would not print. */
    public static TransformSpec parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidSpecException("empty transform spec");
        }
        if (text.equals(ORIGINAL_TOKEN)) {
            return ORIGINAL;
        }
        OutputFormat format = null;
        Integer quality = null, width = null, height = null;
        Fit fit = null;
        Position position = null;
        int last = -1;
        for (String pair : text.split(",", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidSpecException("'" + pair + "' is not name=value");
            }
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            int index = ORDER.indexOf(name);
            if (index < 0) {
                throw new InvalidSpecException("unknown operation '" + name + "' (known: " + String.join(", ", ORDER) + ")");
            }
            if (index <= last) {
                throw new InvalidSpecException("'" + name + "' is repeated or out of order (order: " + String.join(", ", ORDER) + ")");
            }
            last = index;
            switch (name) {
                case "format" -> format = OutputFormat.fromToken(value)
                        .orElseThrow(() -> new InvalidSpecException("unknown format '" + value + "'"));
                case "quality" -> quality = canonicalInt(name, value);
                case "width" -> width = canonicalInt(name, value);
                case "height" -> height = canonicalInt(name, value);
                case "fit" -> fit = Fit.fromToken(value)
                        .orElseThrow(() -> new InvalidSpecException("unknown fit '" + value + "'"));
                default -> position = Position.fromToken(value)
                        .orElseThrow(() -> new InvalidSpecException("unknown position '" + value + "'"));
            }
        }
        TransformSpec spec = of(format, quality, width, height, fit, position);
        String canonical = spec.toCanonical();
        if (!canonical.equals(text)) {
            throw new InvalidSpecException("'" + text + "' is not canonical; the same variant is '" + canonical + "'");
        }
        return spec;
    }

    /** A decimal integer without sign, leading zero, fraction or exponent. */
    private static int canonicalInt(String name, String value) {
        if (value.isEmpty() || value.length() > 5 || value.charAt(0) == '0' || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidSpecException(name + " must be a plain positive integer, got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    /** The canonical text: {@code original} or the non-default settings in the fixed order. */
    public String toCanonical() {
        List<String> parts = new ArrayList<>(6);
        if (format != null) parts.add("format=" + format.token());
        if (quality != null) parts.add("quality=" + quality);
        if (width != null) parts.add("width=" + width);
        if (height != null) parts.add("height=" + height);
        if (fit != Fit.COVER) parts.add("fit=" + fit.token());
        if (position != Position.CENTRE) parts.add("position=" + position.token());
        return parts.isEmpty() ? ORIGINAL_TOKEN : String.join(",", parts);
    }

    /** Output format; empty means the source's own (an SVG source becomes PNG). */
    public Optional<OutputFormat> format() {
        return Optional.ofNullable(format);
    }

    /** Encoder quality 1..100; empty means the engine's default for the format. */
    public OptionalInt quality() {
        return quality == null ? OptionalInt.empty() : OptionalInt.of(quality);
    }

    public OptionalInt width() {
        return width == null ? OptionalInt.empty() : OptionalInt.of(width);
    }

    public OptionalInt height() {
        return height == null ? OptionalInt.empty() : OptionalInt.of(height);
    }

    public Fit fit() {
        return fit;
    }

    public Position position() {
        return position;
    }

    /** Nothing asked: the original's pixels. */
    public boolean isOriginal() {
        return this.equals(ORIGINAL);
    }

    /** The same spec with another output format (quality kept where the format uses it). */
    public TransformSpec withFormat(OutputFormat newFormat) {
        return of(newFormat, quality, width, height, fit, position);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransformSpec s && format == s.format && Objects.equals(quality, s.quality)
                && Objects.equals(width, s.width) && Objects.equals(height, s.height) && fit == s.fit && position == s.position;
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, quality, width, height, fit, position);
    }

    @Override
    public String toString() {
        return toCanonical();
    }
}
