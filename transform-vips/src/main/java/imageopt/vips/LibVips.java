package imageopt.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The C functions of libvips and GLib that the binding calls, one downcall handle each, bound
 * once when this class initialises. Only fixed-argument functions: operations are called
 * generically by name ({@link Operation}), so no variadic C call is needed. GType is a gsize.
 * Every signature is the one in the headers of the pinned libvips (npm @img/sharp-libvips-dev).
 */
final class LibVips {
    static final LibraryLocator.Loaded LIBRARY = LibraryLocator.library();
    private static final SymbolLookup SYMBOLS = LIBRARY.symbols();
    private static final Linker LINKER = Linker.nativeLinker();

    // GValue is { GType g_type; union { ... } data[2]; }: 8 + 2 * 8 bytes on LP64 (gobject/gvalue.h).
    static final long GVALUE_SIZE = 24;

    // lifecycle and settings
    static final MethodHandle vips_init = fn("vips_init", JAVA_INT, ADDRESS);
    static final MethodHandle vips_version = fn("vips_version", JAVA_INT, JAVA_INT);
    static final MethodHandle vips_cache_set_max = fn("vips_cache_set_max", null, JAVA_INT);
    static final MethodHandle vips_cache_set_max_mem = fn("vips_cache_set_max_mem", null, JAVA_LONG);
    static final MethodHandle vips_cache_set_max_files = fn("vips_cache_set_max_files", null, JAVA_INT);
    static final MethodHandle vips_concurrency_set = fn("vips_concurrency_set", null, JAVA_INT);
    static final MethodHandle vips_concurrency_get = fn("vips_concurrency_get", JAVA_INT);
    static final MethodHandle vips_error_buffer = fn("vips_error_buffer", ADDRESS);
    static final MethodHandle vips_error_clear = fn("vips_error_clear", null);
    static final MethodHandle vips_tracked_get_mem = fn("vips_tracked_get_mem", JAVA_LONG);
    static final MethodHandle vips_tracked_get_allocs = fn("vips_tracked_get_allocs", JAVA_INT);

