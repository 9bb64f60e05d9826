package imageopt.vips;

/**
 * A libvips enum or flags value: the GType it belongs to, its C name and its number, which
 * comes from the pinned headers (a test reads them back from {@code @img/sharp-libvips-dev}).
 */
public interface VipsEnum {
    /** The GType name, e.g. "VipsInteresting". */
    String typeName();

    /** The C enumerator, e.g. "VIPS_INTERESTING_ATTENTION". */
    String cName();

    int value();

    /** Flags types are set with g_value_set_flags, enums with g_value_set_enum. */
    default boolean isFlags() {
        return false;
    }
}
