package imageopt.privacy;

/** The container structure could not be walked; the caller may re-encode instead. */
public final class MalformedImageException extends RuntimeException {
    public MalformedImageException(String message) {
        super(message);
    }
}
