package imageopt.fuzz;

import imageopt.privacy.IccProfile;
import imageopt.privacy.JpegMetadata;
import imageopt.privacy.MalformedImageException;
import imageopt.privacy.PngMetadata;
import imageopt.privacy.WebpMetadata;
import imageopt.transform.EncoderSettings;
import imageopt.transform.ImageHeader;
import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.TransformException;

/**
 * Fuzz target: what an original's bytes meet before any pixel is decoded. The engine's sniffing,
 * header read and limits (readHeaderWithinLimits) must answer a header within the limits or a
 * TransformException of a 4xx kind; the privacy strippers and the ICC check must give bytes or
 * MalformedImageException. Anything else (an unchecked exception, an error) is a finding.
 */
public final class HeaderFuzz {
    /** Small limits, so that the fuzzer reaches them with small inputs. */
    private static final Limits LIMITS = Limits.DEFAULT.withMaxSourcePixels(1_000_000).withMaxFrames(16).withMaxSourceBytes(1 << 20);
    private static final ImageTransformer ENGINE = new ImageTransformer(LIMITS, EncoderSettings.DEFAULT);

    private HeaderFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        try {
            ImageHeader h = ENGINE.readHeaderWithinLimits(data);
            if (h.width() < 1 || h.height() < 1 || h.frames() < 1 || h.totalPixels() > LIMITS.maxSourcePixels()
                    || h.frames() > LIMITS.maxFrames() || Math.max(h.width(), h.height()) > Limits.MAX_SOURCE_SIDE) {
                throw new IllegalStateException("a header past the limits was let through: " + h);
            }
        } catch (TransformException e) {
            if (e.kind() != TransformException.Kind.TOO_LARGE && e.kind() != TransformException.Kind.UNSUPPORTED
                    && e.kind() != TransformException.Kind.CORRUPT) {
                throw new IllegalStateException("a header check answered " + e.kind(), e);
            }
        }
        for (int orientation : new int[] {1, 6}) {
            strip(() -> JpegMetadata.strip(data, orientation));
            strip(() -> PngMetadata.strip(data, orientation));
            strip(() -> WebpMetadata.strip(data, orientation));
        }
        for (String format : new String[] {"jpeg", "png", "webp"}) {
            strip(() -> IccProfile.mayKeep(format, data) ? new byte[0] : null);
        }
    }

    private static void strip(java.util.function.Supplier<byte[]> stripper) {
        try {
            stripper.get();
        } catch (MalformedImageException expected) {
            // the origin re-encodes such an image
        }
    }
}
