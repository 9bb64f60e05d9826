package imageopt.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether a layer zip's native code loads on a system that offers glibc and nothing else: every
 * NEEDED library is in the zip's lib/ or is part of glibc, every glibc symbol version asked for is
 * at most the given one (Lambda's Amazon Linux 2023 has glibc 2.34), and every version asked of a
 * library in the zip is one that library defines. Each problem is one line naming the file.
 */
final class LayerClosure {
    /** glibc's own libraries; the loader's name depends on the machine. */
    static final Set<String> GLIBC = Set.of("libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2");
    static final Map<Integer, String> LOADER = Map.of(ElfFile.EM_X86_64, "ld-linux-x86-64.so.2", ElfFile.EM_AARCH64, "ld-linux-aarch64.so.1");

    private LayerClosure() {}

    /** Every ELF file of the zip, by entry name. */
    static Map<String, ElfFile> elfFiles(Path zip) throws IOException {
        Map<String, ElfFile> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(z.entries())) {
                if (entry.isDirectory()) continue;
                byte[] bytes = z.getInputStream(entry).readAllBytes();
                if (ElfFile.isElf(bytes)) out.put(entry.getName(), ElfFile.read(bytes));
            }
        }
        return out;
    }

    static List<String> problems(Map<String, ElfFile> files, int machine, String newestGlibc) {
        Map<String, ElfFile> inLib = new LinkedHashMap<>();
        files.forEach((name, elf) -> {
            if (name.startsWith("lib/") && name.indexOf('/', 4) < 0) {
                inLib.put(name.substring(4), elf);
                elf.soname().ifPresent(soname -> inLib.putIfAbsent(soname, elf));
            }
        });
        String loader = LOADER.get(machine);
        List<String> problems = new ArrayList<>();
        files.forEach((name, elf) -> {
            if (elf.machine() != machine) problems.add(name + " is built for ELF machine " + elf.machine() + ", not " + machine);
            for (String needed : elf.needed()) {
                if (!inLib.containsKey(needed) && !GLIBC.contains(needed) && !needed.equals(loader)) {
                    problems.add(name + " needs " + needed + ", which neither the layer's lib/ nor glibc provides");
                }
            }
            elf.versionsNeeded().forEach((library, versions) -> {
                for (String version : versions) {
                    if (GLIBC.contains(library) || library.equals(loader)) {
                        if (!version.matches("GLIBC_\\d+(\\.\\d+)*") || compare(version, newestGlibc) > 0) {
                            problems.add(name + " needs " + version + " from " + library + ", newer than " + newestGlibc);
                        }
                    } else if (inLib.containsKey(library) && !inLib.get(library).versionsDefined().contains(version)) {
                        problems.add(name + " needs " + version + " from " + library + ", which the layer's copy does not define");
                    }
                }
            });
        });
        return problems;
    }

    /** Compares GLIBC_a.b[.c] versions numerically. */
    static int compare(String a, String b) {
        return Arrays.compare(numbers(a), numbers(b));
    }

    private static int[] numbers(String version) {
        return Arrays.stream(version.substring(version.indexOf('_') + 1).split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
