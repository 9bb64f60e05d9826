package imageopt.store;

/** Where transformed images are written, to be served from there by CloudFront next time. */
public interface VariantStore {
    /** Stores one variant under its canonical key, replacing any older copy. */
    void put(String key, Variant variant);
}
