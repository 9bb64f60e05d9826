package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import imageopt.transform.TransformException.Kind;
import imageopt.vips.Operation;
import imageopt.vips.Vips;
import imageopt.vips.VipsImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and damaged inputs against the real engine: every one is answered by its typed error
 * (or, for a damaged file a browser would still show, by a valid image of the planned size), none
 * crashes the JVM, and the engine keeps working afterwards. Limits that must be checked from the
 * header are shown to be so: the decoders' own complaints (libvips warnings) never appear.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    private static final String SPEC = "format=webp,width=128";
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
    /** Each input format as libvips writes it, from the same 170x256 photograph. */
    private static final Map<String, byte[]> FIXTURES = new LinkedHashMap<>();
    private static int photoWidth;
    private static int photoHeight;
    private static LibvipsWarnings warnings;
    private static int allocationsBefore;
    private static long objectsBefore;

    @BeforeAll
    static void makeFixtures() {
        warnings = LibvipsWarnings.capture();
        allocationsBefore = Vips.trackedAllocations();
        objectsBefore = LibvipsObjects.alive();
        try (VipsImage photo = TestImages.photo()) {
            photoWidth = photo.width();
            photoHeight = photo.height();
            FIXTURES.put("jpeg", TestImages.jpeg(photo));
            FIXTURES.put("progressive-jpeg", TestImages.progressiveJpeg(photo));
            FIXTURES.put("png", TestImages.png(photo));
            FIXTURES.put("interlaced-png", TestImages.interlacedPng(photo));
            FIXTURES.put("webp", TestImages.webp(photo));
            FIXTURES.put("lossless-webp", TestImages.losslessWebp(photo));
            FIXTURES.put("gif", TestImages.gif(photo));
            FIXTURES.put("avif", TestImages.avif(photo));
            FIXTURES.put("tiff", TestImages.tiff(photo));
        }
    }

    @AfterAll
    static void stopCapturing() {
        warnings.close();
    }

    // --- not an image at all ---------------------------------------------------------------

    @Test
    @Order(1)
    void zeroBytesAreUnsupported() {
        assertKind(Kind.UNSUPPORTED, () -> ENGINE.transform(new byte[0], TransformSpec.parse(SPEC)));
        assertKind(Kind.UNSUPPORTED, () -> ENGINE.readHeader(new byte[0]));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99999})
    @Order(2)
    void randomBytesAreUnsupported(long seed) {
        Random random = new Random(seed);
        for (int length : new int[] {1, 2, 7, 16, 100, 1 + random.nextInt(64 * 1024)}) {
            byte[] noise = new byte[length];
            random.nextBytes(noise);
            assertKind(Kind.UNSUPPORTED, () -> ENGINE.transform(noise, TransformSpec.parse(SPEC)));
            assertKind(Kind.UNSUPPORTED, () -> ENGINE.readHeader(noise));
        }
    }

    static Stream<Arguments> magicThenNoise() {
        Map<String, byte[]> magic = new LinkedHashMap<>();
        magic.put("jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        magic.put("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        magic.put("gif", "GIF89a".getBytes(StandardCharsets.US_ASCII));
        magic.put("webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1));
        magic.put("tiff-le", new byte[] {'I', 'I', 42, 0});
        magic.put("tiff-be", new byte[] {'M', 'M', 0, 42});
        magic.put("avif", TestImages.ftyp("avif", "mif1", "avif"));
        magic.put("svg", "<svg ".getBytes(StandardCharsets.US_ASCII));
        List<Arguments> cases = new ArrayList<>();
        for (var entry : magic.entrySet()) {
            for (long seed : new long[] {7, 8, 9}) {
                cases.add(Arguments.of(entry.getKey(), entry.getValue(), seed));
            }
        }
        return cases.stream();
    }

    /** Right magic bytes, then noise: the loader's header read fails, or declares noise. */
    @ParameterizedTest(name = "{0} magic, seed {2}")
    @MethodSource("magicThenNoise")
    @Order(3)
    void magicBytesThenNoiseAreCorrupt(String format, byte[] magic, long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[magic.length + 16 + random.nextInt(4096)];
        random.nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        // noise in a header may declare a huge size (413) before anything else is wrong
        assertTransformsOr(bytes, EnumSet.of(Kind.CORRUPT, Kind.TOO_LARGE));
    }

    // --- truncated files ------------------------------------------------------------------

    static Stream<Arguments> truncations() {
        List<Arguments> cases = new ArrayList<>();
        for (String format : List.of("jpeg", "progressive-jpeg", "png", "interlaced-png", "webp", "lossless-webp", "gif", "avif", "tiff")) {
            // 16 and 64 bytes keep the magic bytes (a shorter file is not recognisable as anything)
            for (double cut : new double[] {16, 64, 0.1, 0.25, 0.5, 0.75, 0.9, -1}) {
                cases.add(Arguments.of(format, cut));
            }
        }
        return cases.stream();
    }

    /**
     * A file cut short either transforms into a valid image of exactly the planned size (the
     * decoder shows what it has, as browsers do) or is CORRUPT; never another kind, never a crash.
     */
    @ParameterizedTest(name = "{0} cut at {1} (bytes if > 1, fraction if < 1, last byte if -1)")
    @MethodSource("truncations")
    @Order(4)
    void truncatedFilesTransformOrAreCorrupt(String format, double at) {
        byte[] whole = FIXTURES.get(format);
        int length = at < 0 ? whole.length - 1 : at >= 1 ? (int) at : (int) Math.round(whole.length * at);
        double fraction = (double) length / whole.length;
        byte[] cut = Arrays.copyOf(whole, length);
        TransformResult result = assertTransformsOr(cut, EnumSet.of(Kind.CORRUPT));
        // Baseline/progressive JPEG, PNG and GIF cut after their headers are shown by browsers
        // (the missing rows grey or empty): the engine must serve them too, not refuse them.
        boolean browsersShowIt = Set.of("jpeg", "progressive-jpeg", "png", "gif").contains(format) && fraction >= 0.1;
        if (browsersShowIt) {
            assertNotNull(result, format + " cut at " + length + " of " + whole.length + " bytes should still transform");
        }
    }

    @Test
    @Order(5)
    void wholeFixturesTransform() {
        // the truncation results mean something only if the whole files are fine
        for (var entry : FIXTURES.entrySet()) {
            TransformResult result = ENGINE.transform(entry.getValue(), TransformSpec.parse(SPEC));
            assertPlannedWebp(result, entry.getKey());
        }
    }

    // --- declared sizes: refused from the header, nothing decoded ---------------------------

    /**
     * A 4 KB PNG declaring 30000x30000 (900 MP) is refused with TOO_LARGE from its header alone.
     * Its IDAT is garbage: any decode of it makes libpng complain, once per row (a libvips
     * warning each, as the control below shows). The refusal logs none: no decoder ran.
     */
    @Test
    @Order(10)
    void decompressionBombIsRefusedFromTheHeader() throws InterruptedException {
        byte[] bomb = TestImages.pngWithGarbageData(30000, 30000, 4000, 1);
        assertTrue(bomb.length < 5000, "a few KB: " + bomb.length);

        ImageHeader header = ENGINE.readHeader(bomb);
        assertEquals(30000, header.width());
        assertEquals(30000, header.height());

        long warningsBefore = LibvipsWarnings.count();
        long memoryBefore = TestImages.settle(Vips::trackedMemory); // earlier pipelines' threads wind down first
        long start = System.nanoTime();
        TransformException e = assertKind(Kind.TOO_LARGE, () -> ENGINE.transform(bomb, TransformSpec.parse("format=jpeg,width=100")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("30000x30000"), e.getMessage());
        assertEquals(warningsBefore, LibvipsWarnings.count(), "no decoder ran, so none complained; last: " + LibvipsWarnings.last());
        assertEquals(memoryBefore, Vips.trackedMemory(), "no pixel buffer was allocated");
        assertTrue(millis < 1000, "refused from the header at once, took " + millis + " ms");

        // Control: the same bytes, when the pixel limit lets them through, do reach the decoder,
        // which complains about the garbage IDAT (within a short budget: the point is that it starts).
        ImageTransformer permissive = new ImageTransformer(
                Limits.DEFAULT.withMaxSourcePixels(Long.MAX_VALUE).withTimeBudget(Duration.ofMillis(300)), EncoderSettings.fast());
        try {
            permissive.transform(bomb, TransformSpec.parse("format=jpeg,width=100"));
        } catch (TransformException expected) {
            assertTrue(EnumSet.of(Kind.TIMEOUT, Kind.CORRUPT).contains(expected.kind()), expected.kind() + ": " + expected.getMessage());
        }
        assertTrue(LibvipsWarnings.count() > warningsBefore, "a decode of this garbage IDAT is noticed by the warning count");
    }

    static Stream<Arguments> hugeDeclaredSizes() {
        byte[] jpeg = FIXTURES.get("jpeg");
        byte[] webp = FIXTURES.get("webp");
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='100000' height='100000'><rect width='9' height='9'/></svg>";
        return Stream.of(
                Arguments.of("GIF, 65535x65535 screen and frame", TestImages.gif(65535, 65535, 65535, 65535, 1)),
                Arguments.of("GIF, 16x16 screen, 65535x65535 frame", TestImages.gif(16, 16, 65535, 65535, 1)),
                Arguments.of("JPEG, SOF of 65500x65500 (libjpeg's largest)", TestImages.jpegDeclaring(jpeg, 65500, 65500)),
                Arguments.of("WebP, VP8 frame of 16383x16383", TestImages.webpDeclaring(webp, 16383, 16383)),
                Arguments.of("TIFF, 60000x60000 in one strip", TestImages.tiffDeclaring(60_000, 60_000)),
                Arguments.of("SVG, 100000x100000 canvas", svg.getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("PNG, 30000x30000", TestImages.pngWithGarbageData(30000, 30000, 100, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeDeclaredSizes")
    @Order(11)
    void hugeDeclaredSizesAreRefusedFromTheHeader(String what, byte[] bytes) {
        long warningsBefore = LibvipsWarnings.count();
        TransformException e = assertKind(Kind.TOO_LARGE, () -> ENGINE.transform(bytes, TransformSpec.parse(SPEC)));
        assertTrue(e.getMessage().contains("pixels"), e.getMessage());
        assertEquals(warningsBefore, LibvipsWarnings.count(), "no decoder ran; last warning: " + LibvipsWarnings.last());
    }

    /** libjpeg refuses any dimension over 65500 while reading the header: not a JPEG it can read. */
    @Test
    @Order(12)
    void jpegDeclaring65535IsCorrupt() {
        byte[] bytes = TestImages.jpegDeclaring(FIXTURES.get("jpeg"), 65535, 65535);
        assertKind(Kind.CORRUPT, () -> ENGINE.readHeader(bytes));
        assertKind(Kind.CORRUPT, () -> ENGINE.transform(bytes, TransformSpec.parse(SPEC)));
    }

    /** 3000 frames of 16x16 (0.8 MP in all): refused by the frame limit, read from the header. */
    @Test
    @Order(13)
    void animatedGifWithThousandsOfFramesIsRefused() {
        byte[] gif = TestImages.gif(16, 16, 16, 16, 3000);
        assertTrue(gif.length < 100_000, "a small file: " + gif.length);
        assertEquals(3000, ENGINE.readHeader(gif).frames());
        TransformException e = assertKind(Kind.TOO_LARGE, () -> ENGINE.transform(gif, TransformSpec.parse("format=webp,width=8")));
        assertTrue(e.getMessage().contains("frames"), e.getMessage());
        // control: the file itself is fine; under a frame limit that admits it, it transforms, every frame
        ImageTransformer permissive = new ImageTransformer(Limits.DEFAULT.withMaxFrames(5000), EncoderSettings.fast());
        TransformResult all = permissive.transform(gif, TransformSpec.parse("format=webp,width=8"));
        assertEquals(3000, all.frames());
    }

    /** Under the frame limit, but 999 frames of 320x320 make 102 MP: the pixel limit counts every frame. */
    @Test
    @Order(14)
    void pixelsAreSummedOverFrames() {
        byte[] gif = TestImages.gif(320, 320, 320, 320, 999);
        TransformException e = assertKind(Kind.TOO_LARGE, () -> ENGINE.transform(gif, TransformSpec.parse("format=webp,width=8")));
        assertTrue(e.getMessage().contains("999 frames"), e.getMessage());
    }

    @Test
    @Order(15)
    void sourceOverTheByteLimitIsRefused() {
        ImageTransformer small = new ImageTransformer(Limits.DEFAULT.withMaxSourceBytes(1000), EncoderSettings.fast());
        byte[] jpeg = FIXTURES.get("jpeg");
        assertTrue(jpeg.length > 1000);
        assertKind(Kind.TOO_LARGE, () -> small.transform(jpeg, TransformSpec.parse(SPEC)));
        assertKind(Kind.TOO_LARGE, () -> small.readHeader(jpeg));
    }

    // --- SVG: rasterised, nothing external fetched -----------------------------------------

    @TempDir
    static Path svgDir;

    /** A 64x64 white SVG that also asks for a red square (64x64) by some external means. */
    static Stream<Arguments> svgReferences() throws IOException {
        byte[] red = redPng();
        Files.write(svgDir.resolve("red.png"), red);
        Files.writeString(svgDir.resolve("red.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><rect id='r' width='64' height='64' fill='red'/></svg>");
        Files.writeString(svgDir.resolve("rect.xml"), "<rect width='64' height='64' fill='red'/>");
        Files.writeString(svgDir.resolve("red.css"), "rect { fill: red !important }");
        String file = svgDir.toUri().toString(); // file:///<temporary folder>/
        return Stream.of(
                Arguments.of("image href file:// URL", svg("<image href='" + file + "red.png' width='64' height='64'/>")),
                Arguments.of("image xlink:href file:// URL", svg("<image xlink:href='" + file + "red.png' width='64' height='64'/>")),
                Arguments.of("image href absolute path", svg("<image href='" + svgDir.resolve("red.png") + "' width='64' height='64'/>")),
                Arguments.of("image href relative path", svg("<image href='red.png' width='64' height='64'/>")),
                Arguments.of("use of another SVG file", svg("<use href='" + file + "red.svg#r'/>")),
                Arguments.of("feImage of a file", svg("<filter id='f'><feImage href='" + file + "red.png'/></filter><rect width='64' height='64' filter='url(#f)'/>")),
                Arguments.of("CSS @import of a file", svg("<style>@import url('" + file + "red.css');</style><rect width='64' height='64' fill='white'/>")),
                Arguments.of("XInclude of a file", svg("<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='" + file + "red.svg'/>")),
                Arguments.of("external XML entity (XXE)", ("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY ext SYSTEM '" + file + "rect.xml'>]>"
                        + new String(svg("&ext;"), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("image href http://127.0.0.1:9", svg("<image href='http://127.0.0.1:9/x.png' width='64' height='64'/>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("svgReferences")
    @Order(20)
    void svgRasterisesWithoutExternalContent(String what, byte[] svg) {
        long start = System.nanoTime();
        TransformResult result;
        try {
            result = ENGINE.transform(svg, TransformSpec.parse("format=png"));
        } catch (TransformException e) {
            // refusing the document outright (the XXE case) is as good as ignoring the reference
            assertEquals(Kind.CORRUPT, e.kind(), what + ": " + e.getMessage());
            return;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(64, result.width());
        assertEquals(64, result.height());
        assertEquals(0, redPixels(result.bytes()), what + ": the referenced red square must not be drawn");
        assertTrue(millis < 2000, what + " took " + millis + " ms");
    }

    /** An http reference to a live local server: the server never sees a connection. */
    @Test
    @Order(21)
    void svgNeverConnectsToAServer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket ignored = server.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/x.png";
            byte[] svg = svg("<image href='" + url + "' width='64' height='64'/><image xlink:href='" + url + "' width='64' height='64'/>"
                    + "<use href='" + url.replace(".png", ".svg") + "#r'/>");
            long start = System.nanoTime();
            TransformResult result = ENGINE.transform(svg, TransformSpec.parse("format=png"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, redPixels(result.bytes()));
            assertTrue(millis < 2000, "took " + millis + " ms");
            server.close();
            acceptor.join(Duration.ofSeconds(5));
            assertEquals(0, connections.get(), "connections to the referenced server");
        }
    }

    /** The positive control for the red-pixel check: an inline data: image is drawn (it fetches nothing). */
    @Test
    @Order(22)
    void svgDrawsAnInlineDataImage() {
        String data = "data:image/png;base64," + Base64.getEncoder().encodeToString(redPng());
        TransformResult result = ENGINE.transform(svg("<image href='" + data + "' width='64' height='64'/>"), TransformSpec.parse("format=png"));
        assertEquals(64 * 64, redPixels(result.bytes()));
    }

    // --- specs, formats not in this build --------------------------------------------------

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
            "", "width=0", "width=-1", "width=-300", "width=99999", "width=16384", "width=2147483648", "width=05", "width=+5",
            "width=3.0", "width=1e3", "width= 300", "width=300 ", " width=300", "width=", "=300", "width", "WIDTH=300",
            "height=0", "quality=0", "quality=101", "format=jpg", "format=JPEG", "format=webp,", ",format=webp",
            "height=300,width=300", "width=300,width=300", "width=300,height=300,fit=cover", "width=300,height=300,position=centre",
            "format=png,quality=80", "fit=contain", "original,width=300", "colour=red", "width=300;height=300", "width=３００"})
    @Order(30)
    void absurdSpecsAreInvalid(String spec) {
        TransformException e = assertKind(Kind.INVALID_SPEC, () -> TransformSpec.parse(spec));
        assertFalse(e.getMessage().isBlank());
    }

    /** A width the grammar admits but the engine's output limit (4096) does not. */
    @Test
    @Order(31)
    void sizesOverTheOutputLimitAreInvalid() {
        byte[] jpeg = FIXTURES.get("jpeg");
        assertKind(Kind.INVALID_SPEC, () -> ENGINE.transform(jpeg, TransformSpec.parse("width=5000")));
        assertKind(Kind.INVALID_SPEC, () -> ENGINE.transform(jpeg, TransformSpec.parse("width=100,height=16383")));
        assertKind(Kind.INVALID_SPEC, () -> TransformSpec.of(null, null, 0, null, null, null));
        assertKind(Kind.INVALID_SPEC, () -> TransformSpec.of(null, 0, null, null, null, null));
    }

    static Stream<Arguments> notInThisBuild() {
        return Stream.of(
                Arguments.of("HEIC (major brand heic)", TestImages.ftyp("heic", "mif1", "heic")),
                Arguments.of("HEIC (major brand mif1, compatible heic)", TestImages.ftyp("mif1", "mif1", "heic", "miaf")),
                Arguments.of("HEIC sequence (hevc)", TestImages.ftyp("hevc", "msf1", "hevc")),
                Arguments.of("HEIC (heix)", TestImages.ftyp("heix", "mif1", "heix")),
                Arguments.of("JPEG XL codestream", new byte[] {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x7F, 0x01, (byte) 0x90, 0x08, 0x06}),
                Arguments.of("JPEG XL container", new byte[] {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A, 0, 0, 0, 0x14, 'f', 't', 'y', 'p'}),
                Arguments.of("BMP", new byte[] {'B', 'M', 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0}),
                Arguments.of("PDF", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)),
                Arguments.of("QuickTime (ftyp qt)", TestImages.ftyp("qt  ", "qt  ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notInThisBuild")
    @Order(32)
    void formatsNotInThisBuildAreUnsupported(String what, byte[] bytes) {
        assertKind(Kind.UNSUPPORTED, () -> ENGINE.transform(bytes, TransformSpec.parse(SPEC)));
        assertKind(Kind.UNSUPPORTED, () -> ENGINE.readHeader(bytes));
    }

    // --- time budget ------------------------------------------------------------------------

    /** 1 ms for a 20 MP photo to AVIF: over time (the check between steps), and libvips is fine afterwards. */
    @Test
    @Order(40)
    void aOneMillisecondBudgetTimesOut() {
        byte[] photo = TestImages.largePhotoBytes();
        ImageTransformer hurried = new ImageTransformer(Limits.DEFAULT.withTimeBudget(Duration.ofMillis(1)), EncoderSettings.fast());
        assertKind(Kind.TIMEOUT, () -> hurried.transform(photo, TransformSpec.parse("format=avif")));
        assertPlannedWebp(ENGINE.transform(FIXTURES.get("jpeg"), TransformSpec.parse(SPEC)), "after the timeout");
    }

    /**
     * A budget that runs out while libvips computes pixels (20 MP JPEG to a 4096 px JPEG takes
     * a few hundred ms): the timer stops libvips' evaluation, the answer is TIMEOUT well before
     * the work would have ended, and the same transformer then works on something small.
     */
    @Test
    @Order(41)
    void aBudgetRunningOutMidEvaluationStopsIt() {
        byte[] photo = TestImages.largePhotoBytes();
        long start = System.nanoTime();
        ENGINE.transform(photo, TransformSpec.parse("format=jpeg"));
        long fullMillis = (System.nanoTime() - start) / 1_000_000;

        long budget = Math.max(20, fullMillis / 5);
        ImageTransformer hurried = new ImageTransformer(Limits.DEFAULT.withTimeBudget(Duration.ofMillis(budget)), EncoderSettings.fast());
        start = System.nanoTime();
        assertKind(Kind.TIMEOUT, () -> hurried.transform(photo, TransformSpec.parse("format=jpeg")));
        long timedOutMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("time budget: full transform %d ms; budget %d ms answered TIMEOUT after %d ms%n", fullMillis, budget, timedOutMillis);
        assertTrue(timedOutMillis < fullMillis, "stopped at " + timedOutMillis + " ms, the whole transform takes " + fullMillis + " ms");

        assertPlannedWebp(hurried.transform(FIXTURES.get("jpeg"), TransformSpec.parse(SPEC)), "after the timeout, same transformer");
    }

    // --- native references on failure ------------------------------------------------------

    /**
     * A header libvips cannot read fails the loader's build: the loader, its image and its source
     * must still be released (they were not, before ImageTransformer closed the operation on
     * that path). Counted exactly with libvips' registry of live objects.
     */
    @Test
    @Order(50)
    void failedHeaderReadsReleaseEveryLibvipsObject() throws InterruptedException {
        Map<String, byte[]> unreadable = new LinkedHashMap<>();
        FIXTURES.forEach((name, bytes) -> unreadable.put(name, Arrays.copyOf(bytes, 20)));
        unreadable.put("svg", "<svg xmlns='http://www.w3.org/2000/svg' width='9'".getBytes(StandardCharsets.US_ASCII));
        long before = TestImages.settle(LibvipsObjects::alive);
        for (var entry : unreadable.entrySet()) {
            for (int i = 0; i < 10; i++) {
                assertKind(Kind.CORRUPT, () -> ENGINE.transform(entry.getValue(), TransformSpec.parse(SPEC)));
                assertKind(Kind.CORRUPT, () -> ENGINE.readHeader(entry.getValue()));
            }
            assertEquals(before, TestImages.settle(LibvipsObjects::alive), entry.getKey() + ": live VipsObjects after 20 failed header reads");
        }
    }

    // --- and afterwards ---------------------------------------------------------------------

    @Test
    @Order(Integer.MAX_VALUE)
    void afterAllThatANormalTransformSucceedsAndNothingLeaked() throws InterruptedException {
        for (var entry : FIXTURES.entrySet()) {
            assertPlannedWebp(ENGINE.transform(entry.getValue(), TransformSpec.parse(SPEC)), entry.getKey());
        }
        TransformResult photo = ENGINE.transform(TestImages.sampleBytes("friends_by_Aitzol_Berasategi.jpg"), TransformSpec.parse("format=avif,width=300"));
        assertEquals(300, photo.width());
        TestImages.assertDecodes(photo.bytes(), 300, photo.height());
        assertEquals(allocationsBefore, TestImages.settle(Vips::trackedAllocations), "libvips pixel buffers still allocated after every hostile case");
        assertEquals(objectsBefore, TestImages.settle(LibvipsObjects::alive), "libvips objects still alive after every hostile case");
    }

    // --- helpers ----------------------------------------------------------------------------

    /** Runs the call, which must throw a TransformException of this kind; returns it. */
    static TransformException assertKind(Kind expected, Executable call) {
        TransformException e = assertThrows(TransformException.class, call);
        if (e.kind() != expected) {
            fail("expected " + expected + " but was " + e.kind() + ": " + e.getMessage(), e);
        }
        assertNotNull(e.getMessage());
        return e;
    }

    /**
     * Transforms with {@link #SPEC}: the result must be a valid WebP of exactly the planned size
     * (returned), or the error one of the allowed kinds (null returned).
     */
    private static TransformResult assertTransformsOr(byte[] bytes, Set<Kind> allowed) {
        TransformResult result;
        try {
            result = ENGINE.transform(bytes, TransformSpec.parse(SPEC));
        } catch (TransformException e) {
            if (!allowed.contains(e.kind())) {
                fail("expected a valid image or one of " + allowed + " but was " + e.kind() + ": " + e.getMessage(), e);
            }
            return null;
        }
        // the header was readable, so the planned size is the header's
        ImageHeader header = ENGINE.readHeader(bytes);
        ResizePlan plan = ResizePlan.of(header.orientedWidth(), header.orientedHeight(), TransformSpec.parse(SPEC), 4096);
        assertEquals(OutputFormat.WEBP, result.format());
        assertEquals(plan.boxWidth(), result.width(), "width");
        assertEquals(plan.boxHeight(), result.height(), "height");
        TestImages.assertDecodes(result.bytes(), result.width(), result.height());
        return result;
    }

    /** The fixture photo at {@link #SPEC}: 128 px wide, its height in proportion, a valid WebP. */
    private static void assertPlannedWebp(TransformResult result, String what) {
        int height = (int) Math.floor(photoHeight * 128.0 / photoWidth + 0.5);
        assertEquals(OutputFormat.WEBP, result.format(), what);
        assertEquals(128, result.width(), what);
        assertEquals(height, result.height(), what);
        TestImages.assertDecodes(result.bytes(), 128, height);
    }

    private static byte[] svg(String body) {
        return ("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='64' height='64'>"
                + "<rect width='64' height='64' fill='white'/>" + body + "</svg>").getBytes(StandardCharsets.UTF_8);
    }

    /** A 64x64 PNG of pure red. */
    private static byte[] redPng() {
        try (Operation black = Operation.of("black");
             VipsImage zero = black.set("width", 64).set("height", 64).set("bands", 3).build().image("out");
             Operation linear = Operation.of("linear");
             VipsImage red = linear.set("in", zero).set("a", new double[] {1, 1, 1}).set("b", new double[] {255, 0, 0}).build().image("out");
             Operation cast = Operation.of("cast");
             VipsImage red8 = cast.set("in", red).set("format", imageopt.vips.VipsEnums.BandFormat.UCHAR).build().image("out")) {
            return TestImages.png(red8);
        }
    }

    private static int redPixels(byte[] encoded) {
        int reds = 0;
        for (int[] row : TestImages.rgba(encoded)) {
            for (int argb : row) {
                int r = (argb >> 16) & 0xFF, g = (argb >> 8) & 0xFF, b = argb & 0xFF;
                if (r > 200 && g < 80 && b < 80) {
                    reds++;
                }
            }
        }
        return reds;
    }
}
