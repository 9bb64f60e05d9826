package imageopt.transform;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import imageopt.vips.Operation;
import imageopt.vips.VipsEnums.FailOn;
import imageopt.vips.VipsEnums.HeifCompression;
import imageopt.vips.VipsEnums.Keep;
import imageopt.vips.VipsEnums.Size;
import imageopt.vips.VipsEnums.Subsample;
import imageopt.vips.VipsImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;

/**
 * Small fixtures for the engine's robustness tests, made here so each says what it is: a real
 * photograph shrunk to a few hundred pixels and saved by libvips in every input format, and
 * hand-written files whose headers say exactly what a test needs (declared sizes, frame counts).
 * Photographs come from the checkout's samples/ (see samples/NOTICE.md), nothing from outside it.
 */
public final class TestImages {
    /** The 20 MP photograph's size: that of the original of samples/photos/Kleiber_by_Lukas_Baubkus.jpg. */
    public static final int LARGE_WIDTH = 6028, LARGE_HEIGHT = 3391;
    private static final String LARGE_SOURCE = "Kleiber_by_Lukas_Baubkus.jpg";
    private static byte[] largePhoto;

    private TestImages() {}

    /** The checkout: -Dimageopt.root (a child JVM's), else the nearest folder upwards holding samples/NOTICE.md. */
    public static Path root() {
        String configured = System.getProperty("imageopt.root");
        if (configured != null && Files.isRegularFile(Path.of(configured, "samples", "NOTICE.md"))) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("samples/NOTICE.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no samples/NOTICE.md above " + Path.of("").toAbsolutePath() + ": run the tests inside the checkout");
    }

