package imageopt.transform;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What one native call that nothing can stop costs, predicted from the pixels before it starts,
 * so the time budget holds without stopping it: a call that could run past the deadline by more
 * than {@link #GRACE} is either run where it can be killed (a decoder, in
 * {@link KillableDecoder}) or made cheaper (AVIF's encoder effort), or not started.
 *
 * <p>The rates are nanoseconds per pixel, about 2.5x the slowest this shared 2-core x86_64
 * measured (64 MP noise, the worst content for every codec; a photograph decodes faster), to
 * leave room for a slower CPU such as Lambda's one vCPU at 1769 MB.
 */
final class NativeCost {
    /** How far past the budget an answer may come: the longest call run where it cannot be stopped. */
    static final Duration GRACE = Duration.ofSeconds(1);

    /** AVIF encode at effort 0..4 (measured 61, 243, 567, 647 ns at 4096x2304; effort 4 about 4x effort 3). */
    private static final long[] AVIF_ENCODE = {150, 600, 1_400, 1_600, 6_400};

    private NativeCost() {}

    /**
     * The decoder's longest single call: the whole image for AVIF (libheif, measured 137 ns/px),
     * a still WebP (53), a progressive JPEG or interlaced PNG (31), a GIF frame or a TIFF strip
     * (up to the whole image); 0 where libvips decodes in rows it can stop between (baseline
     * JPEG, non-interlaced PNG).
     */
    static long decodeNanos(SourceFormat format, long pixels, boolean interlaced) {
        long rate = switch (format) {
            case AVIF -> 350;
            case WEBP -> 130;
            case JPEG, PNG -> interlaced ? 80 : 0;
            case GIF, TIFF -> 80;
            case SVG -> Long.MAX_VALUE; // not predictable from the pixels: always killable
        };
        return rate == Long.MAX_VALUE ? Long.MAX_VALUE : times(rate, pixels);
    }

    static long avifEncodeNanos(int effort, long pixels) {
        long rate = effort < AVIF_ENCODE.length ? AVIF_ENCODE[effort]
                : AVIF_ENCODE[AVIF_ENCODE.length - 1] << Math.min(20, effort - AVIF_ENCODE.length + 1);
        return times(rate, pixels);
    }

    /** The AVIF effort to encode with: the configured one or the highest lower one that fits; empty when none does. */
    static OptionalInt avifEffortWithin(int configured, long pixels, long nanosLeft) {
        for (int effort = configured; effort >= 0; effort--) {
            if (avifEncodeNanos(effort, pixels) <= nanosLeft) {
                return OptionalInt.of(effort);
            }
        }
        return OptionalInt.empty();
    }

    private static long times(long rate, long pixels) {
        return Math.multiplyHigh(rate, pixels) != 0 ? Long.MAX_VALUE : rate * pixels;
    }
}
