package imageopt.transform;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import imageopt.vips.Operation;
import imageopt.vips.VipsImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/** Animated GIF fixtures: one solid colour per frame, stacked the way libvips holds animations. */
final class AnimatedGifs {
    private AnimatedGifs() {}

    static byte[] make(Color[] colours, int width, int height, int[] delays) {
        List<VipsImage> frames = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            for (Color c : colours) {
                BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                var g = img.createGraphics();
                g.setColor(c);
                g.fillRect(0, 0, width, height);
                g.dispose();
                try (Operation load = Operation.of("pngload_buffer").setBuffer("buffer", arena.allocateFrom(JAVA_BYTE, Fixtures.png(img))).build()) {
                    frames.add(load.image("out"));
                }
            }
            try (Operation join = Operation.of("arrayjoin").set("in", frames.toArray(VipsImage[]::new)).set("across", 1).build();
                 VipsImage joined = join.image("out");
                 VipsImage animation = Fixtures.apply(joined, "copy", op -> op)) {
                animation.setIntField("page-height", height);
                animation.setIntArrayField("delay", delays);
                animation.setIntField("loop", 0);
                return Fixtures.save(animation, "gifsave_buffer", op -> op.set("effort", 1));
            }
        } finally {
            frames.forEach(VipsImage::close);
        }
    }
}