    /** A photograph of the checkout's samples, by file name: samples/images (the demo's) or samples/photos. */
    public static Path sample(String name) {
        for (String folder : List.of("samples/images", "samples/photos")) {
            Path p = root().resolve(folder).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no " + name + " in samples/images or samples/photos of " + root());
    }

    public static byte[] sampleBytes(String name) {
        try {
            return Files.readAllBytes(sample(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 20 MP photograph (6028x3391, the nuthatch): the half-size copy in samples/photos scaled
     * back up to its original's size by libvips (Lanczos 3) and saved as a camera writes it
     * (baseline JPEG q90 4:2:0, EXIF orientation 1). Real content at full size: what a time
     * budget or a large decode must meet. Made once into the module's target/test-images (child
     * JVMs and the CLI read the file) and kept in memory for the run.
     */
    public static synchronized Path largePhoto() {
        byte[] source = sampleBytes(LARGE_SOURCE);
        CRC32 crc = new CRC32();
        crc.update(source);
        Path out = Path.of("target", "test-images", String.format("%s-%dx%d-%08x.jpg",
                LARGE_SOURCE.replace(".jpg", ""), LARGE_WIDTH, LARGE_HEIGHT, crc.getValue())).toAbsolutePath();
        if (!Files.isRegularFile(out)) {
            try {
                Files.createDirectories(out.getParent());
                Path tmp = Files.createTempFile(out.getParent(), "large", ".jpg");
                Files.write(tmp, upscale(source, LARGE_WIDTH, LARGE_HEIGHT));
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static synchronized byte[] largePhotoBytes() {
        if (largePhoto == null) {
            try {
                largePhoto = Files.readAllBytes(largePhoto());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return largePhoto;
    }

    private static byte[] upscale(byte[] source, int width, int height) {
        try (Arena arena = Arena.ofConfined();
             Operation thumb = Operation.of("thumbnail_buffer")) {
            thumb.setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, source)).set("width", width).set("height", height).set("size", Size.FORCE);
            try (VipsImage large = thumb.build().image("out");
                 VipsImage tagged = large.copyMemory()) {
                tagged.setIntField("orientation", 1);
                return save(tagged, "jpegsave_buffer", op -> op.set("keep", Keep.EXIF).set("Q", 90)
                        .set("subsample_mode", Subsample.ON).set("optimize_coding", true));
            }
        }
    }

    /**
     * A sample photograph shrunk to {@code width} pixels wide (a real scene, so encoders and
     * truncations meet realistic data), computed into memory; the caller closes it.
     */
    public static VipsImage photo(String sampleName, int width) {
        byte[] source = sampleBytes(sampleName);
        try (Arena arena = Arena.ofConfined();
             Operation op = Operation.of("thumbnail_buffer")) {
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, source);
            try (VipsImage lazy = op.setBuffer("buffer", buffer).set("width", width).build().image("out")) {
                return lazy.copyMemory(); // independent of the buffer, which the arena frees
            }
        }
    }

    /** The 256 px wide photo (the dogs at a window, portrait) used by most fixtures. */
    public static VipsImage photo() {
        return photo("friends_by_Aitzol_Berasategi.jpg", 256);
    }

    /** Saves an image with a libvips buffer saver (metadata stripped), with extra options. */
    public static byte[] save(VipsImage image, String saver, UnaryOperator<Operation> options) {
        try (Operation op = Operation.of(saver)) {
            return options.apply(op.set("in", image).set("keep", Keep.NONE)).build().bytes("buffer");
        }
    }

    public static byte[] save(VipsImage image, String saver) {
        return save(image, saver, op -> op);
    }

    public static byte[] jpeg(VipsImage image) {
        return save(image, "jpegsave_buffer", op -> op.set("Q", 85));
    }

    public static byte[] progressiveJpeg(VipsImage image) {
        return save(image, "jpegsave_buffer", op -> op.set("Q", 85).set("interlace", true));
    }

    public static byte[] png(VipsImage image) {
        return save(image, "pngsave_buffer", op -> op.set("compression", 1));
    }

    public static byte[] interlacedPng(VipsImage image) {
        return save(image, "pngsave_buffer", op -> op.set("compression", 1).set("interlace", true));
    }

    public static byte[] webp(VipsImage image) {
        return save(image, "webpsave_buffer", op -> op.set("Q", 75).set("effort", 0));
    }

    public static byte[] losslessWebp(VipsImage image) {
        return save(image, "webpsave_buffer", op -> op.set("lossless", true).set("effort", 0));
    }

    public static byte[] gif(VipsImage image) {
        return save(image, "gifsave_buffer", op -> op.set("effort", 1));
    }

    public static byte[] avif(VipsImage image) {
        return save(image, "heifsave_buffer", op -> op.set("Q", 50).set("compression", HeifCompression.AV1).set("effort", 0));
    }

    public static byte[] tiff(VipsImage image) {
        return save(image, "tiffsave_buffer");
    }

    /**
     * An animation of {@code frames} frames of {@code size x size}, each a different window of the
     * photo, 80 ms per frame, as libvips stores it (frames stacked vertically, page-height set).
     */
    public static VipsImage animation(VipsImage photo, int frames, int size) {
        VipsImage[] pages = new VipsImage[frames];
        try {
            for (int i = 0; i < frames; i++) {
                int top = i * (photo.height() - size) / Math.max(1, frames - 1);
                try (Operation op = Operation.of("extract_area")) {
                    pages[i] = op.set("input", photo).set("left", 0).set("top", top).set("width", size).set("height", size)
                            .build().image("out");
                }
            }
            try (Operation join = Operation.of("arrayjoin");
                 VipsImage joined = join.set("in", pages).set("across", 1).build().image("out")) {
                VipsImage animation = joined.copyMemory();
                animation.setIntField("page-height", size);
                animation.setIntArrayField("delay", java.util.Collections.nCopies(frames, 80).stream().mapToInt(Integer::intValue).toArray());
                animation.setIntField("loop", 0);
                return animation;
            }
        } finally {
            for (VipsImage page : pages) {
                if (page != null) {
                    page.close();
                }
            }
        }
    }

    /**
     * Fully decodes an encoded image with libvips, strictly (any damage is an error), and checks
     * its size: the proof that bytes the engine produced are a valid image.
     */
    public static void assertDecodes(byte[] encoded, int width, int height) {
        SourceFormat format = SourceFormat.sniff(encoded);
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of(format.loader())) {
            load.setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, encoded)).set("fail_on", FailOn.ERROR);
            if (format.canAnimate()) {
                load.set("n", -1);
            }
            try (VipsImage image = load.build().image("out");
                 VipsImage pixels = image.copyMemory()) {
                assertEquals(width, pixels.width(), "decoded width");
                assertEquals(height, pixels.pageHeight(), "decoded height");
            }
        }
    }

    /** Pixels of an encoded image as 8-bit sRGB(A) rows, decoded by libvips. */
    public static int[][] rgba(byte[] encoded) {
        SourceFormat format = SourceFormat.sniff(encoded);
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of(format.loader())) {
            load.setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, encoded));
            try (VipsImage image = load.build().image("out");
                 Operation save = Operation.of("pngsave_buffer")) {
                byte[] png = save.set("in", image).set("compression", 0).build().bytes("buffer");
                var decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
                int[][] rows = new int[decoded.getHeight()][decoded.getWidth()];
                for (int y = 0; y < rows.length; y++) {
                    decoded.getRGB(0, y, rows[y].length, 1, rows[y], 0, rows[y].length);
                }
                return rows;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A native count read once it has settled: libvips' worker threads release their buffers a
     * moment after a pipeline returns. Polls until the value holds for 100 ms (at most 3 s).
     */
    public static long settle(java.util.function.LongSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        long value = count.getAsLong();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < 100_000_000L && System.nanoTime() < deadline) {
            Thread.sleep(10);
            long now = count.getAsLong();
            if (now != value) {
                value = now;
                stableSince = System.nanoTime();
            }
        }
        return value;
    }

    // --- hand-written files ---------------------------------------------------------------

    /** A PNG chunk: length, type, data, CRC over type and data. */
    public static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).order(ByteOrder.BIG_ENDIAN);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt(data.length).put(t).put(data).putInt((int) crc.getValue());
        out.writeBytes(b.array());
    }

