package imageopt.vips;

/**
 * A libvips call failed. The message carries libvips' error text, which is only a hint: the
 * error buffer is one for the whole process, so under concurrency it may hold another call's
 * text. {@link #operation()} names the call that failed, which is this caller's own.
 */
public class VipsException extends RuntimeException {
    private final String operation;

    public VipsException(String message) {
        this(null, message);
    }

    public VipsException(String operation, String message) {
        super(message);
        this.operation = operation;
    }

    /** The libvips operation or function that failed ("pngload_buffer", "copy_memory"), or "libvips". */
    public String operation() {
        return operation == null ? "libvips" : operation;
    }
}
