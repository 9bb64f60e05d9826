package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input format to every output format (and to "same as source"), on a small fixture. */
class FormatMatrixTest {
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
    private static final byte[] SOURCE_PNG = Fixtures.png(Fixtures.quadrants(160, 120, false));

    static List<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (SourceFormat in : SourceFormat.values()) {
            for (OutputFormat out : OutputFormat.values()) {
                cases.add(Arguments.of(in, out));
            }
            cases.add(Arguments.of(in, null));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("matrix")
    void transformsAndEncodes(SourceFormat in, OutputFormat out) {
        byte[] source = Fixtures.as(in, SOURCE_PNG);
        assertEquals(in, SourceFormat.sniff(source));
        TransformResult result = ENGINE.transform(source, TransformSpec.of(out, null, 80, null, null, null));

        OutputFormat expected = out != null ? out : in.sameAsSource(false);
        assertEquals(expected, result.format());
        assertEquals(expected.token(), SourceFormat.sniff(result.bytes()).token());
        // the SVG fixture is 64x48: never enlarged; the others are 160x120 -> 80x60
        int w = in == SourceFormat.SVG ? 64 : 80, h = in == SourceFormat.SVG ? 48 : 60;
        assertEquals(w, result.width());
        assertEquals(h, result.height());
        BufferedImage decoded = Fixtures.decode(result.bytes());
        assertEquals(w, decoded.getWidth());
        assertEquals(h, decoded.getHeight());
        assertTrue(Fixtures.near(Fixtures.at(decoded, 0.1, 0.1), Fixtures.TL, 70), "top-left stays red: " + Fixtures.at(decoded, 0.1, 0.1));
    }
}
