package imageopt.transform;

import java.util.Optional;

/** Which part of the image a crop keeps (cover) or where the image sits in the box (contain). */
public enum Position {
    CENTRE("centre"),
    TOP("top"),
    BOTTOM("bottom"),
    LEFT("left"),
    RIGHT("right"),
    TOP_LEFT("top-left"),
    TOP_RIGHT("top-right"),
    BOTTOM_LEFT("bottom-left"),
    BOTTOM_RIGHT("bottom-right"),
    /** libvips' saliency crop: skin tones, saturated colours, edges. */
    ATTENTION("attention"),
    /** libvips' crop that keeps the most detail (Shannon entropy). */
    ENTROPY("entropy");

    private final String token;

    Position(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public boolean isSmart() {
        return this == ATTENTION || this == ENTROPY;
    }

    public static Optional<Position> fromToken(String token) {
        for (Position p : values()) {
            if (p.token.equals(token)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
