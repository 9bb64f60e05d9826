package imageopt.transform;

import static imageopt.transform.Fixtures.at;
import static imageopt.transform.Fixtures.near;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.vips.Operation;
import imageopt.vips.VipsEnums.Interpretation;
import imageopt.vips.VipsImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** Animation kept or dropped, alpha kept or flattened, CMYK and 16-bit made 8-bit sRGB. */
class AnimationAndColourTest {
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
    private static final Color[] FRAME_COLOURS = {Color.RED, Color.GREEN, Color.BLUE};
    private static final int[] DELAYS = {100, 200, 300};

    private static Info info(byte[] encoded) {
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of(SourceFormat.sniff(encoded).loader()).setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, encoded)).set("n", -1).build();
             VipsImage img = load.image("out")) {
            return new Info(img.pages(), img.width(), img.pageHeight(), img.intArrayField("delay"), img.intField("loop", -1));
        }
    }

    record Info(int pages, int width, int pageHeight, int[] delay, int loop) {}

    @Test
    void animatedGifStaysAnimatedInWebpAndGif() {
        byte[] gif = AnimatedGifs.make(FRAME_COLOURS, 64, 48, DELAYS);
        assertEquals(3, ENGINE.readHeader(gif).frames());
        for (OutputFormat format : new OutputFormat[] {OutputFormat.WEBP, OutputFormat.GIF}) {
            TransformResult r = ENGINE.transform(gif, TransformSpec.of(format, null, 32, null, null, null));
            assertEquals(3, r.frames(), format.token());
            Info out = info(r.bytes());
            assertEquals(3, out.pages(), format.token());
            assertEquals(32, out.width());
            assertEquals(24, out.pageHeight());
            assertArrayEquals(DELAYS, out.delay(), format.token() + " delays");
            assertEquals(0, out.loop(), format.token() + " loops forever");
        }
        // cover crop applies to every frame
        TransformResult cropped = ENGINE.transform(gif, TransformSpec.parse("format=webp,width=20,height=20,position=left"));
        Info out = info(cropped.bytes());
        assertEquals(3, out.pages());
        assertEquals(20, out.width());
        assertEquals(20, out.pageHeight());
    }

    @Test
    void animationToAvifOrJpegTakesTheFirstFrame() {
        byte[] gif = AnimatedGifs.make(FRAME_COLOURS, 64, 48, DELAYS);
        for (OutputFormat format : new OutputFormat[] {OutputFormat.AVIF, OutputFormat.JPEG, OutputFormat.PNG}) {
            TransformResult r = ENGINE.transform(gif, TransformSpec.of(format, null, 32, null, null, null));
            assertEquals(1, r.frames());
            BufferedImage img = Fixtures.decode(r.bytes());
            assertEquals(24, img.getHeight());
            assertTrue(near(at(img, 0.5, 0.5), Color.RED, 40), format + ": " + at(img, 0.5, 0.5));
        }
    }

    @Test
    void alphaIsKeptWhereTheFormatHasItAndFlattenedOnWhiteForJpeg() {
        byte[] png = Fixtures.png(Fixtures.quadrants(200, 160, true)); // transparent band across the middle
        for (OutputFormat format : new OutputFormat[] {OutputFormat.PNG, OutputFormat.WEBP, OutputFormat.AVIF}) {
            BufferedImage img = Fixtures.decode(ENGINE.transform(png, TransformSpec.of(format, null, 100, null, null, null)).bytes());
            assertTrue(Fixtures.alphaAt(img, 0.5, 0.5) < 20, format + " keeps transparency");
            assertTrue(Fixtures.alphaAt(img, 0.2, 0.1) > 235, format + " keeps opacity");
        }
        BufferedImage jpeg = Fixtures.decode(ENGINE.transform(png, TransformSpec.parse("format=jpeg,width=100")).bytes());
        assertTrue(near(at(jpeg, 0.5, 0.5), Color.WHITE, 10), "flattened on white: " + at(jpeg, 0.5, 0.5));
    }

    @Test
    void cmykAndSixteenBitInputsComeOutEightBitSrgb() {
        byte[] png = Fixtures.png(Fixtures.quadrants(120, 80, false));
        byte[] cmykJpeg = Fixtures.withImage(png, "", img -> {
            try (VipsImage cmyk = Fixtures.apply(img, "colourspace", op -> op.set("space", Interpretation.CMYK))) {
                assertEquals(4, cmyk.bands());
                return Fixtures.save(cmyk, "jpegsave_buffer", op -> op);
            }
        });
        byte[] png16 = Fixtures.withImage(png, "", img -> {
            try (VipsImage rgb16 = Fixtures.apply(img, "colourspace", op -> op.set("space", Interpretation.RGB16))) {
                return Fixtures.save(rgb16, "pngsave_buffer", op -> op.set("bitdepth", 16));
            }
        });
        assertEquals(16, png16[24], "fixture is a 16-bit PNG");
        for (byte[] source : new byte[][] {cmykJpeg, png16}) {
            byte[] out = ENGINE.transform(source, TransformSpec.parse("format=png,width=60")).bytes();
            assertEquals(8, out[24], "8-bit PNG out");
            assertEquals(2, out[25], "colour type 2: RGB");
            BufferedImage img = Fixtures.decode(out);
            assertTrue(near(at(img, 0.2, 0.2), Fixtures.TL, 60), "still red: " + at(img, 0.2, 0.2));
        }
    }

    @Test
    void realPhotographs() {
        byte[] kleiber = TestImages.largePhotoBytes(); // 20 MP, the nuthatch at its original size
        ImageHeader h = ENGINE.readHeader(kleiber);
        assertEquals(new ImageHeader(SourceFormat.JPEG, 6028, 3391, 1, 1, false), h);
        TransformResult avif = ENGINE.transform(kleiber, TransformSpec.parse("format=avif,width=800"));
        assertEquals(800, avif.width());
        assertEquals(450, avif.height());
        assertEquals("avif", SourceFormat.sniff(avif.bytes()).token());

        TransformResult portrait = ENGINE.transform(TestImages.sampleBytes("friends_by_Aitzol_Berasategi.jpg"), TransformSpec.parse("format=webp,height=300"));
        assertEquals(200, portrait.width());
        assertEquals(300, portrait.height());

        TransformResult calla = ENGINE.transform(TestImages.sampleBytes("calla.png"), TransformSpec.parse("format=jpeg,width=370,height=240,fit=contain"));
        assertEquals(370, calla.width());
        assertEquals(240, calla.height());
    }
}
