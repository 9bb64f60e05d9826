package imageopt.testing;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.TransformSpec;
import imageopt.vips.Operation;
import imageopt.vips.VipsImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images the origin tests need, made on the spot from the repository's sample photographs. */
public final class TestImages {
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());

    private TestImages() {}

    /** A sample photograph (samples/images) resized by the engine, as a camera-like JPEG. */
    public static byte[] photo(int width) {
        return ENGINE.transform(sample("aitzgorri_by_Aitzol_Berasategi.jpg"), TransformSpec.parse("format=jpeg,width=" + width)).bytes();
    }

    /** The same photograph as a PNG with alpha-free RGB. */
    public static byte[] photoAs(String format, int width) {
        return ENGINE.transform(sample("aitzgorri_by_Aitzol_Berasategi.jpg"), TransformSpec.parse("format=" + format + ",width=" + width)).bytes();
    }

    public static byte[] sample(String name) {
        Path root = Path.of(System.getProperty("imageopt.root", "."));
        try {
            return Files.readAllBytes(root.resolve("samples/images").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] svg() {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\">"
                + "<rect width=\"40\" height=\"30\" fill=\"#c00\"/></svg>").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A decompression bomb: a PNG whose header claims 60000 x 60000 pixels (3.6 gigapixels) in a
     * file of a few hundred bytes. Only the header may be read before refusing it.
     */
    public static byte[] pngBomb() {
        return pngBomb(60000, 60000);
    }

    /** A PNG whose header claims width x height grey pixels, with the first rows' data only: a few hundred bytes. */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[(width + 1) * Math.min(height, 16)]); // the first rows, all zero
        deflater.finish();
        byte[] z = new byte[1 << 20];
        int n = deflater.deflate(z);
        chunk(out, "IDAT", java.util.Arrays.copyOf(z, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A real small JPEG whose frame header (SOF) is rewritten to claim width x height: what an attacker sends. */
    public static byte[] jpegBomb(int width, int height) {
        byte[] b = photo(64);
        for (int i = 2; i + 9 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && ((b[i + 1] & 0xFF) == 0xC0 || (b[i + 1] & 0xFF) == 0xC2)) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new IllegalStateException("no SOF in the photo");
    }

    /** A GIF of {@code frames} 1 x 1 frames: a few bytes each, so a frame bomb stays small. */
    public static byte[] gifFrames(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("GIF89a".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {1, 0, 1, 0, (byte) 0x80, 0, 0}); // 1 x 1, a global table of 2 colours
        out.writeBytes(new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3, 1, 0, 0, 0});
        for (int i = 0; i < frames; i++) {
            out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 10, 0, 0, 0}); // 0.1 s
            out.writeBytes(new byte[] {0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0});
            out.writeBytes(new byte[] {2, 2, 0x44, 0x01, 0}); // LZW: clear, pixel 0, end
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    /**
     * {@code jpeg} with {@code profile} as APP2 ICC_PROFILE segments right after SOI (replacing
     * none): split as the ICC specification says, at most 65,519 bytes a segment.
     */
    public static byte[] jpegWithIcc(byte[] jpeg, byte[] profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        int per = 65519, count = (profile.length + per - 1) / per;
        for (int i = 0; i < count; i++) {
            int from = i * per, n = Math.min(per, profile.length - from);
            int length = 2 + 12 + 2 + n;
            out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length});
            out.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1));
            out.write(i + 1);
            out.write(count);
            out.write(profile, from, n);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A profile libvips ships ({@code srgb}, {@code p3}, {@code cmyk}), as its bytes. */
    public static byte[] builtInProfile(String name) {
        try (Operation op = Operation.of("profile_load")) {
            return op.set("name", name).build().bytes("profile");
        }
    }

    public static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Decoded pixels as stored (no orientation applied), via libvips' own loader and a lossless PNG. */
    public static BufferedImage pixels(byte[] encoded, String loader) {
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of(loader).setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, encoded)).build();
             VipsImage image = load.image("out");
             Operation save = Operation.of("pngsave_buffer").set("in", image).build()) {
            return ImageIO.read(new ByteArrayInputStream(save.bytes("buffer")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string field libvips reads from the file's metadata (e.g. "exif-ifd3-GPSLatitude"), or null. */
    public static String field(byte[] encoded, String loader, String name) {
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of(loader).setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, encoded)).build();
             VipsImage image = load.image("out")) {
            return image.stringField(name);
        }
    }

    public static int orientation(byte[] encoded, String loader) {
        try (Arena arena = Arena.ofConfined();
             Operation load = Operation.of(loader).setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, encoded)).build();
             VipsImage image = load.image("out")) {
            return image.orientation();
        }
    }

    public static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }
}
