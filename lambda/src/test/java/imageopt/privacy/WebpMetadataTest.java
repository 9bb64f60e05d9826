package imageopt.privacy;

import static imageopt.testing.Exif.contains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.testing.Exif;
import imageopt.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebpMetadataTest {
    private static final String LOADER = "webpload_buffer";
    private static final byte[] SIMPLE = TestImages.photoAs("webp", 64);

    /** An extended WebP as cameras' and editors' exports look: VP8X, the image, EXIF (GPS), XMP. */
    static byte[] extended(int orientation) {
        int width = 64;
        int height = TestImages.pixels(SIMPLE, LOADER).getHeight();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer vp8x = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.put((byte) (0x08 | 0x04)).put(new byte[3]);
        vp8x.put((byte) (width - 1)).put((byte) ((width - 1) >> 8)).put((byte) 0);
        vp8x.put((byte) (height - 1)).put((byte) ((height - 1) >> 8)).put((byte) 0);
        chunk(body, "VP8X", vp8x.array());
        body.write(SIMPLE, 12, SIMPLE.length - 12); // the VP8 chunk as libwebp wrote it
        chunk(body, "EXIF", Exif.tiffWithGps(orientation));
        chunk(body, "XMP ", "<x:xmpmeta>Jane Doe</x:xmpmeta>".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream riff = new ByteArrayOutputStream();
        riff.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        riff.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
        riff.writeBytes(body.toByteArray());
        return riff.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
        out.writeBytes(fourcc.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array());
        out.writeBytes(data);
        if ((data.length & 1) == 1) out.write(0);
    }

    @Test
    void dropsExifAndXmpFixesRiffSizeAndFlagsKeepsEveryPixel() {
        byte[] in = extended(1);
        assertNotNull(TestImages.field(in, LOADER, "exif-ifd3-GPSLatitude"), "the fixture's GPS is real EXIF that libvips reads");
        byte[] out = WebpMetadata.strip(in, 1);
        assertNull(TestImages.field(out, LOADER, "exif-data"));
        assertNull(TestImages.field(out, LOADER, "xmp-data"));
        assertFalse(contains(out, "Jane Doe"));
        assertFalse(contains(out, "TestCam"));
        assertEquals(out.length - 8, ByteBuffer.wrap(out, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(0, out[20] & 0x0C, "EXIF and XMP flags cleared");
        assertTrue(TestImages.samePixels(TestImages.pixels(SIMPLE, LOADER), TestImages.pixels(out, LOADER)));
    }

    @Test
    void keepsTheOrientationAloneWithItsFlag() {
        byte[] out = WebpMetadata.strip(extended(3), 3);
        assertEquals(3, TestImages.orientation(out, LOADER));
        assertEquals(0x08, out[20] & 0x0C);
        assertFalse(contains(out, "TestCam"));
    }

    @Test
    void aSimpleWebpHasNoMetadataAndComesBackAsItIs() {
        assertArrayEquals(SIMPLE, WebpMetadata.strip(SIMPLE, 1));
    }
}
