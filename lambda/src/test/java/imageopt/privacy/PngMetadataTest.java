package imageopt.privacy;

import static imageopt.testing.Exif.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.testing.Exif;
import imageopt.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PngMetadataTest {
    private static final String LOADER = "pngload_buffer";
    private static final byte[] PNG = TestImages.photoAs("png", 64);

    /** The PNG with text, XMP, EXIF (GPS) and time chunks after IHDR, and a gAMA that must stay. */
    static byte[] tagged(int orientation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ihdrEnd = 8 + 12 + 13;
        out.write(PNG, 0, ihdrEnd);
        TestImages.chunk(out, "eXIf", Exif.tiffWithGps(orientation));
        TestImages.chunk(out, "tEXt", "Author\0Jane Doe".getBytes(StandardCharsets.ISO_8859_1));
        TestImages.chunk(out, "iTXt", "XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>Jane Doe</x:xmpmeta>".getBytes(StandardCharsets.ISO_8859_1));
        TestImages.chunk(out, "zTXt", Exif.concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), deflate("Jane Doe's house")));
        TestImages.chunk(out, "tIME", new byte[] {0x07, (byte) 0xE9, 6, 15, 10, 15, 0});
        TestImages.chunk(out, "gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F});
        out.write(PNG, ihdrEnd, PNG.length - ihdrEnd);
        return out.toByteArray();
    }

    static byte[] deflate(String text) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(text.getBytes(StandardCharsets.ISO_8859_1));
        d.finish();
        byte[] buf = new byte[256];
        return java.util.Arrays.copyOf(buf, d.deflate(buf));
    }

    @Test
    void dropsTextXmpExifAndTimeKeepsOtherChunksAndEveryPixel() {
        byte[] in = tagged(1);
        assertNotNull(TestImages.field(in, LOADER, "exif-ifd3-GPSLatitude"), "the fixture's GPS is real EXIF that libvips reads");
        byte[] out = PngMetadata.strip(in, 1);
        assertNull(TestImages.field(out, LOADER, "exif-data"));
        for (String gone : new String[] {"eXIf", "tEXt", "iTXt", "zTXt", "tIME", "Jane Doe", "TestCam"}) {
            assertFalse(contains(out, gone), gone);
        }
        assertTrue(contains(out, "gAMA"));
        assertTrue(TestImages.samePixels(TestImages.pixels(PNG, LOADER), TestImages.pixels(out, LOADER)));
    }

    @Test
    void keepsTheOrientationAlone() {
        byte[] out = PngMetadata.strip(tagged(8), 8);
        assertEquals(8, TestImages.orientation(out, LOADER));
        assertFalse(contains(out, "TestCam"));
    }
}