    // GObject and GValue
    static final MethodHandle g_object_ref = fn("g_object_ref", ADDRESS, ADDRESS);
    static final MethodHandle g_object_unref = fn("g_object_unref", null, ADDRESS);
    static final MethodHandle g_type_from_name = fn("g_type_from_name", JAVA_LONG, ADDRESS);
    static final MethodHandle g_value_init = fn("g_value_init", ADDRESS, ADDRESS, JAVA_LONG);
    static final MethodHandle g_value_unset = fn("g_value_unset", null, ADDRESS);
    static final MethodHandle g_value_set_int = fn("g_value_set_int", null, ADDRESS, JAVA_INT);
    static final MethodHandle g_value_set_double = fn("g_value_set_double", null, ADDRESS, JAVA_DOUBLE);
    static final MethodHandle g_value_set_boolean = fn("g_value_set_boolean", null, ADDRESS, JAVA_INT);
    static final MethodHandle g_value_set_string = fn("g_value_set_string", null, ADDRESS, ADDRESS);
    static final MethodHandle g_value_set_enum = fn("g_value_set_enum", null, ADDRESS, JAVA_INT);
    static final MethodHandle g_value_set_flags = fn("g_value_set_flags", null, ADDRESS, JAVA_INT);
    static final MethodHandle g_value_set_object = fn("g_value_set_object", null, ADDRESS, ADDRESS);
    static final MethodHandle g_value_set_boxed = fn("g_value_set_boxed", null, ADDRESS, ADDRESS);
    static final MethodHandle g_value_get_object = fn("g_value_get_object", ADDRESS, ADDRESS);
    static final MethodHandle g_value_get_boxed = fn("g_value_get_boxed", ADDRESS, ADDRESS);
    static final MethodHandle g_object_set_property = fn("g_object_set_property", null, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle g_object_get_property = fn("g_object_get_property", null, ADDRESS, ADDRESS, ADDRESS);

    // operations, blobs, arrays
    static final MethodHandle vips_operation_new = fn("vips_operation_new", ADDRESS, ADDRESS);
    static final MethodHandle vips_cache_operation_build = fn("vips_cache_operation_build", ADDRESS, ADDRESS);
    static final MethodHandle vips_object_unref_outputs = fn("vips_object_unref_outputs", null, ADDRESS);
    static final MethodHandle vips_blob_new = fn("vips_blob_new", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    static final MethodHandle vips_blob_get = fn("vips_blob_get", ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle vips_area_unref = fn("vips_area_unref", null, ADDRESS);
    static final MethodHandle vips_value_set_array_double = fn("vips_value_set_array_double", null, ADDRESS, ADDRESS, JAVA_INT);
    static final MethodHandle vips_value_set_array_image = fn("vips_value_set_array_image", null, ADDRESS, JAVA_INT);
    static final MethodHandle vips_value_get_array_image = fn("vips_value_get_array_image", ADDRESS, ADDRESS, ADDRESS);

    // image header
    static final MethodHandle vips_image_get_width = fn("vips_image_get_width", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_height = fn("vips_image_get_height", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_bands = fn("vips_image_get_bands", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_format = fn("vips_image_get_format", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_interpretation = fn("vips_image_get_interpretation", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_n_pages = fn("vips_image_get_n_pages", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_page_height = fn("vips_image_get_page_height", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_orientation = fn("vips_image_get_orientation", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_hasalpha = fn("vips_image_hasalpha", JAVA_INT, ADDRESS);
    static final MethodHandle vips_image_get_typeof = fn("vips_image_get_typeof", JAVA_LONG, ADDRESS, ADDRESS);
    static final MethodHandle vips_image_get_int = fn("vips_image_get_int", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle vips_image_get_string = fn("vips_image_get_string", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle vips_image_get_array_int = fn("vips_image_get_array_int", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle vips_image_set_int = fn("vips_image_set_int", null, ADDRESS, ADDRESS, JAVA_INT);
    static final MethodHandle vips_image_remove = fn("vips_image_remove", JAVA_INT, ADDRESS, ADDRESS);
    static final MethodHandle vips_image_copy_memory = fn("vips_image_copy_memory", ADDRESS, ADDRESS);
    static final MethodHandle vips_image_set_array_int = fn("vips_image_set_array_int", null, ADDRESS, ADDRESS, ADDRESS, JAVA_INT);
    static final MethodHandle vips_image_set_kill = fn("vips_image_set_kill", null, ADDRESS, JAVA_INT);

    // pixels in and out of memory (the SVG renderer's process hands its raster over this way)
    static final MethodHandle vips_image_new_from_memory_copy = fn("vips_image_new_from_memory_copy", ADDRESS,
            ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    static final MethodHandle vips_image_write_to_memory = fn("vips_image_write_to_memory", ADDRESS, ADDRESS, ADDRESS);
    static final MethodHandle g_free = fn("g_free", null, ADDRESS);

    private LibVips() {}

    private static MethodHandle fn(String name, MemoryLayout result, MemoryLayout... args) {
        MemorySegment address = SYMBOLS.find(name)
                .orElseThrow(() -> new VipsException("libvips at " + LIBRARY.where() + " has no symbol " + name));
        FunctionDescriptor descriptor = result == null ? FunctionDescriptor.ofVoid(args) : FunctionDescriptor.of(result, args);
        return LINKER.downcallHandle(address, descriptor);
    }

    /** Calls a GType getter such as vips_direction_get_type; 0 when there is no such function. */
    static long getType(String getter) {
        var address = SYMBOLS.find(getter);
        if (address.isEmpty()) {
            return 0;
        }
        try {
            return (long) LINKER.downcallHandle(address.get(), FunctionDescriptor.of(JAVA_LONG)).invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Any Throwable from a downcall is a binding bug, not a libvips error: rethrow it unchecked. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static String string(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL) ? null : cString.reinterpret(Long.MAX_VALUE).getString(0);
    }

    static MemorySegment cString(Arena arena, String s) {
        return arena.allocateFrom(s);
    }
}
