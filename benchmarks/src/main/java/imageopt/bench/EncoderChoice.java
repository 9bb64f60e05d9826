package imageopt.bench;

import imageopt.transform.EncoderSettings;
import imageopt.transform.EncoderSettings.Avif;
import imageopt.transform.EncoderSettings.AvifTune;
import imageopt.transform.EncoderSettings.Jpeg;
import imageopt.transform.EncoderSettings.Webp;
import imageopt.transform.OutputFormat;
import imageopt.vips.VipsEnums.WebpPreset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One output format with its encoder settings, named by a short key that benchmark results carry
 * (a JMH parameter, a side-by-side cell, a row of the encoder study); benchmarks/sharp/encoders.mjs
 * reads the same keys as Sharp options:
 * <pre>
 *   jpeg-q80[-moz][-tN]                          -moz: mozjpeg's extras (Sharp's mozjpeg: true), table 3
 *                                                unless -tN (N = 0..8) names another
 *   webp-q80-e4[-ss][-picture|-photo|-drawing|-icon|-text]   -ss: smart subsampling; a preset
 *   avif-q50-e4-444|420[-10bit|-12bit][-iq|-ssim|-psnr]        bit depth; libaom's tuning
 *   png-c6
 * </pre>
 * {@code FORMAT-default} and {@code FORMAT-sharp} name the engine's {@link EncoderSettings#DEFAULT}
 * and the AWS sample's {@link EncoderSettings#SHARP_DEFAULTS} and are resolved to the explicit key
 * before anything is run or written, so a result file never depends on what "default" meant on
 * the day it is read.
 */
public record EncoderChoice(OutputFormat format, EncoderSettings settings) {
    private static final Pattern JPEG = Pattern.compile("jpeg-q(\\d+)(-moz)?(?:-t(\\d))?");
    private static final Pattern WEBP = Pattern.compile("webp-q(\\d+)-e(\\d)(-ss)?(?:-(picture|photo|drawing|icon|text))?");
    private static final Pattern AVIF = Pattern.compile("avif-q(\\d+)-e(\\d)-(444|420)(?:-(10|12)bit)?(?:-(iq|ssim|psnr))?");
    private static final Pattern PNG = Pattern.compile("png-c(\\d)");
    private static final String GRAMMAR = "jpeg-q80[-moz][-tN], webp-q80-e4[-ss][-photo|-picture|-drawing|-icon|-text], "
            + "avif-q50-e4-444|420[-10bit|-12bit][-iq|-ssim|-psnr], png-c6, FORMAT-default, FORMAT-sharp";

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
        try {
            if ((m = JPEG.matcher(k)).matches()) {
                boolean moz = m.group(2) != null;
                int table = m.group(3) != null ? Integer.parseInt(m.group(3)) : impliedTable(moz);
                return new EncoderChoice(OutputFormat.JPEG, base.with(new Jpeg(Integer.parseInt(m.group(1)), moz, table)));
            }
            if ((m = WEBP.matcher(k)).matches()) {
                WebpPreset preset = m.group(4) == null ? WebpPreset.DEFAULT : WebpPreset.valueOf(m.group(4).toUpperCase(Locale.ROOT));
                return new EncoderChoice(OutputFormat.WEBP, base.with(new Webp(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) != null, preset)));
            }
            if ((m = AVIF.matcher(k)).matches()) {
                int depth = m.group(4) == null ? 8 : Integer.parseInt(m.group(4));
                AvifTune tune = m.group(5) == null ? AvifTune.AUTO : AvifTune.valueOf(m.group(5).toUpperCase(Locale.ROOT));
                return new EncoderChoice(OutputFormat.AVIF, base.with(new Avif(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3).equals("444"), depth, tune)));
            }
            if ((m = PNG.matcher(k)).matches()) {
                return new EncoderChoice(OutputFormat.PNG, base.withPngCompression(Integer.parseInt(m.group(1))));
            }
        } catch (IllegalArgumentException e) { // out of range: the settings' own message
            throw new IllegalArgumentException("encoder key '" + key + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("encoder key '" + key + "' is not one of " + GRAMMAR);
    }

    private static int impliedTable(boolean mozjpeg) {
        return mozjpeg ? 3 : 0;
    }

    /** The explicit key: what results carry. */
    public String key() {
        EncoderSettings s = settings;
        return switch (format) {
            case JPEG -> "jpeg-q" + s.jpeg().quality() + (s.jpeg().mozjpeg() ? "-moz" : "")
                    + (s.jpeg().quantTable() != impliedTable(s.jpeg().mozjpeg()) ? "-t" + s.jpeg().quantTable() : "");
            case WEBP -> "webp-q" + s.webp().quality() + "-e" + s.webp().effort() + (s.webp().smartSubsample() ? "-ss" : "")
                    + (s.webp().preset() != WebpPreset.DEFAULT ? "-" + s.webp().preset().name().toLowerCase(Locale.ROOT) : "");
            case AVIF -> "avif-q" + s.avif().quality() + "-e" + s.avif().effort() + (s.avif().chroma444() ? "-444" : "-420")
                    + (s.avif().bitDepth() != 8 ? "-" + s.avif().bitDepth() + "bit" : "")
                    + (s.avif().tune() != AvifTune.AUTO ? "-" + s.avif().tune().option() : "");
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
