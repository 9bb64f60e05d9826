package imageopt.transform;

import java.util.Optional;

/** How an image meets a width x height box (Sharp's and imgproxy's words). */
public enum Fit {
    /** Fill the box, crop what overflows (default). */
    COVER("cover"),
    /** Fit inside the box, pad the rest. */
    CONTAIN("contain"),
    /** Stretch to the box, ignoring the aspect ratio. */
    FILL("fill"),
    /** Fit inside the box, no padding: the result may be smaller than the box in one dimension. */
    INSIDE("inside"),
    /** Cover the box, no crop: the result may be larger than the box in one dimension. */
    OUTSIDE("outside");

    private final String token;

    Fit(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    public static Optional<Fit> fromToken(String token) {
        for (Fit f : values()) {
            if (f.token.equals(token)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
