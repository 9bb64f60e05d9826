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
