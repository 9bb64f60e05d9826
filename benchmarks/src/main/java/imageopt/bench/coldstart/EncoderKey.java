package imageopt.bench.coldstart;

import imageopt.bench.EncoderChoice;

/** Prints the explicit key of an encoder alias (jpeg-default -> jpeg-q80...): for the node scripts. */
public final class EncoderKey {
    public static void main(String[] args) {
        System.out.println(EncoderChoice.resolve(args[0]));
    }
}
