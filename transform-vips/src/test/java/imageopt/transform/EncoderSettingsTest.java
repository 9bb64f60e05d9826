package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.EncoderSettings.Avif;
import imageopt.transform.EncoderSettings.AvifTune;
import imageopt.transform.EncoderSettings.Jpeg;
import imageopt.transform.EncoderSettings.Webp;
import imageopt.vips.VipsEnums.BandFormat;
import imageopt.vips.VipsEnums.WebpPreset;
import org.junit.jupiter.api.Test;

/** Each encoder option reaches libvips: the encoded bytes show it. */
class EncoderSettingsTest {
    private static final byte[] SOURCE = Fixtures.png(Fixtures.quadrants(160, 120, false));
    private static final EncoderSettings BASE = EncoderSettings.fast();

    private static byte[] encode(EncoderSettings settings, OutputFormat format) {
        return new ImageTransformer(Limits.DEFAULT, settings).transform(SOURCE, TransformSpec.of(format, null, 96, null, null, null)).bytes();
    }

    /** Whether a JPEG has a start-of-frame marker of that kind (0xC0 baseline, 0xC2 progressive). */
    private static boolean hasMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 3 < jpeg.length; ) {
            if ((jpeg[i] & 0xFF) != 0xFF) return false;
            int m = jpeg[i + 1] & 0xFF;
            if (m == marker) return true;
            if (m == 0xDA) return false; // start of scan: the frame header came before
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return false;
    }

    @Test
    void mozjpegMakesAProgressiveJpegAndTheTableChangesTheBytes() {
        byte[] plain = encode(BASE.with(new Jpeg(80, false, 0)), OutputFormat.JPEG);
        byte[] moz = encode(BASE.with(new Jpeg(80, true, 3)), OutputFormat.JPEG);
        assertTrue(hasMarker(plain, 0xC0) && !hasMarker(plain, 0xC2), "libjpeg's baseline");
        assertTrue(hasMarker(moz, 0xC2), "mozjpeg's optimised progressive scans");
        assertFalse(java.util.Arrays.equals(encode(BASE.with(new Jpeg(80, true, 5)), OutputFormat.JPEG), moz), "quantisation table 5 is not table 3");
    }

    @Test
    void webpSmartSubsampleAndPresetReachTheEncoder() {
        byte[] plain = encode(BASE.with(new Webp(80, 4, false, WebpPreset.DEFAULT)), OutputFormat.WEBP);
        assertFalse(java.util.Arrays.equals(plain, encode(BASE.with(new Webp(80, 4, true, WebpPreset.DEFAULT)), OutputFormat.WEBP)), "smart subsampling");
        assertFalse(java.util.Arrays.equals(plain, encode(BASE.with(new Webp(80, 4, false, WebpPreset.DRAWING)), OutputFormat.WEBP)), "the drawing preset");
        assertArrayEquals(plain, encode(BASE.with(new Webp(80, 4, false, WebpPreset.DEFAULT)), OutputFormat.WEBP), "deterministic");
    }

    @Test
    void avifBitDepthAndTuneReachTheEncoder() {
        byte[] eight = encode(BASE.with(new Avif(50, 0, true, 8, AvifTune.AUTO)), OutputFormat.AVIF);
        byte[] ten = encode(BASE.with(new Avif(50, 0, true, 10, AvifTune.AUTO)), OutputFormat.AVIF);
        Fixtures.withImage(eight, "", img -> {
            assertEquals(BandFormat.UCHAR.value(), img.format());
            return null;
        });
        Fixtures.withImage(ten, "", img -> {
            assertEquals(BandFormat.USHORT.value(), img.format(), "a 10-bit AVIF decodes to 16 bits per sample");
            return null;
        });
        assertFalse(java.util.Arrays.equals(eight, encode(BASE.with(new Avif(50, 0, true, 8, AvifTune.PSNR)), OutputFormat.AVIF)), "tune=psnr");
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Jpeg(80, true, 9)).getMessage().contains("quantisation table"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Avif(50, 4, true, 9, AvifTune.AUTO)).getMessage().contains("bit depth"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Webp(80, 7, false, WebpPreset.DEFAULT)).getMessage().contains("WebP effort"));
    }

    @Test
    void aSpecsQualityOverridesTheDefaultOnTheEncodersOwnScale() {
        EncoderSettings s = BASE.with(new Jpeg(70, true, 3));
        byte[] asked = new ImageTransformer(Limits.DEFAULT, s).transform(SOURCE, TransformSpec.of(OutputFormat.JPEG, 90, 96, null, null, null)).bytes();
        byte[] same = new ImageTransformer(Limits.DEFAULT, BASE.with(new Jpeg(90, true, 3))).transform(SOURCE, TransformSpec.of(OutputFormat.JPEG, null, 96, null, null, null)).bytes();
        assertArrayEquals(same, asked, "quality=90 in a spec is the encoder's q90, the other options kept");
    }
}
