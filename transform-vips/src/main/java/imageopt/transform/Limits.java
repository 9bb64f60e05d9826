package imageopt.transform;

import java.time.Duration;

/**
 * What one transform may consume, checked from the header before any pixel is decoded (bytes,
 * pixels over all frames, frames, output size) and by a deadline while it runs.
 *
 * @param maxSourceBytes     largest original accepted
 * @param maxSourcePixels    width x height summed over all frames
 * @param maxFrames          frames of an animation
 * @param maxOutputDimension largest width or height asked for or produced
 * @param timeBudget         wall time for one transform; past it libvips' evaluation is stopped
 */
public record Limits(long maxSourceBytes, long maxSourcePixels, int maxFrames, int maxOutputDimension, Duration timeBudget) {
    /**
     * Longest side of a source: the largest JPEG and GIF can declare. PNG and TIFF allow 2^31-1, and
     * a 1 x 99,999,999 strip passes the pixel limit while no viewer could use it: a bomb by shape.
     */
    public static final int MAX_SOURCE_SIDE = 65_535;
    public static final Limits DEFAULT = new Limits(50_000_000L, 100_000_000L, 1000, 4096, Duration.ofSeconds(20));

    public Limits {
        if (maxSourceBytes < 1) throw new IllegalArgumentException("maxSourceBytes must be positive, got " + maxSourceBytes);
        if (maxSourcePixels < 1) throw new IllegalArgumentException("maxSourcePixels must be positive, got " + maxSourcePixels);
        if (maxFrames < 1) throw new IllegalArgumentException("maxFrames must be positive, got " + maxFrames);
        if (maxOutputDimension < 1 || maxOutputDimension > TransformSpec.MAX_DIMENSION) {
            throw new IllegalArgumentException("maxOutputDimension must be 1.." + TransformSpec.MAX_DIMENSION + ", got " + maxOutputDimension);
        }
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive, got " + timeBudget);
        }
    }

    public Limits withTimeBudget(Duration budget) {
        return new Limits(maxSourceBytes, maxSourcePixels, maxFrames, maxOutputDimension, budget);
    }

    public Limits withMaxSourcePixels(long pixels) {
        return new Limits(maxSourceBytes, pixels, maxFrames, maxOutputDimension, timeBudget);
    }

    public Limits withMaxFrames(int frames) {
        return new Limits(maxSourceBytes, maxSourcePixels, frames, maxOutputDimension, timeBudget);
    }

    public Limits withMaxSourceBytes(long bytes) {
        return new Limits(bytes, maxSourcePixels, maxFrames, maxOutputDimension, timeBudget);
    }
}
