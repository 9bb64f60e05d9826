package imageopt.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The layer zips hold the pinned library at lib/ (Lambda puts it in /opt/lib), built for the
 * right machine and exporting the C API, and everything it needs beyond glibc 2.34 (Lambda's
 * Amazon Linux 2023). The arm64 one cannot run here: both are checked by reading their ELF
 * headers, dynamic sections and symbol versions directly.
 */
class LayerZipTest {
    private static final int EM_X86_64 = ElfFile.EM_X86_64, EM_AARCH64 = ElfFile.EM_AARCH64;
    /** The newest glibc the layer may ask for: Amazon Linux 2023's, which Lambda's java25 runs on. */
    static final String LAMBDA_GLIBC = "GLIBC_2.34";

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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x86_64, 62", "arm64, 183"})
    void everyElfFileLoadsWithGlibcAlone(String arch, int machine) throws IOException {
        Map<String, ElfFile> files = LayerClosure.elfFiles(zip(arch));
        assertEquals(List.of("lib/libgcc_s.so.1", "lib/libstdc++.so.6", "lib/libvips-cpp.so." + System.getProperty("libvips.version")),
                files.keySet().stream().sorted().toList(), "the ELF files of " + zip(arch));
        assertEquals(List.of(), LayerClosure.problems(files, machine, LAMBDA_GLIBC));
    }

    /** The check can fail: without the C++ runtime, or on an older glibc, it names what is missing. */
    @Test
    void theCheckNamesWhatIsMissing() throws IOException {
        Map<String, ElfFile> files = new LinkedHashMap<>(LayerClosure.elfFiles(zip("x86_64")));
        String libvips = "lib/libvips-cpp.so." + System.getProperty("libvips.version");
        assertEquals(List.of(libvips + " needs GLIBC_2.28 from libc.so.6, newer than GLIBC_2.27"),
                LayerClosure.problems(files, EM_X86_64, "GLIBC_2.27"));
        files.remove("lib/libstdc++.so.6");
        assertEquals(List.of(libvips + " needs libstdc++.so.6, which neither the layer's lib/ nor glibc provides"),
                LayerClosure.problems(files, EM_X86_64, LAMBDA_GLIBC));
        assertTrue(!LayerClosure.problems(files, EM_AARCH64, LAMBDA_GLIBC).isEmpty(), "the wrong machine is refused");
        assertTrue(LayerClosure.compare("GLIBC_2.2.5", "GLIBC_2.34") < 0 && LayerClosure.compare("GLIBC_2.35", "GLIBC_2.34") > 0);
    }

    private static Path zip(String arch) {
        return Path.of(System.getProperty("imageopt.layer.dir"), "libvips-layer-" + arch + ".zip");
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
