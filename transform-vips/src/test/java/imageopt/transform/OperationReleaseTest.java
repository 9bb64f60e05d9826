package imageopt.transform;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import imageopt.vips.Operation;
import imageopt.vips.VipsException;
import imageopt.vips.VipsImage;
import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** A failed build releases its operation even when the caller never got to hold it. */
class OperationReleaseTest {
    @Test
    void aFailedBuildChainedIntoTryWithResourcesLeavesNoObjectBehind() {
        byte[] notAPng = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8};
        long before = LibvipsObjects.alive();
        try (Arena arena = Arena.ofConfined()) {
            var buffer = arena.allocateFrom(JAVA_BYTE, notAPng);
            for (int i = 0; i < 100; i++) {
                assertThrows(VipsException.class, () -> {
                    try (Operation load = Operation.of("pngload_buffer").setBuffer("buffer", buffer).build();
                         VipsImage ignored = load.image("out")) {
                        throw new AssertionError("a garbage PNG must not load");
                    }
                });
            }
        }
        assertEquals(before, LibvipsObjects.alive());
    }
}
