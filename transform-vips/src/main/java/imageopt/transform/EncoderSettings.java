package imageopt.transform;

import imageopt.vips.VipsEnums.WebpPreset;
import java.util.Locale;

/**
 * How each format is encoded: the quality used when a spec names none, and the encoder options,
 * which no URL can change. A quality is the encoder's own scale, as in Sharp and imgproxy: a spec's
 * {@code quality=70} goes to the encoder as 70 whatever the format, and each format has its own
 * default (JPEG q80 and AVIF q50 are not the same quality, nor are mozjpeg's q80 and libjpeg's).
 * {@link #DEFAULT} is what {@code new ImageTransformer()}, the function, the local edge and the CLI
 * use, chosen by the encoder study (benchmarks/README.md); {@link #SHARP_DEFAULTS} are the AWS
 * sample's (Sharp's defaults), kept for comparison; tests use {@link #fast()}.
 *
 * @param jpeg           JPEG
 * @param webp           WebP
 * @param avif           AVIF
 * @param pngCompression zlib level 0..9
 * @param gifEffort      1 (fastest) .. 10
 */
public record EncoderSettings(Jpeg jpeg, Webp webp, Avif avif, int pngCompression, int gifEffort) {
    /** The AWS sample's: Sharp's defaults (JPEG q80, WebP q80 effort 4, AVIF q50 effort 4 4:4:4). */
    public static final EncoderSettings SHARP_DEFAULTS = new EncoderSettings(
            new Jpeg(80, false, 0), new Webp(80, 4, false, WebpPreset.DEFAULT), new Avif(50, 4, true, 8, AvifTune.AUTO), 6, 7);

    /**
     * The engine's default, chosen by the encoder study on 25 images of mixed content at 800 px
     * (benchmarks/README.md, "The encoder study"): each format's setting whose median butteraugli
     * and ssimulacra are within 2% of Sharp's at the AWS sample's setting, AVIF in at most 0.2x its
     * CPU time, with the fewest bytes. JPEG: mozjpeg (trellis, progressive scans, table 3) at q83,
     * 0.89x the bytes; WebP: the sample's q80 effort 4 (nothing libwebp offers was smaller at that
     * quality); AVIF: q53 effort 2, 4:4:4, 0.14x the CPU for 1.09x the bytes (libvips already tunes
     * libaom for image quality).
     */
    public static final EncoderSettings DEFAULT = new EncoderSettings(
            new Jpeg(83, true, 3), new Webp(80, 4, false, WebpPreset.DEFAULT), new Avif(53, 2, true, 8, AvifTune.AUTO), 6, 7);

    /**
     * @param quality    1..100 (libjpeg's scale)
     * @param mozjpeg    mozjpeg's extras, as Sharp's {@code mozjpeg: true}: trellis quantisation,
     *                   overshoot deringing, optimised progressive scans
     * @param quantTable mozjpeg's quantisation table 0..8 (0: the JPEG standard's; 3: ImageMagick's,
     *                   what Sharp's {@code mozjpeg: true} picks)
     */
    public record Jpeg(int quality, boolean mozjpeg, int quantTable) {
        public Jpeg {
            range("JPEG quality", quality, 1, 100);
            range("JPEG quantisation table", quantTable, 0, 8);
        }
    }

    /**
     * @param quality        1..100
     * @param effort         0 (fastest) .. 6
     * @param smartSubsample libwebp's sharp RGB to YUV conversion (less colour bleeding on edges)
     * @param preset         libwebp's preset (filter strength, sharpness, noise shaping)
     */
    public record Webp(int quality, int effort, boolean smartSubsample, WebpPreset preset) {
        public Webp {
            range("WebP quality", quality, 1, 100);
            range("WebP effort", effort, 0, 6);
            java.util.Objects.requireNonNull(preset, "WebP preset");
        }
    }

    /**
     * @param quality   1..100
     * @param effort    0 (fastest) .. 9; libvips gives libaom speed 9 - effort
     * @param chroma444 true keeps full chroma (Sharp's default), false subsamples 4:2:0
     * @param bitDepth  8, 10 or 12
     * @param tune      what libaom tunes for
     */
    public record Avif(int quality, int effort, boolean chroma444, int bitDepth, AvifTune tune) {
        public Avif {
            range("AVIF quality", quality, 1, 100);
            range("AVIF effort", effort, 0, 9);
            if (bitDepth != 8 && bitDepth != 10 && bitDepth != 12) {
                throw new IllegalArgumentException("AVIF bit depth must be 8, 10 or 12, got " + bitDepth);
            }
            java.util.Objects.requireNonNull(tune, "AVIF tune");
        }
    }

    /** libaom's tuning: AUTO leaves libheif's default; IQ is libaom's image-quality tuning (3.12+). */
    public enum AvifTune {
        AUTO, IQ, SSIM, PSNR;

        /** The value libvips' heifsave {@code tune} takes, or null to leave it unset. */
        public String option() {
            return this == AUTO ? null : name().toLowerCase(Locale.ROOT);
        }
    }

    public EncoderSettings {
        java.util.Objects.requireNonNull(jpeg, "jpeg");
        java.util.Objects.requireNonNull(webp, "webp");
        java.util.Objects.requireNonNull(avif, "avif");
        range("pngCompression", pngCompression, 0, 9);
        range("gifEffort", gifEffort, 1, 10);
    }

    /** The lowest efforts: what tests use to stay fast. */
    public static EncoderSettings fast() {
        return new EncoderSettings(new Jpeg(80, false, 0), new Webp(80, 0, false, WebpPreset.DEFAULT), new Avif(50, 0, false, 8, AvifTune.AUTO), 1, 1);
    }

    public EncoderSettings with(Jpeg jpeg) {
        return new EncoderSettings(jpeg, webp, avif, pngCompression, gifEffort);
    }

    public EncoderSettings with(Webp webp) {
        return new EncoderSettings(jpeg, webp, avif, pngCompression, gifEffort);
    }

    public EncoderSettings with(Avif avif) {
        return new EncoderSettings(jpeg, webp, avif, pngCompression, gifEffort);
    }

    public EncoderSettings withPngCompression(int level) {
        return new EncoderSettings(jpeg, webp, avif, level, gifEffort);
    }

    /** The default quality for a format that uses one. */
    public int defaultQuality(OutputFormat format) {
        return switch (format) {
            case JPEG -> jpeg.quality();
            case WEBP -> webp.quality();
            case AVIF -> avif.quality();
            case PNG, GIF -> 100;
        };
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
    }
}