    /**
     * A PNG whose header declares {@code width x height} 8-bit RGB but whose single IDAT is
     * {@code idatBytes} of garbage (not even a zlib stream): any attempt to decode a pixel fails.
     */
    public static byte[] pngWithGarbageData(int width, int height, int idatBytes, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(out, "IHDR", ihdr.array());
        byte[] garbage = new byte[idatBytes];
        new java.util.Random(seed).nextBytes(garbage);
        garbage[0] = (byte) 0xFF; // an invalid zlib header (CM must be 8): the stream is rejected at once
        pngChunk(out, "IDAT", garbage);
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A GIF89a of {@code frames} 1x1 frames on a {@code screenWidth x screenHeight} screen. */
    public static byte[] gif(int screenWidth, int screenHeight, int frames) {
        return gif(screenWidth, screenHeight, 1, 1, frames);
    }

    /**
     * A GIF89a of {@code frames} frames of {@code frameWidth x frameHeight} declared pixels on a
     * {@code screenWidth x screenHeight} logical screen; each frame's data is a valid LZW stream
     * of a single pixel (a larger frame is simply short of data), with a 1/100 s delay, looping.
     */
    public static byte[] gif(int screenWidth, int screenHeight, int frameWidth, int frameHeight, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + frames * 26);
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        le16(out, screenWidth);
        le16(out, screenHeight);
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0}); // global colour table of 2 entries
        out.writeBytes(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        if (frames > 1) {
            out.writeBytes(new byte[] {0x21, (byte) 0xFF, 0x0B});
            out.writeBytes("NETSCAPE2.0".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(new byte[] {0x03, 0x01, 0x00, 0x00, 0x00}); // loop forever
        }
        for (int i = 0; i < frames; i++) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00}); // delay 1
            out.write(0x2C);
            le16(out, 0); // left
            le16(out, 0); // top
            le16(out, frameWidth);
            le16(out, frameHeight);
            out.write(0x00); // no local colour table
            out.writeBytes(new byte[] {0x02, 0x02, 0x44, 0x01, 0x00}); // LZW: clear, index 0, end
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }

    /** A copy of a JPEG whose first SOF segment claims {@code width x height}. */
    public static byte[] jpegDeclaring(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int at = 2;
        while (at + 4 < b.length) {
            if ((b[at] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("not a marker at " + at);
            }
            int marker = b[at + 1] & 0xFF;
            int length = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                // SOFn: length(2) precision(1) height(2) width(2)
                b[at + 5] = (byte) (height >>> 8);
                b[at + 6] = (byte) height;
                b[at + 7] = (byte) (width >>> 8);
                b[at + 8] = (byte) width;
                return b;
            }
            at += 2 + length;
        }
        throw new IllegalArgumentException("no SOF segment");
    }

    /** A copy of a simple lossy WebP (RIFF, "VP8 " chunk) whose VP8 frame header claims {@code width x height}. */
    public static byte[] webpDeclaring(byte[] webp, int width, int height) {
        if (!new String(webp, 12, 4, StandardCharsets.US_ASCII).equals("VP8 ")
                || (webp[23] & 0xFF) != 0x9D || (webp[24] & 0xFF) != 0x01 || (webp[25] & 0xFF) != 0x2A) {
            throw new IllegalArgumentException("not a simple lossy WebP");
        }
        if (width > 16383 || height > 16383) {
            throw new IllegalArgumentException("VP8 sizes are 14 bits");
        }
        byte[] b = webp.clone();
        b[26] = (byte) width;
        b[27] = (byte) (width >>> 8); // top 2 bits: horizontal scale 0
        b[28] = (byte) height;
        b[29] = (byte) (height >>> 8);
        return b;
    }

    /**
     * A minimal little-endian TIFF declaring {@code width x height} 8-bit grey in one
     * deflate-compressed strip of 16 bytes: the header is consistent (libtiff only questions short
     * strips of uncompressed data), the pixels are not there.
     */
    public static byte[] tiffDeclaring(int width, int height) {
        int entries = 9;
        int ifdOffset = 8;
        int dataOffset = ifdOffset + 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(dataOffset + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entries);
        tiffEntry(b, 256, 4, width);          // ImageWidth, LONG
        tiffEntry(b, 257, 4, height);         // ImageLength, LONG
        tiffEntry(b, 258, 3, 8);              // BitsPerSample
        tiffEntry(b, 259, 3, 8);              // Compression: deflate (so a short strip is plausible)
        tiffEntry(b, 262, 3, 1);              // Photometric: min-is-black
        tiffEntry(b, 273, 4, dataOffset);     // StripOffsets
        tiffEntry(b, 277, 3, 1);              // SamplesPerPixel
        tiffEntry(b, 278, 4, height);         // RowsPerStrip: one strip
        tiffEntry(b, 279, 4, 16);             // StripByteCounts: the 16 bytes that follow
        b.putInt(0);                          // no next IFD
        return b.array();
    }

    private static void tiffEntry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** An ISO-BMFF "ftyp" box with these brands, followed by nothing a decoder would want. */
    public static byte[] ftyp(String major, String... compatible) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * compatible.length + 16);
        b.putInt(16 + 4 * compatible.length).put("ftyp".getBytes(StandardCharsets.US_ASCII)).put(major.getBytes(StandardCharsets.US_ASCII)).putInt(0);
        for (String brand : compatible) {
            b.put(brand.getBytes(StandardCharsets.US_ASCII));
        }
        b.putInt(16).put("meta".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(0);
        return b.array();
    }
}
