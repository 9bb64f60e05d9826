package imageopt.transform;

/**
 * The geometry of a transform, decided in Java from the oriented source size before any pixel
 * is decoded: resize to exactly {@code resizeWidth x resizeHeight}, then (cover) crop a
 * {@code boxWidth x boxHeight} window at the position, or (contain) place the image in a box of that
 * size. Never enlarges: a box larger than the source keeps its aspect ratio at the largest size
 * the source allows. Implicit sizes (no width or height asked) are capped to fit
 * {@code maxDimension}; asked sizes above it are refused.
 *
 * @param resizeWidth  width after resampling
 * @param resizeHeight height after resampling
 * @param boxWidth     final width
 * @param boxHeight    final height
 * @param step         what happens after resampling
 */
public record ResizePlan(int resizeWidth, int resizeHeight, int boxWidth, int boxHeight, Step step) {
    /** What follows the resample. */
    public enum Step { NONE, CROP, EMBED }

    public static ResizePlan of(int sourceWidth, int sourceHeight, TransformSpec spec, int maxDimension) {
        spec.width().ifPresent(w -> requireAtMost("width", w, maxDimension));
        spec.height().ifPresent(h -> requireAtMost("height", h, maxDimension));
        double sw = sourceWidth, sh = sourceHeight;
        if (spec.width().isEmpty() && spec.height().isEmpty()) {
            return scaled(sw, sh, Math.min(1, Math.min(maxDimension / sw, maxDimension / sh)));
        }
        if (spec.height().isEmpty()) {
            return scaled(sw, sh, Math.min(Math.min(1, spec.width().getAsInt() / sw), maxDimension / sh));
        }
        if (spec.width().isEmpty()) {
            return scaled(sw, sh, Math.min(Math.min(1, spec.height().getAsInt() / sh), maxDimension / sw));
        }
        double w = spec.width().getAsInt(), h = spec.height().getAsInt();
        return switch (spec.fit()) {
            case INSIDE -> scaled(sw, sh, Math.min(1, Math.min(w / sw, h / sh)));
            case OUTSIDE -> scaled(sw, sh, Math.min(Math.min(1, Math.max(w / sw, h / sh)), Math.min(maxDimension / sw, maxDimension / sh)));
            case FILL -> {
                double k = Math.min(1, Math.min(sw / w, sh / h)); // shrink the box, keeping its shape
                int bw = dim(w * k), bh = dim(h * k);
                yield new ResizePlan(bw, bh, bw, bh, Step.NONE);
            }
            case COVER -> {
                double k = Math.min(1, Math.min(sw / w, sh / h));
                int bw = dim(w * k), bh = dim(h * k);
                double s = Math.max(bw / sw, bh / sh);
                int rw = Math.max(bw, dim(sw * s)), rh = Math.max(bh, dim(sh * s));
                yield new ResizePlan(rw, rh, bw, bh, rw == bw && rh == bh ? Step.NONE : Step.CROP);
            }
            case CONTAIN -> {
                double s = Math.min(w / sw, h / sh);
                double k = s > 1 ? 1 / s : 1; // the box shrinks until the image is at its own size
                int bw = dim(w * k), bh = dim(h * k);
                int rw = Math.min(bw, dim(sw * s * k)), rh = Math.min(bh, dim(sh * s * k));
                yield new ResizePlan(rw, rh, bw, bh, rw == bw && rh == bh ? Step.NONE : Step.EMBED);
            }
        };
    }

    private static ResizePlan scaled(double sw, double sh, double s) {
        int w = dim(sw * s), h = dim(sh * s);
        return new ResizePlan(w, h, w, h, Step.NONE);
    }

    /** Rounded half up, at least one pixel. */
    private static int dim(double v) {
        return (int) Math.max(1, Math.floor(v + 0.5));
    }

    private static void requireAtMost(String name, int value, int max) {
        if (value > max) {
            throw new InvalidSpecException(name + " " + value + " exceeds the maximum output dimension " + max);
        }
    }

    /**
     * The JPEG decoder's own downscale (1, 2, 4 or 8) for this plan: the largest that does not go
     * below the resize size, as Sharp's default fastShrinkOnLoad picks it.
     */
    public int jpegShrinkOnLoad(int sourceWidth, int sourceHeight) {
        double shrink = Math.min((double) sourceWidth / resizeWidth, (double) sourceHeight / resizeHeight);
        return shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
    }

    /** Left offset of the crop window for a position (smart positions are placed by libvips). */
    public int cropLeft(Position position) {
        int spare = resizeWidth - boxWidth;
        return switch (position) {
            case LEFT, TOP_LEFT, BOTTOM_LEFT -> 0;
            case RIGHT, TOP_RIGHT, BOTTOM_RIGHT -> spare;
            default -> spare / 2;
        };
    }

    /** Top offset of the crop window for a position. */
    public int cropTop(Position position) {
        int spare = resizeHeight - boxHeight;
        return switch (position) {
            case TOP, TOP_LEFT, TOP_RIGHT -> 0;
            case BOTTOM, BOTTOM_LEFT, BOTTOM_RIGHT -> spare;
            default -> spare / 2;
        };
    }
}
