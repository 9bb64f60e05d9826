package imageopt.transform;

import static imageopt.transform.Fixtures.at;
import static imageopt.transform.Fixtures.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.vips.VipsEnums.Angle;
import imageopt.vips.VipsEnums.Direction;
import imageopt.vips.VipsImage;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All eight EXIF orientations: the upright picture U is stored the way a camera would store it
 * for orientation o (the inverse of o's display transform) and tagged o; the result must show U.
 */
class OrientationTest {
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
    private static final byte[] UPRIGHT = Fixtures.png(Fixtures.quadrants(120, 80, false));

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void displaysUpright(int orientation) {
        byte[] jpeg = Fixtures.withImage(UPRIGHT, "", upright -> {
            try (VipsImage stored = storedFor(upright, orientation)) {
                return Fixtures.jpegWithOrientation(stored, orientation);
            }
        });
        assertEquals(orientation, ENGINE.readHeader(jpeg).orientation());

        TransformResult r = ENGINE.transform(jpeg, TransformSpec.parse("format=png,width=60"));
        BufferedImage out = Fixtures.decode(r.bytes());
        assertEquals(60, out.getWidth());
        assertEquals(40, out.getHeight());
        assertTrue(near(at(out, 0.2, 0.2), Fixtures.TL, 40), "top-left red: " + at(out, 0.2, 0.2));
        assertTrue(near(at(out, 0.8, 0.2), Fixtures.TR, 40), "top-right green: " + at(out, 0.8, 0.2));
        assertTrue(near(at(out, 0.2, 0.8), Fixtures.BL, 40), "bottom-left blue: " + at(out, 0.2, 0.8));
        assertTrue(near(at(out, 0.8, 0.8), Fixtures.BR, 40), "bottom-right yellow: " + at(out, 0.8, 0.8));
    }

    // Each orientation's display transform is its own inverse except 6 and 8, which swap.
    private static VipsImage storedFor(VipsImage u, int orientation) {
        return switch (orientation) {
            case 1 -> Fixtures.apply(u, "copy", op -> op);
            case 2 -> flip(u);
            case 3 -> rot(u, Angle.D180);
            case 4 -> Fixtures.apply(u, "flip", op -> op.set("direction", Direction.VERTICAL));
            case 5 -> { try (VipsImage r = rot(u, Angle.D90)) { yield flip(r); } }   // transpose
            case 6 -> rot(u, Angle.D270);
            case 7 -> { try (VipsImage r = rot(u, Angle.D270)) { yield flip(r); } }  // transverse
            case 8 -> rot(u, Angle.D90);
            default -> throw new IllegalArgumentException();
        };
    }

    private static VipsImage rot(VipsImage in, Angle angle) {
        return Fixtures.apply(in, "rot", op -> op.set("angle", angle));
    }

    private static VipsImage flip(VipsImage in) {
        return Fixtures.apply(in, "flip", op -> op.set("direction", Direction.HORIZONTAL));
    }
}
