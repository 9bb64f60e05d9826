package imageopt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.EncoderSettings;
import imageopt.transform.OutputFormat;
import imageopt.vips.VipsEnums;
import org.junit.jupiter.api.Test;

class EncoderChoiceTest {
    @Test
    void keysRoundTrip() {
        for (String key : new String[] {"jpeg-q80", "jpeg-q75-moz", "jpeg-q80-moz-t2", "jpeg-q80-t5", "webp-q80-e4", "webp-q70-e0", "webp-q78-e6-ss",
                "webp-q80-e4-photo", "webp-q75-e4-ss-drawing", "avif-q50-e4-444", "avif-q60-e2-420", "avif-q50-e2-444-10bit", "avif-q50-e2-420-iq",
                "avif-q52-e3-444-12bit-ssim", "png-c6"}) {
            assertEquals(key, EncoderChoice.parse(key).key());
        }
        EncoderChoice avif = EncoderChoice.parse("avif-q60-e2-420-10bit-iq");
        assertEquals(OutputFormat.AVIF, avif.format());
        assertEquals(new EncoderSettings.Avif(60, 2, false, 10, EncoderSettings.AvifTune.IQ), avif.settings().avif());
        assertEquals(new EncoderSettings.Jpeg(80, true, 3), EncoderChoice.parse("jpeg-q80-moz").settings().jpeg());
        assertEquals(new EncoderSettings.Jpeg(80, true, 3), EncoderChoice.parse("jpeg-q80-moz-t3").settings().jpeg());
        assertEquals("jpeg-q80-moz", EncoderChoice.resolve("jpeg-q80-moz-t3"));
        assertEquals(new EncoderSettings.Webp(78, 6, true, VipsEnums.WebpPreset.PHOTO), EncoderChoice.parse("webp-q78-e6-ss-photo").settings().webp());
        assertFalse(EncoderChoice.parse("webp-q80-e4").settings().webp().smartSubsample());
        assertTrue(EncoderChoice.parse("webp-q80-e4-ss").settings().webp().smartSubsample());
    }

    @Test
    void outOfRangeKeysNameTheSetting() {
        var e = assertThrows(IllegalArgumentException.class, () -> EncoderChoice.parse("jpeg-q80-t9"));
        assertTrue(e.getMessage().contains("quantisation table"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EncoderChoice.parse("webp-q80-e7"));
        assertThrows(IllegalArgumentException.class, () -> EncoderChoice.parse("avif-q50-e4-444-9bit"));
        assertThrows(IllegalArgumentException.class, () -> EncoderChoice.parse("avif-q0-e4-444"));
    }

    @Test
    void aliasesResolveToExplicitKeys() {
        assertEquals("avif-q50-e4-444", EncoderChoice.resolve("avif-sharp"));
        assertEquals("jpeg-q80", EncoderChoice.resolve("jpeg-sharp"));
        assertEquals(new EncoderChoice(OutputFormat.WEBP, EncoderSettings.DEFAULT).key(), EncoderChoice.resolve("webp-default"));
        assertThrows(IllegalArgumentException.class, () -> EncoderChoice.parse("avif-q50"));
        assertThrows(IllegalArgumentException.class, () -> EncoderChoice.parse("tiff-default"));
    }
}
