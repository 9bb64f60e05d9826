package imageopt.privacy;

import static imageopt.testing.Exif.contains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.testing.Exif;
import imageopt.testing.TestImages;
import org.junit.jupiter.api.Test;

class JpegMetadataTest {
    private static final String LOADER = "jpegload_buffer";
    private static final byte[] PHOTO = TestImages.photo(200);

    @Test
    void dropsExifGpsXmpIptcAndCommentsKeepsIccAndEveryPixel() {
        byte[] tagged = Exif.jpegWithPrivacyMetadata(PHOTO, 1);
        assertNotNull(TestImages.field(tagged, LOADER, "exif-ifd3-GPSLatitude"), "the fixture's GPS is real EXIF that libvips reads");

        byte[] stripped = JpegMetadata.strip(tagged, 1);

        assertNull(TestImages.field(stripped, LOADER, "exif-ifd3-GPSLatitude"));
        assertNull(TestImages.field(stripped, LOADER, "exif-data"));
        assertNull(TestImages.field(stripped, LOADER, "xmp-data"));
        assertNull(TestImages.field(stripped, LOADER, "iptc-data"));
        for (String secret : new String[] {"TestCam", "Jane Doe", "By-line", "Secret Street", "Exif", "http://ns.adobe.com"}) {
            assertFalse(contains(stripped, secret), secret);
        }
        assertTrue(contains(stripped, "ICC_PROFILE"));
        assertTrue(TestImages.samePixels(TestImages.pixels(PHOTO, LOADER), TestImages.pixels(stripped, LOADER)));
    }

    @Test
    void theEntropyCodedDataIsCopiedByteForByte() {
        byte[] stripped = JpegMetadata.strip(Exif.jpegWithPrivacyMetadata(PHOTO, 1), 1);
        int sos = indexOf(PHOTO, new byte[] {(byte) 0xFF, (byte) 0xDA});
        byte[] scan = java.util.Arrays.copyOfRange(PHOTO, sos, PHOTO.length);
        byte[] tail = java.util.Arrays.copyOfRange(stripped, stripped.length - scan.length, stripped.length);
        assertArrayEquals(scan, tail);
    }

    @Test
    void keepsTheOrientationAloneSoThePictureStillStandsUp() {
        byte[] stripped = JpegMetadata.strip(Exif.jpegWithPrivacyMetadata(PHOTO, 6), 6);
        assertEquals(6, TestImages.orientation(stripped, LOADER));
        assertNull(TestImages.field(stripped, LOADER, "exif-ifd3-GPSLatitude"));
        assertFalse(contains(stripped, "TestCam"));
    }

    @Test
    void keepsTheJfifHeaderButNoThumbnailOfAnyKind() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        byte[] jfifWithThumb = Exif.concat(new byte[] {'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 1, 1}, "RGB".getBytes());
        Exif.segment(out, 0xE0, jfifWithThumb);
        Exif.segment(out, 0xE0, Exif.concat("JFXX\0\u0013".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "stale thumbnail".getBytes()));
        out.write(PHOTO, 2, PHOTO.length - 2); // libvips wrote no APP0 of its own
        byte[] stripped = JpegMetadata.strip(out.toByteArray(), 1);
        assertFalse(contains(stripped, "JFXX"));
        assertFalse(contains(stripped, "stale thumbnail"));
        assertTrue(contains(stripped, "JFIF"));
        int jfif = indexOf(stripped, "JFIF".getBytes());
        assertEquals(0, stripped[jfif + 12]);
        assertEquals(0, stripped[jfif + 13]);
        assertEquals(16, (stripped[jfif - 2] << 8) | (stripped[jfif - 1] & 0xFF), "APP0 length: 14 bytes of header + 2");
        assertTrue(TestImages.samePixels(TestImages.pixels(PHOTO, LOADER), TestImages.pixels(stripped, LOADER)));
    }

    @Test
    void dropsWhatFollowsTheImage() {
        byte[] withTrailer = Exif.concat(PHOTO, "TRAILER with owner data".getBytes());
        assertFalse(contains(JpegMetadata.strip(withTrailer, 1), "TRAILER"));
    }

    @Test
    void refusesWhatItCannotWalk() {
        byte[] broken = java.util.Arrays.copyOf(PHOTO, 40);
        broken[2] = 0x12; // no marker where one must be
        assertThrows(MalformedImageException.class, () -> JpegMetadata.strip(broken, 1));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
