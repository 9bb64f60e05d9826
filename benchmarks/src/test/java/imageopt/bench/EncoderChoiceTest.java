package imageopt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.EncoderSettings;
import imageopt.transform.OutputFormat;
import org.junit.jupiter.api.Test;

class EncoderChoiceTest {
    @Test
    void keysRoundTrip() {
        for (String key : new String[] {"jpeg-q80", "jpeg-q75-moz", "webp-q80-e4", "webp-q70-e0", "avif-q50-e4-444", "avif-q60-e2-420", "png-c6"}) {
            assertEquals(key, EncoderChoice.parse(key).key());
        }
        EncoderChoice avif = EncoderChoice.parse("avif-q60-e2-420");
        assertEquals(OutputFormat.AVIF, avif.format());
        assertEquals(60, avif.settings().avifQuality());
        assertEquals(2, avif.settings().avifEffort());
        assertFalse(avif.settings().avifChroma444());
        assertTrue(EncoderChoice.parse("jpeg-q80-moz").settings().jpegMozjpeg());
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
