package imageopt.contract;

import imageopt.transform.InvalidSpecException;
import imageopt.transform.TransformSpec;

/**
 * The origin's view of a canonical URI, {@code <canonical path>/<operations>}: what to fetch, what
 * to make of it, and where to store the result. The origin never trusts the edge alone: anything
 * the edge would not have produced is refused, so no two keys name the same variant.
 */
public final class VariantKey {
    private final CanonicalPath path;
    private final TransformSpec spec;

    private VariantKey(CanonicalPath path, TransformSpec spec) {
        this.path = path;
        this.spec = spec;
    }

    /**
     * Parses a canonical URI (a request's raw path). The last segment is the operations
     * ({@link TransformSpec#parse}); the rest must pass {@link CanonicalPath} and already be spelled
     * canonically ({@code %2b}, a raw {@code +} or {@code %7E} are refused, not repaired).
     *
     * @throws UrlRefusedException with a {@code path-*} reason, {@link Reason#KEY_NOT_CANONICAL}
     *                             or {@link Reason#KEY_BAD_OPERATIONS}
     */
    public static VariantKey parse(String rawPath) {
        if (rawPath == null) {
            throw new UrlRefusedException(Reason.PATH_NOT_ABSOLUTE);
        }
        int slash = rawPath.lastIndexOf('/');
        String rawOriginal = slash < 0 ? rawPath : rawPath.substring(0, slash);
        CanonicalPath path = CanonicalPath.of(rawOriginal);
        if (!path.encoded().equals(rawOriginal)) {
            throw new UrlRefusedException(Reason.KEY_NOT_CANONICAL, "the path is spelled " + path.encoded() + " in a key");
        }
        try {
            return new VariantKey(path, TransformSpec.parse(rawPath.substring(slash + 1)));
        } catch (InvalidSpecException e) {
            throw new UrlRefusedException(Reason.KEY_BAD_OPERATIONS, e.getMessage());
        }
    }

    /** The canonical URI: the CloudFront cache key, equal to what was parsed. */
    public String uri() {
        return path.encoded() + "/" + spec.toCanonical();
    }

    /** The S3 key of the original: the decoded path without its leading {@code /}. */
    public String originalKey() {
        return path.s3Key();
    }

    /** The S3 key of the variant: the decoded canonical URI without its leading {@code /}. */
    public String variantKey() {
        return path.s3Key() + "/" + spec.toCanonical();
    }

    public TransformSpec spec() {
        return spec;
    }

    public CanonicalPath path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariantKey k && path.equals(k.path) && spec.equals(k.spec);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + spec.hashCode();
    }

    @Override
    public String toString() {
        return uri();
    }
}
