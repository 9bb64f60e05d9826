package imageopt.origin;

import imageopt.contract.UrlRefusedException;
import imageopt.store.NoSuchObjectException;
import imageopt.store.ObjectTooLargeException;
import imageopt.store.StoreException;
import imageopt.store.StoreUnavailableException;
import imageopt.transform.TransformException;
import java.util.Map;

/** Maps every failure of the flow to the problem it is answered with. */
final class Problems {
    private Problems() {}

    static Problem of(Throwable e) {
        return switch (e) {
            case ProblemException p -> p.problem;
            // the reason's line never echoes the request; the full message goes to the log only
            case UrlRefusedException u -> new Problem(ProblemType.BAD_KEY, u.reason().line(), Map.of("reason", u.reason().key()));
            case NoSuchObjectException n -> new Problem(ProblemType.NO_SUCH_ORIGINAL, "no original image under this key");
            case ObjectTooLargeException t -> new Problem(ProblemType.TOO_LARGE,
                    "original is " + t.size() + " bytes, over the limit of " + t.limit(), Map.of("size", t.size(), "limit", t.limit()));
            case StoreUnavailableException s -> new Problem(ProblemType.STORE_UNAVAILABLE, "the image store did not answer in time or is throttling; retry");
            case StoreException s -> new Problem(ProblemType.INTERNAL, "the image store refused the request");
            case TransformException t -> new Problem(switch (t.kind()) {
                case INVALID_SPEC -> ProblemType.BAD_KEY;
                case TOO_LARGE -> ProblemType.TOO_LARGE;
                case UNSUPPORTED -> ProblemType.UNSUPPORTED_FORMAT;
                case CORRUPT -> ProblemType.CORRUPT_IMAGE;
                case TIMEOUT -> ProblemType.TIMEOUT;
            }, t.getMessage());
            default -> new Problem(ProblemType.INTERNAL, "internal error");
        };
    }
}
