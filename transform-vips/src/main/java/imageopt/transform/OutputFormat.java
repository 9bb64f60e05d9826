package imageopt.transform;

import java.util.Optional;

/** The formats imageopt writes, by their canonical token. */
public enum OutputFormat {
    JPEG("jpeg", "image/jpeg", false, false),
    PNG("png", "image/png", true, false),
    WEBP("webp", "image/webp", true, true),
    AVIF("avif", "image/avif", true, false),
    GIF("gif", "image/gif", true, true);

    private final String token;
    private final String contentType;
    private final boolean alpha;
    private final boolean animation;

    OutputFormat(String token, String contentType, boolean alpha, boolean animation) {
        this.token = token;
        this.contentType = contentType;
        this.alpha = alpha;
        this.animation = animation;
    }

    public String token() {
        return token;
    }

    public String contentType() {
        return contentType;
    }

    public boolean supportsAlpha() {
        return alpha;
    }

    public boolean supportsAnimation() {
        return animation;
    }

    /** Whether a quality setting changes the output (PNG and GIF are lossless here). */
    public boolean usesQuality() {
        return this == JPEG || this == WEBP || this == AVIF;
    }

    public static Optional<OutputFormat> fromToken(String token) {
        for (OutputFormat f : values()) {
            if (f.token.equals(token)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
