package imageopt.origin;

/**
 * The image to answer with.
 *
 * @param bytes       encoded image
 * @param contentType its media type
 * @param how         how it was made: "transformed", "stripped" (the original's own bytes less metadata), "re-encoded"
 */
record Rendition(byte[] bytes, String contentType, String how) {}
