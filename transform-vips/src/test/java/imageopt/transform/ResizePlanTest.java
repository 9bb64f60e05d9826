package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import imageopt.transform.ResizePlan.Step;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The geometry DESIGN.md implies, worked out by hand for a 400x300 source. */
class ResizePlanTest {
    @ParameterizedTest(name = "{0} -> resize {1}x{2}, box {3}x{4}, {5}")
    @CsvSource(delimiter = '|', value = {
        "width=200 | 200 | 150 | 200 | 150 | NONE",
        "width=800 | 400 | 300 | 400 | 300 | NONE",
        "height=150 | 200 | 150 | 200 | 150 | NONE",
        "width=200,height=200 | 267 | 200 | 200 | 200 | CROP",
        "width=800,height=800 | 400 | 300 | 300 | 300 | CROP",
        "width=800,height=100 | 400 | 300 | 400 | 50 | CROP",
        "width=400,height=300 | 400 | 300 | 400 | 300 | NONE",
        "width=200,height=200,fit=contain | 200 | 150 | 200 | 200 | EMBED",
        "width=800,height=800,fit=contain | 400 | 300 | 400 | 400 | EMBED",
        "width=800,height=100,fit=contain | 133 | 100 | 800 | 100 | EMBED",
        "width=200,height=100,fit=fill | 200 | 100 | 200 | 100 | NONE",
        "width=800,height=600,fit=fill | 400 | 300 | 400 | 300 | NONE",
        "width=800,height=100,fit=fill | 400 | 50 | 400 | 50 | NONE",
        "width=200,height=200,fit=inside | 200 | 150 | 200 | 150 | NONE",
        "width=800,height=800,fit=inside | 400 | 300 | 400 | 300 | NONE",
        "width=200,height=200,fit=outside | 267 | 200 | 267 | 200 | NONE",
        "width=800,height=800,fit=outside | 400 | 300 | 400 | 300 | NONE",
    })
    void planFor400x300(String spec, int rw, int rh, int bw, int bh, Step step) {
        ResizePlan plan = ResizePlan.of(400, 300, TransformSpec.parse(spec), 4096);
        assertEquals(new ResizePlan(rw, rh, bw, bh, step), plan);
    }

    @Test
    void implicitSizesAreCappedToTheMaximumDimension() {
        assertEquals(new ResizePlan(4096, 2048, 4096, 2048, Step.NONE), ResizePlan.of(6000, 3000, TransformSpec.ORIGINAL, 4096));
        assertEquals(new ResizePlan(8, 4096, 8, 4096, Step.NONE), ResizePlan.of(100, 50000, TransformSpec.parse("width=300"), 4096));
    }

    @Test
    void askedSizesOverTheMaximumAreInvalid() {
        assertThrows(InvalidSpecException.class, () -> ResizePlan.of(6000, 3000, TransformSpec.parse("width=5000"), 4096));
        assertThrows(InvalidSpecException.class, () -> ResizePlan.of(6000, 3000, TransformSpec.parse("height=4097"), 4096));
    }

    @Test
    void neverBelowOnePixel() {
        assertEquals(new ResizePlan(1, 1, 1, 1, Step.NONE), ResizePlan.of(10000, 1, TransformSpec.parse("width=1"), 4096));
    }

    @Test
    void cropOffsetsFollowThePosition() {
        ResizePlan plan = ResizePlan.of(400, 300, TransformSpec.parse("width=200,height=200"), 4096); // 267x200 -> 200x200
        assertEquals(0, plan.cropLeft(Position.LEFT));
        assertEquals(67, plan.cropLeft(Position.RIGHT));
        assertEquals(33, plan.cropLeft(Position.CENTRE));
        assertEquals(67, plan.cropLeft(Position.BOTTOM_RIGHT));
        assertEquals(0, plan.cropTop(Position.BOTTOM));
    }
}
