package imageopt.vips;

/**
 * A libvips call failed. The message carries libvips' error text, which is only a hint: the
 * error buffer is one for the whole process, so callers classify failures by their own checks.
 */
public class VipsException extends RuntimeException {
    public VipsException(String message) {
        super(message);
    }

    public VipsException(String message, Throwable cause) {
        super(message, cause);
    }
}
