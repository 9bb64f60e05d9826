package imageopt.transform;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import imageopt.vips.Operation;
import imageopt.vips.VipsEnums.HeifCompression;
import imageopt.vips.VipsEnums.Keep;
import imageopt.vips.VipsImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * Small test images made on the spot, each saying what it tests: drawn with java.awt, written by
 * ImageIO as PNG, and turned into the other formats by libvips' own savers.
 */
final class Fixtures {
    static final Color TL = Color.RED, TR = Color.GREEN, BL = Color.BLUE, BR = Color.YELLOW;

    private Fixtures() {}

    /** Four solid quadrants (red, green / blue, yellow), so position and orientation can be read back. */
    static BufferedImage quadrants(int w, int h, boolean alpha) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        fill(g, TL, 0, 0, w / 2, h / 2);
        fill(g, TR, w / 2, 0, w - w / 2, h / 2);
        fill(g, BL, 0, h / 2, w / 2, h - h / 2);
        fill(g, BR, w / 2, h / 2, w - w / 2, h - h / 2);
        if (alpha) { // a transparent band across the middle
            g.setComposite(java.awt.AlphaComposite.Clear);
            g.fillRect(0, h / 2 - h / 8, w, h / 4);
        }
        g.dispose();
        return img;
    }

    private static void fill(Graphics2D g, Color c, int x, int y, int w, int h) {
        g.setColor(c);
        g.fillRect(x, y, w, h);
    }

    static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes any format libvips reads (first frame) into a BufferedImage, via a lossless PNG. */
    static BufferedImage decode(byte[] encoded) {
        byte[] png = withImage(encoded, "", img -> save(img, "pngsave_buffer", op -> op));
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same pixels in another format, written by libvips. */
    static byte[] as(SourceFormat format, byte[] png) {
        if (format == SourceFormat.SVG) {
            return svg(64, 48);
        }
        return withImage(png, "", img -> switch (format) {
            case JPEG -> save(img, "jpegsave_buffer", op -> op);
            case PNG -> png;
            case WEBP -> save(img, "webpsave_buffer", op -> op.set("effort", 0));
            case GIF -> save(img, "gifsave_buffer", op -> op.set("effort", 1));
            case AVIF -> save(img, "heifsave_buffer", op -> op.set("compression", HeifCompression.AV1).set("effort", 0));
            case TIFF -> save(img, "tiffsave_buffer", op -> op);
            case SVG -> throw new AssertionError();
        });
    }

    /** An SVG drawing with the quadrant colours. */
    static byte[] svg(int w, int h) {
        String s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h + "\">"
                + "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"#00ff00\"/>"
                + "<rect width=\"" + w / 2 + "\" height=\"" + h / 2 + "\" fill=\"#ff0000\"/></svg>";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs a libvips step on the decoded image (load options as an option string). */
    static byte[] withImage(byte[] encoded, String loadOptions, java.util.function.Function<VipsImage, byte[]> step) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocateFrom(JAVA_BYTE, encoded);
            try (Operation load = Operation.of(SourceFormat.sniff(encoded).loader()).setBuffer("buffer", buf);
                 VipsImage img = applyOptions(load, loadOptions).build().image("out")) {
                return step.apply(img);
            }
        }
    }

    private static Operation applyOptions(Operation load, String options) {
        for (String pair : options.split(",")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=");
            load.set(kv[0], Integer.parseInt(kv[1]));
        }
        return load;
    }

    static byte[] save(VipsImage img, String saver, UnaryOperator<Operation> options) {
        try (Operation op = Operation.of(saver)) {
            return options.apply(op.set("in", img)).build().bytes("buffer");
        }
    }

    /** Runs a one-image operation ("in" -> "out"). */
    static VipsImage apply(VipsImage in, String name, UnaryOperator<Operation> options) {
        try (Operation op = Operation.of(name)) {
            return options.apply(op.set("in", in)).build().image("out");
        }
    }

    /** JPEG of the given pixels tagged with an EXIF orientation. */
    static byte[] jpegWithOrientation(VipsImage stored, int orientation) {
        try (VipsImage copy = apply(stored, "copy", op -> op)) {
            copy.setIntField("orientation", orientation);
            return save(copy, "jpegsave_buffer", op -> op.set("keep", Keep.EXIF).set("Q", 95));
        }
    }

    /** Colour at a relative position (0..1) of an image, as RGB, ignoring alpha. */
    static Color at(BufferedImage img, double fx, double fy) {
        int x = Math.min(img.getWidth() - 1, (int) (fx * img.getWidth()));
        int y = Math.min(img.getHeight() - 1, (int) (fy * img.getHeight()));
        return new Color(img.getRGB(x, y), true);
    }

    static int alphaAt(BufferedImage img, double fx, double fy) {
        return at(img, fx, fy).getAlpha();
    }

    /** Whether two colours are within a tolerance per channel (lossy codecs move colours a little). */
    static boolean near(Color a, Color b, int tolerance) {
        return Math.abs(a.getRed() - b.getRed()) <= tolerance && Math.abs(a.getGreen() - b.getGreen()) <= tolerance
                && Math.abs(a.getBlue() - b.getBlue()) <= tolerance;
    }
}
