package imageopt.transform;

import static imageopt.transform.Fixtures.at;
import static imageopt.transform.Fixtures.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each fit mode gives exactly the dimensions of the plan, and positions pick the right part. */
class FitAndPositionTest {
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
    private static final byte[] SOURCE = Fixtures.png(Fixtures.quadrants(400, 300, false));

    @ParameterizedTest(name = "{0} -> {1}x{2}")
    @CsvSource(delimiter = '|', value = {
        "width=200                        | 200 | 150",
        "width=800                        | 400 | 300",
        "height=150                       | 200 | 150",
        "width=200,height=200             | 200 | 200",
        "width=800,height=800             | 300 | 300",
        "width=800,height=100             | 400 |  50",
        "width=200,height=200,fit=contain | 200 | 200",
        "width=800,height=800,fit=contain | 400 | 400",
        "width=800,height=100,fit=contain | 800 | 100",
        "width=200,height=100,fit=fill    | 200 | 100",
        "width=800,height=100,fit=fill    | 400 |  50",
        "width=200,height=200,fit=inside  | 200 | 150",
        "width=200,height=200,fit=outside | 267 | 200",
        "width=800,height=800,fit=outside | 400 | 300",
        "width=150,height=150,position=attention | 150 | 150",
        "width=150,height=150,position=entropy   | 150 | 150",
    })
    void dimensions(String spec, int width, int height) {
        for (OutputFormat format : new OutputFormat[] {OutputFormat.PNG, OutputFormat.JPEG}) {
            TransformResult r = ENGINE.transform(SOURCE, TransformSpec.parse(spec).withFormat(format));
            BufferedImage img = Fixtures.decode(r.bytes());
            assertEquals(width, img.getWidth(), spec + " " + format);
            assertEquals(height, img.getHeight(), spec + " " + format);
            assertEquals(width, r.width());
            assertEquals(height, r.height());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // 400x300 -> 100x300 box: resized 400x300, a vertical strip is kept
        "width=100,height=300,position=left         | RED",
        "width=100,height=300,position=top-left     | RED",
        "width=100,height=300,position=right        | GREEN",
        "width=100,height=300,position=bottom-right | GREEN",
        // 400x300 -> 400x100 box: a horizontal strip
        "width=400,height=100,position=top          | RED",
        "width=400,height=100,position=bottom       | BLUE",
        "width=400,height=100,position=bottom-left  | BLUE",
    })
    void coverKeepsThePositionedPart(String spec, String topLeft) {
        TransformResult r = ENGINE.transform(SOURCE, TransformSpec.parse("format=png," + spec));
        Color expected = switch (topLeft) {
            case "RED" -> Fixtures.TL;
            case "GREEN" -> Fixtures.TR;
            default -> Fixtures.BL;
        };
        Color actual = at(Fixtures.decode(r.bytes()), 0.05, 0.05);
        assertTrue(near(actual, expected, 10), spec + ": " + actual);
    }

    @Test
    void containPadsTransparentWhereAlphaIsKeptAndWhiteForJpeg() {
        String box = "width=300,height=300,fit=contain";
        BufferedImage png = Fixtures.decode(ENGINE.transform(SOURCE, TransformSpec.parse("format=png," + box)).bytes());
        assertEquals(0, Fixtures.alphaAt(png, 0.5, 0.02), "padding is transparent");
        assertEquals(255, Fixtures.alphaAt(png, 0.5, 0.3), "the image itself is opaque");
        BufferedImage jpeg = Fixtures.decode(ENGINE.transform(SOURCE, TransformSpec.parse("format=jpeg," + box)).bytes());
        assertTrue(near(at(jpeg, 0.5, 0.02), Color.WHITE, 8), "padding is white: " + at(jpeg, 0.5, 0.02));
        BufferedImage top = Fixtures.decode(ENGINE.transform(SOURCE, TransformSpec.parse("format=jpeg," + box + ",position=top")).bytes());
        assertTrue(near(at(top, 0.1, 0.02), Fixtures.TL, 40), "position=top puts the image at the top: " + at(top, 0.1, 0.02));
    }
}
