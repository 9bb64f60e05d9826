package imageopt.bench;

import imageopt.transform.EncoderSettings;
import imageopt.transform.OutputFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One output format with its encoder settings, named by a short key that benchmark results carry
 * (a JMH parameter, a side-by-side cell, a row of the encoder study):
 * {@code jpeg-q80}, {@code jpeg-q80-moz}, {@code webp-q80-e4}, {@code avif-q50-e4-444},
 * {@code avif-q55-e2-420}, {@code png-c6}. {@code FORMAT-default} and {@code FORMAT-sharp} name the
 * engine's {@link EncoderSettings#DEFAULT} and the AWS sample's {@link EncoderSettings#SHARP_DEFAULTS}
 * and are resolved to the explicit key before anything is run or written, so a result file never
 * depends on what "default" meant on the day it is read.
 */
public record EncoderChoice(OutputFormat format, EncoderSettings settings) {
    private static final Pattern JPEG = Pattern.compile("jpeg-q(\\d+)(-moz)?");
    private static final Pattern WEBP = Pattern.compile("webp-q(\\d+)-e(\\d)");
    private static final Pattern AVIF = Pattern.compile("avif-q(\\d+)-e(\\d)-(444|420)");
    private static final Pattern PNG = Pattern.compile("png-c(\\d)");

    public static EncoderChoice parse(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        int dash = k.indexOf('-');
        if (dash > 0 && (k.endsWith("-default") || k.endsWith("-sharp"))) {
            OutputFormat format = OutputFormat.fromToken(k.substring(0, dash))
                    .orElseThrow(() -> new IllegalArgumentException("unknown format in encoder key '" + key + "'"));
            return new EncoderChoice(format, k.endsWith("-default") ? EncoderSettings.DEFAULT : EncoderSettings.SHARP_DEFAULTS);
        }
        EncoderSettings base = EncoderSettings.DEFAULT;
        Matcher m;
        if ((m = JPEG.matcher(k)).matches()) {
            return new EncoderChoice(OutputFormat.JPEG, base.withJpeg(Integer.parseInt(m.group(1)), m.group(2) != null));
        }
        if ((m = WEBP.matcher(k)).matches()) {
            return new EncoderChoice(OutputFormat.WEBP, base.withWebp(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        if ((m = AVIF.matcher(k)).matches()) {
            return new EncoderChoice(OutputFormat.AVIF, base.withAvif(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).equals("444")));
        }
        if ((m = PNG.matcher(k)).matches()) {
            EncoderSettings s = base;
            return new EncoderChoice(OutputFormat.PNG, new EncoderSettings(s.jpegQuality(), s.webpQuality(), s.webpEffort(), s.avifQuality(),
                    s.avifEffort(), s.avifChroma444(), Integer.parseInt(m.group(1)), s.gifEffort(), s.jpegMozjpeg()));
        }
        throw new IllegalArgumentException("encoder key '" + key + "' is not one of jpeg-q80, jpeg-q80-moz, webp-q80-e4, "
                + "avif-q50-e4-444, avif-q50-e4-420, png-c6, FORMAT-default, FORMAT-sharp");
    }

    /** The explicit key: what results carry. */
    public String key() {
        EncoderSettings s = settings;
        return switch (format) {
            case JPEG -> "jpeg-q" + s.jpegQuality() + (s.jpegMozjpeg() ? "-moz" : "");
            case WEBP -> "webp-q" + s.webpQuality() + "-e" + s.webpEffort();
            case AVIF -> "avif-q" + s.avifQuality() + "-e" + s.avifEffort() + (s.avifChroma444() ? "-444" : "-420");
            case PNG -> "png-c" + s.pngCompression();
            case GIF -> throw new IllegalStateException("GIF has no encoder key");
        };
    }

    /** The key of a format's setting in the engine's {@link EncoderSettings#DEFAULT}. */
    public static String defaultKey(OutputFormat format) {
        return new EncoderChoice(format, EncoderSettings.DEFAULT).key();
    }

    /** Resolves FORMAT-default / FORMAT-sharp to the explicit key; explicit keys come back normalised. */
    public static String resolve(String key) {
        return parse(key).key();
    }

    /** The spec of one transform with these settings to a width (the engine picks the quality from the settings). */
    public String spec(int width) {
        return "format=" + format.token() + ",width=" + width;
    }

    @Override
    public String toString() {
        return key();
    }
}
