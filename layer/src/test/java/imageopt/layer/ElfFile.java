package imageopt.layer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the dynamic loader reads from a 64-bit little-endian ELF shared object, read from its
 * section headers: the machine, the soname, the NEEDED libraries, the symbol versions it needs
 * from each (.gnu.version_r) and those it defines (.gnu.version_d). Enough to tell whether a set
 * of files loads on a given glibc without running any of them.
 */
record ElfFile(int machine, Optional<String> soname, List<String> needed,
               Map<String, Set<String>> versionsNeeded, Set<String> versionsDefined) {

    static final int EM_X86_64 = 62, EM_AARCH64 = 183;
    private static final int SHT_DYNAMIC = 6, SHT_GNU_VERDEF = 0x6ffffffd, SHT_GNU_VERNEED = 0x6ffffffe;
    private static final int DT_NEEDED = 1, DT_SONAME = 14;

    static boolean isElf(byte[] bytes) {
        return bytes.length > 64 && bytes[0] == 0x7F && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    static ElfFile read(byte[] bytes) {
        if (!isElf(bytes)) throw new IllegalArgumentException("not an ELF file");
        if (bytes[4] != 2 || bytes[5] != 1) throw new IllegalArgumentException("not a 64-bit little-endian ELF file");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int machine = b.getShort(18) & 0xFFFF;
        List<Section> sections = sections(b);
        Optional<String> soname = Optional.empty();
        List<String> needed = new ArrayList<>();
        Map<String, Set<String>> versionsNeeded = new LinkedHashMap<>();
        Set<String> versionsDefined = new LinkedHashSet<>();
        for (Section s : sections) {
            Section strings = s.link < sections.size() ? sections.get(s.link) : null;
            switch (s.type) {
                case SHT_DYNAMIC -> {
                    for (long at = s.offset; at + 16 <= s.offset + s.size; at += 16) {
                        long tag = b.getLong((int) at), value = b.getLong((int) at + 8);
                        if (tag == 0) break;
                        if (tag == DT_NEEDED) needed.add(cString(b, strings, value));
                        if (tag == DT_SONAME) soname = Optional.of(cString(b, strings, value));
                    }
                }
                case SHT_GNU_VERNEED -> {
                    // Elf64_Verneed {vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32}
                    // Elf64_Vernaux {vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32}
                    int need = (int) s.offset;
                    while (true) {
                        int count = b.getShort(need + 2) & 0xFFFF;
                        String file = cString(b, strings, b.getInt(need + 4));
                        int aux = need + b.getInt(need + 8);
                        for (int i = 0; i < count; i++) {
                            versionsNeeded.computeIfAbsent(file, f -> new LinkedHashSet<>()).add(cString(b, strings, b.getInt(aux + 8)));
                            aux += b.getInt(aux + 12);
                        }
                        int next = b.getInt(need + 12);
                        if (next == 0) break;
                        need += next;
                    }
                }
                case SHT_GNU_VERDEF -> {
                    // Elf64_Verdef {vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32}
                    // Elf64_Verdaux {vda_name u32, vda_next u32}; the first aux names the version itself
                    int def = (int) s.offset;
                    while (true) {
                        versionsDefined.add(cString(b, strings, b.getInt(def + b.getInt(def + 12))));
                        int next = b.getInt(def + 16);
                        if (next == 0) break;
                        def += next;
                    }
                }
                default -> { }
            }
        }
        return new ElfFile(machine, soname, List.copyOf(needed), versionsNeeded, versionsDefined);
    }

    private record Section(int type, long offset, long size, int link) {}

    private static List<Section> sections(ByteBuffer b) {
        long shoff = b.getLong(0x28);
        int shentsize = b.getShort(0x3A) & 0xFFFF, shnum = b.getShort(0x3C) & 0xFFFF;
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * shentsize);
            out.add(new Section(b.getInt(sh + 4), b.getLong(sh + 24), b.getLong(sh + 32), b.getInt(sh + 40)));
        }
        return out;
    }

    private static String cString(ByteBuffer b, Section strings, long index) {
        if (strings == null) throw new IllegalArgumentException("a string table index without a string table");
        int at = (int) (strings.offset + index), end = at;
        while (b.get(end) != 0) end++;
        byte[] bytes = new byte[end - at];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
