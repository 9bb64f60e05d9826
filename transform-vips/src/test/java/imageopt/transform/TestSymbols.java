package imageopt.transform;

import imageopt.vips.Vips;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only access to C functions the binding does not expose (GLib logging, libvips' object
 * registry), looked up in the very library the engine loaded (the Sharp build links GLib in).
 */
final class TestSymbols {
    static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBVIPS;

    static {
        Vips.start();
        String where = Vips.libraryLocation();
        LIBVIPS = Files.isRegularFile(Path.of(where))
                ? SymbolLookup.libraryLookup(Path.of(where), Arena.global())
                : SymbolLookup.libraryLookup(where, Arena.global());
    }

    private TestSymbols() {}

    static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LIBVIPS.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name)), descriptor);
    }
}
