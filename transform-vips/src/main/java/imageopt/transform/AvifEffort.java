package imageopt.transform;

import java.util.OptionalInt;

/**
 * AVIF's encoder (libaom, through libheif) runs in one call that libvips cannot stop, and its
 * cost grows steeply with effort. So the effort is chosen before the call: the highest, up to the
 * configured one, whose predicted time fits the budget left; when even effort 0 does not fit, the
 * encode is not started.
 */
final class AvifEffort {
    /**
     * Nanoseconds per output pixel at effort 0..4: about 2.5x the large-image figures measured on
     * a shared 2-core x86_64 (61, 243, 567, 647 ns at 4096x2304 for efforts 0..3; effort 4 about
     * four times effort 3), to leave room for a slower CPU such as Lambda's one vCPU at 1769 MB.
     */
    private static final long[] NANOS_PER_PIXEL = {150, 600, 1_400, 1_600, 6_400};

    private AvifEffort() {}

    static long predictedNanos(int effort, long pixels) {
        long rate = effort < NANOS_PER_PIXEL.length ? NANOS_PER_PIXEL[effort]
                : NANOS_PER_PIXEL[NANOS_PER_PIXEL.length - 1] << Math.min(20, effort - NANOS_PER_PIXEL.length + 1);
        return Math.multiplyHigh(rate, pixels) != 0 ? Long.MAX_VALUE : rate * pixels;
    }

    /** The effort to encode with, or empty when none fits the nanoseconds left. */
    static OptionalInt within(int configured, long pixels, long nanosLeft) {
        for (int effort = configured; effort >= 0; effort--) {
            if (predictedNanos(effort, pixels) <= nanosLeft) {
                return OptionalInt.of(effort);
            }
        }
        return OptionalInt.empty();
    }
}
