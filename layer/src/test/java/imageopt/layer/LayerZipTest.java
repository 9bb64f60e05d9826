package imageopt.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The layer zips hold exactly the pinned library at lib/ (Lambda puts it in /opt/lib), built for
 * the right machine and exporting the C API. The arm64 one cannot run here: it is checked by its
 * ELF header and dynamic symbol table, read directly.
 */
class LayerZipTest {
    private static final int EM_X86_64 = 62, EM_AARCH64 = 183;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64, 62", "arm64, 183"})
    void zipHoldsTheLibraryForItsMachine(String arch, int machine) throws IOException {
        String version = System.getProperty("libvips.version");
        Path zip = Path.of(System.getProperty("imageopt.layer.dir"), "libvips-layer-" + arch + ".zip");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var entry = z.getEntry("lib/libvips-cpp.so." + version);
            assertTrue(entry != null, zip + " has lib/libvips-cpp.so." + version);
            byte[] elf = z.getInputStream(entry).readAllBytes();
            ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x464C457F, b.getInt(0), "ELF magic");
            assertEquals(2, elf[4], "64-bit");
            assertEquals(machine, b.getShort(18) & 0xFFFF, "e_machine");
            assertTrue(exportsFunction(b, "vips_init"), "exports vips_init");
            assertTrue(exportsFunction(b, "vips_thumbnail_buffer"), "exports vips_thumbnail_buffer");
            assertTrue(exportsFunction(b, "g_object_unref"), "exports g_object_unref");
            assertTrue(!exportsFunction(b, "vips_no_such_function"), "the reader can say no");
        }
        assertTrue(machine == EM_X86_64 || machine == EM_AARCH64);
    }

    /** A defined, global function of that name in .dynsym (section headers of a 64-bit ELF). */
    static boolean exportsFunction(ByteBuffer b, String name) {
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3A) & 0xFFFF, shnum = b.getShort(0x3C) & 0xFFFF;
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            if (b.getInt(sh + 4) != 11) continue; // SHT_DYNSYM
            int link = b.getInt(sh + 40);
            long symOff = b.getLong(sh + 24), symSize = b.getLong(sh + 32), entSize = b.getLong(sh + 56);
            long strOff = b.getLong((int) (shoff + (long) link * shentsize) + 24);
            for (long s = symOff; s < symOff + symSize; s += entSize) {
                int info = b.get((int) s + 4) & 0xFF, shndx = b.getShort((int) s + 6) & 0xFFFF;
                boolean globalFunction = (info >> 4) == 1 && (info & 0xF) == 2 && shndx != 0;
                if (globalFunction && name.equals(cString(b, (int) (strOff + b.getInt((int) s))))) return true;
            }
        }
        return false;
    }

    private static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) end++;
        byte[] bytes = new byte[end - at];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
