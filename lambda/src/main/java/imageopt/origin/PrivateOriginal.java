package imageopt.origin;

import imageopt.privacy.IccProfile;
import imageopt.privacy.JpegMetadata;
import imageopt.privacy.MalformedImageException;
import imageopt.privacy.PngMetadata;
import imageopt.privacy.WebpMetadata;
import imageopt.transform.ImageHeader;
import imageopt.transform.ImageTransformer;
import imageopt.transform.SourceFormat;
import imageopt.transform.TransformResult;
import imageopt.transform.TransformSpec;

/**
 * What {@code /original} serves: the source's pixels without privacy metadata. JPEG, PNG and WebP
 * keep their own bytes less the metadata segments or chunks (no re-encoding, so no loss); SVG is
 * rasterised to PNG (never served as SVG from the image domain); GIF, AVIF and TIFF, and any
 * JPEG/PNG/WebP whose structure cannot be walked or whose ICC profile is large or invalid
 * ({@link IccProfile}), are re-encoded by the engine (lossless for PNG
 * and GIF output, quality {@value #REENCODE_QUALITY} for JPEG and AVIF), which converts to sRGB and
 * writes no metadata. Every original is held to the transforms' limits first.
 */
final class PrivateOriginal {
    static final int REENCODE_QUALITY = 90;
    private static final TransformSpec REENCODE = TransformSpec.of(null, REENCODE_QUALITY, null, null, null, null);

    private PrivateOriginal() {}

    static Rendition render(byte[] source, ImageTransformer engine) {
        // refuses what is not an image (415), cannot be read (422) or is over the transforms' limits (413)
        ImageHeader header = engine.readHeaderWithinLimits(source);
        SourceFormat format = header.format();
        try {
            // a large or broken ICC profile is not kept: the engine converts to sRGB and writes none
            byte[] stripped = !IccProfile.mayKeep(format.token(), source) ? null : switch (format) {
                case JPEG -> JpegMetadata.strip(source, header.orientation());
                case PNG -> PngMetadata.strip(source, header.orientation());
                case WEBP -> WebpMetadata.strip(source, header.orientation());
                default -> null;
            };
            if (stripped != null) {
                return new Rendition(stripped, format.sameAsSource(header.hasAlpha()).contentType(), "stripped");
            }
        } catch (MalformedImageException e) {
            // damaged structure: the engine decodes what browsers would show, and writes it anew
        }
        TransformResult result = engine.transform(source, REENCODE);
        return new Rendition(result.bytes(), result.contentType(), "re-encoded");
    }
}
