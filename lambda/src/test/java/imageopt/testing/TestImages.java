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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(60000).putInt(60000).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[60001 * 16]); // the first rows, all zero
        deflater.finish();
        byte[] z = new byte[4096];
        int n = deflater.deflate(z);
        chunk(out, "IDAT", java.util.Arrays.copyOf(z, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
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
