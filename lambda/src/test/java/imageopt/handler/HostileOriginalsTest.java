package imageopt.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.edge.HttpDate;
import imageopt.privacy.IccProfile;
import imageopt.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Originals served as they are (/original) are held to the transforms' limits, keep only small
 * valid ICC profiles, and carry an IMF-fixdate Last-Modified (issue 13).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileOriginalsTest {
    Harness fn;
    byte[] photo;

    @BeforeAll
    void start() {
        fn = Harness.start(Map.of());
        photo = TestImages.photo(96);
        fn.s3.put(Harness.ORIGINALS, "bombs/30000x30000.png", TestImages.pngBomb(30000, 30000), "image/png");
        fn.s3.put(Harness.ORIGINALS, "bombs/1x99999999.png", TestImages.pngBomb(1, 99_999_999), "image/png");
        fn.s3.put(Harness.ORIGINALS, "bombs/99999999x1.png", TestImages.pngBomb(99_999_999, 1), "image/png");
        fn.s3.put(Harness.ORIGINALS, "bombs/65500x65500.jpg", TestImages.jpegBomb(65500, 65500), "image/jpeg");
        fn.s3.put(Harness.ORIGINALS, "bombs/1001-frames.gif", TestImages.gifFrames(1001), "image/gif");
        fn.s3.put(Harness.ORIGINALS, "ok/10-frames.gif", TestImages.gifFrames(10), "image/gif");
    }

    @AfterAll
    void stop() {
        fn.closeAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"30000x30000.png", "1x99999999.png", "99999999x1.png", "65500x65500.jpg", "1001-frames.gif"})
    void aBombIs413AsAnOriginalAsInATransform(String name) {
        for (String operations : new String[] {"original", "format=webp,width=10"}) {
            Harness.Response r = fn.get("/bombs/" + name + "/" + operations);
            assertEquals(413, r.status(), operations + ": " + new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("urn:imageopt:problem:too-large", r.problem().get("type"));
            assertTrue(((String) r.problem().get("detail")).contains("over the limit"), r.problem().toString());
        }
        assertEquals(413, fn.head("/bombs/" + name + "/original").status());
    }

    @Test
    void anAnimationWithinTheFrameLimitIsStillServed() {
        Harness.Response r = fn.get("/ok/10-frames.gif/original");
        assertEquals(200, r.status());
        assertEquals("image/gif", r.header("Content-Type"));
    }

    @Test
    void aLargeJunkIccProfileIsDroppedAndThePixelsConvertedToSrgb() {
        byte[] junk = new byte[1 << 20];
        new Random(13).nextBytes(junk);
        byte[] jpeg = TestImages.jpegWithIcc(photo, junk);
        fn.s3.put(Harness.ORIGINALS, "icc/junk-1mb.jpg", jpeg, "image/jpeg");
        Harness.Response r = fn.get("/icc/junk-1mb.jpg/original");
        assertEquals(200, r.status());
        assertEquals("image/jpeg", r.header("Content-Type"));
        assertFalse(containsIcc(r.body()), "no profile left");
        assertTrue(r.body().length < photo.length * 3, r.body().length + " bytes");
        assertEquals(96, TestImages.pixels(r.body(), "jpegload_buffer").getWidth());
    }

    @Test
    void aSmallInvalidProfileIsDroppedToo() {
        byte[] junk = "not an ICC profile at all".repeat(20).getBytes(StandardCharsets.US_ASCII);
        fn.s3.put(Harness.ORIGINALS, "icc/junk-small.jpg", TestImages.jpegWithIcc(photo, junk), "image/jpeg");
        Harness.Response r = fn.get("/icc/junk-small.jpg/original");
        assertEquals(200, r.status());
        assertFalse(containsIcc(r.body()));
    }

    @Test
    void aSmallValidProfileIsKeptByteForByte() {
        byte[] p3 = TestImages.builtInProfile("p3");
        assertTrue(IccProfile.valid(p3) && p3.length <= IccProfile.MAX_BYTES, p3.length + " bytes");
        byte[] jpeg = TestImages.jpegWithIcc(photo, p3);
        fn.s3.put(Harness.ORIGINALS, "icc/p3.jpg", jpeg, "image/jpeg");
        Harness.Response r = fn.get("/icc/p3.jpg/original");
        assertEquals(200, r.status());
        assertTrue(containsIcc(r.body()));
        assertEquals(jpeg.length, r.body().length, "stripped without re-encoding: nothing else to drop");
    }

    @Test
    void aValidProfileOverTheBoundIsConverted() {
        byte[] cmyk = TestImages.builtInProfile("cmyk");
        assertTrue(IccProfile.valid(cmyk) && cmyk.length > IccProfile.MAX_BYTES, cmyk.length + " bytes");
        byte[] srgb = TestImages.builtInProfile("srgb");
        // an RGB image wearing an oversized, valid RGB-class profile: the sRGB one padded inside its last tag
        byte[] big = java.util.Arrays.copyOf(srgb, IccProfile.MAX_BYTES + 4096);
        java.nio.ByteBuffer.wrap(big).putInt(0, big.length);
        assertTrue(IccProfile.valid(big));
        fn.s3.put(Harness.ORIGINALS, "icc/big.jpg", TestImages.jpegWithIcc(photo, big), "image/jpeg");
        Harness.Response r = fn.get("/icc/big.jpg/original");
        assertEquals(200, r.status());
        assertFalse(containsIcc(r.body()));
    }

    @Test
    void theOriginsImagesCarryAnImfFixdateLastModified() {
        fn.s3.put(Harness.ORIGINALS, "ok/photo.jpg", photo, "image/jpeg");
        for (String path : new String[] {"/ok/photo.jpg/original", "/ok/photo.jpg/format=webp,width=20"}) {
            String lastModified = fn.get(path).header("Last-Modified");
            assertTrue(lastModified.matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d\\d:\\d\\d:\\d\\d GMT"), lastModified);
            Instant t = HttpDate.parse(lastModified).orElseThrow();
            assertTrue(Duration.between(t, Instant.now()).abs().getSeconds() < 60, lastModified);
        }
    }

    private static boolean containsIcc(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).contains("ICC_PROFILE");
    }
}
