package imageopt.vips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void thumbnailsAJpeg() throws Exception {
        byte[] jpeg = Files.readAllBytes(Path.of(System.getProperty("imageopt.corpus"), "friends_by_Aitzol_Berasategi.jpg"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocateFrom(ValueLayout.JAVA_BYTE, jpeg);
            try (Operation t = Operation.of("thumbnail_buffer").setBuffer("buffer", buf).set("width", 200).build();
                 VipsImage img = t.image("out")) {
                assertEquals(200, Math.max(img.width(), img.height()));
                try (Operation save = Operation.of("webpsave_buffer").set("in", img).build()) {
                    byte[] out = save.bytes("buffer");
                    System.out.println(Vips.version() + " " + Vips.libraryLocation() + " " + out.length + " " + img.height());
                }
            }
        }
    }
}
