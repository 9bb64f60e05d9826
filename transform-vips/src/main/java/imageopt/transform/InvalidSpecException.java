package imageopt.transform;

/** A transform spec that is malformed, out of range or not in canonical form (HTTP 400). */
public final class InvalidSpecException extends TransformException {
    public InvalidSpecException(String message) {
        super(Kind.INVALID_SPEC, message);
    }
}
