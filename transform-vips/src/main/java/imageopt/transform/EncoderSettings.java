package imageopt.transform;

/**
 * Encoder settings used when a spec names no quality, and the efforts, which no URL can change.
 * {@link #DEFAULT} is what {@code new ImageTransformer()} uses: chosen by the encoder study
 * (benchmarks/README.md); {@link #SHARP_DEFAULTS} are the AWS sample's (Sharp's defaults), kept
 * for comparison; tests use {@link #fast()}.
 *
 * @param jpegQuality    1..100
 * @param webpQuality    1..100
 * @param webpEffort     0 (fastest) .. 6
 * @param avifQuality    1..100
 * @param avifEffort     0 (fastest) .. 9
 * @param avifChroma444  true keeps full chroma (Sharp's default), false subsamples 4:2:0
 * @param pngCompression zlib level 0..9
 * @param gifEffort      1 (fastest) .. 10
 * @param jpegMozjpeg    mozjpeg's extras, as Sharp's {@code mozjpeg: true}: trellis quantisation,
 *                       overshoot deringing, optimised progressive scans, quantisation table 3
 */
public record EncoderSettings(int jpegQuality, int webpQuality, int webpEffort, int avifQuality, int avifEffort,
                              boolean avifChroma444, int pngCompression, int gifEffort, boolean jpegMozjpeg) {
    public static final EncoderSettings SHARP_DEFAULTS = new EncoderSettings(80, 80, 4, 50, 4, true, 6, 7, false);
    /**
     * The engine's default, chosen by the encoder study (benchmarks/README.md): JPEG and WebP as the
     * AWS sample (nothing cheaper matched their quality), AVIF at effort 3 and quality 53, 4:4:4:
     * on five photographs at 800 px no worse on butteraugli and ssimulacra than the AWS sample's
     * AVIF (q50, effort 4), for about a quarter of its CPU time and 8% more bytes.
     */
    public static final EncoderSettings DEFAULT = new EncoderSettings(80, 80, 4, 53, 3, true, 6, 7, false);

    public EncoderSettings {
        range("jpegQuality", jpegQuality, 1, 100);
        range("webpQuality", webpQuality, 1, 100);
        range("webpEffort", webpEffort, 0, 6);
        range("avifQuality", avifQuality, 1, 100);
        range("avifEffort", avifEffort, 0, 9);
        range("pngCompression", pngCompression, 0, 9);
        range("gifEffort", gifEffort, 1, 10);
    }

    /** Without mozjpeg's extras (libjpeg-turbo's baseline with optimised Huffman tables). */
    public EncoderSettings(int jpegQuality, int webpQuality, int webpEffort, int avifQuality, int avifEffort,
                           boolean avifChroma444, int pngCompression, int gifEffort) {
        this(jpegQuality, webpQuality, webpEffort, avifQuality, avifEffort, avifChroma444, pngCompression, gifEffort, false);
    }

    /** The lowest efforts: what tests use to stay fast. */
    public static EncoderSettings fast() {
        return new EncoderSettings(80, 80, 0, 50, 0, false, 1, 1, false);
    }

    public EncoderSettings withJpeg(int quality, boolean mozjpeg) {
        return new EncoderSettings(quality, webpQuality, webpEffort, avifQuality, avifEffort, avifChroma444, pngCompression, gifEffort, mozjpeg);
    }

    public EncoderSettings withWebp(int quality, int effort) {
        return new EncoderSettings(jpegQuality, quality, effort, avifQuality, avifEffort, avifChroma444, pngCompression, gifEffort, jpegMozjpeg);
    }

    public EncoderSettings withAvif(int quality, int effort, boolean chroma444) {
        return new EncoderSettings(jpegQuality, webpQuality, webpEffort, quality, effort, chroma444, pngCompression, gifEffort, jpegMozjpeg);
    }

    /** The default quality for a format that uses one. */
    public int defaultQuality(OutputFormat format) {
        return switch (format) {
            case JPEG -> jpegQuality;
            case WEBP -> webpQuality;
            case AVIF -> avifQuality;
            case PNG, GIF -> 100;
        };
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
