package imageopt.vips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryLocatorTest {
    @Test
    void searchesTheLayerPathBeforeTheBuildCopy() {
        List<Path> candidates = LibraryLocator.candidates();
        assertEquals(Path.of("/opt/lib/libvips-cpp.so.8.18.7"), candidates.getFirst());
        assertTrue(candidates.stream().anyMatch(p -> p.endsWith(Path.of("layer/target/libvips/linux-x64/lib/libvips-cpp.so.8.18.7"))));
    }

    @Test
    void loadsTheBuildCopyHere() {
        assertTrue(Vips.libraryLocation().endsWith("layer/target/libvips/linux-x64/lib/libvips-cpp.so.8.18.7"), Vips.libraryLocation());
    }

    @Test
    void anExplicitPathThatDoesNotExistIsAnErrorNamingIt() {
        String old = System.getProperty(LibraryLocator.PROPERTY);
        System.setProperty(LibraryLocator.PROPERTY, "/nowhere/libvips.so");
        try {
            VipsException e = assertThrows(VipsException.class, LibraryLocator::load);
            assertTrue(e.getMessage().contains("/nowhere/libvips.so: no such file"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty(LibraryLocator.PROPERTY); else System.setProperty(LibraryLocator.PROPERTY, old);
        }
    }

    @Test
    void aFileThatIsNotALibraryIsRefusedWithItsReason() {
        System.setProperty(LibraryLocator.PROPERTY, System.getProperty("imageopt.libvips.headers") + "/vips/vips.h");
        try {
            VipsException e = assertThrows(VipsException.class, LibraryLocator::load);
            assertTrue(e.getMessage().contains("vips.h"), e.getMessage());
        } finally {
            System.clearProperty(LibraryLocator.PROPERTY);
        }
    }
}
