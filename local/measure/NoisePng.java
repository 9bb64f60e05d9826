import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes a PNG of seeded noise (incompressible, so its bytes are about 4 x width x height): java NoisePng.java OUT SIDE. */
public class NoisePng {
    public static void main(String[] args) throws Exception {
        int side = Integer.parseInt(args[1]);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_ARGB);
        Random random = new Random(13);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) image.setRGB(x, y, random.nextInt());
        }
        ImageIO.write(image, "png", new File(args[0]));
    }
}
