package imageopt.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A libvips operation called generically by name, the way pyvips does it: create it, set its
 * arguments as GValues, build it (through the cache, which is off), read its outputs, release it.
 *
 * <pre>{@code
 * try (Operation op = Operation.of("thumbnail_image")) {
 *     VipsImage out = op.set("in", image).set("width", 300).build().image("out");
 * }
 * }</pre>
 * {@link #close()} drops the operation and its references to its outputs on every path; images
 * taken with {@link #image} are the caller's own references.
 */
public final class Operation implements AutoCloseable {
    private final String name;
    private final Arena arena = Arena.ofConfined();
    private MemorySegment op;
    private boolean built;

    private Operation(String name, MemorySegment op) {
        this.name = name;
        this.op = op;
    }

    public static Operation of(String name) {
        Vips.start();
        try (Arena temp = Arena.ofConfined()) {
            MemorySegment op = (MemorySegment) LibVips.vips_operation_new.invokeExact(temp.allocateFrom(name));
            if (op.equals(MemorySegment.NULL)) {
                throw new VipsException("no libvips operation " + name + ": " + Vips.takeError());
            }
            return new Operation(name, op);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    public Operation set(String argument, int value) {
        MemorySegment v = value("gint");
        invoke(() -> { LibVips.g_value_set_int.invokeExact(v, value); });
        return assign(argument, v);
    }

    public Operation set(String argument, double value) {
        MemorySegment v = value("gdouble");
        invoke(() -> { LibVips.g_value_set_double.invokeExact(v, value); });
        return assign(argument, v);
    }

    public Operation set(String argument, boolean value) {
        MemorySegment v = value("gboolean");
        invoke(() -> { LibVips.g_value_set_boolean.invokeExact(v, value ? 1 : 0); });
        return assign(argument, v);
    }

    public Operation set(String argument, String value) {
        MemorySegment v = value("gchararray");
        MemorySegment s = arena.allocateFrom(value);
        invoke(() -> { LibVips.g_value_set_string.invokeExact(v, s); }); // copies the string
        return assign(argument, v);
    }

    public Operation set(String argument, VipsEnum value) {
        MemorySegment v = value(value.typeName());
        int number = value.value();
        if (value.isFlags()) {
            invoke(() -> { LibVips.g_value_set_flags.invokeExact(v, number); });
        } else {
            invoke(() -> { LibVips.g_value_set_enum.invokeExact(v, number); });
        }
        return assign(argument, v);
    }

    public Operation set(String argument, VipsImage image) {
        MemorySegment v = value("VipsImage");
        MemorySegment p = image.pointer();
        invoke(() -> { LibVips.g_value_set_object.invokeExact(v, p); }); // the GValue takes its own ref
        return assign(argument, v);
    }

    public Operation set(String argument, double[] values) {
        MemorySegment v = value("VipsArrayDouble");
        MemorySegment array = arena.allocateFrom(JAVA_DOUBLE, values);
        invoke(() -> { LibVips.vips_value_set_array_double.invokeExact(v, array, values.length); }); // copies
        return assign(argument, v);
    }

    /** Sets an array-of-images argument (e.g. arrayjoin's "in"); the array takes its own references. */
    public Operation set(String argument, VipsImage[] images) {
        MemorySegment v = value("VipsArrayImage");
        invoke(() -> {
            LibVips.vips_value_set_array_image.invokeExact(v, images.length);
            MemorySegment slots = ((MemorySegment) LibVips.vips_value_get_array_image.invokeExact(v, MemorySegment.NULL))
                    .reinterpret(ADDRESS.byteSize() * images.length);
            for (int i = 0; i < images.length; i++) {
                MemorySegment ref = (MemorySegment) LibVips.g_object_ref.invokeExact(images[i].pointer());
                slots.setAtIndex(ADDRESS, i, ref);
            }
        });
        return assign(argument, v);
    }

    /**
     * Sets a VipsBlob argument over native memory without copying it. The memory must stay valid
     * until every image computed from this operation is closed (libvips reads it lazily).
     */
    public Operation setBuffer(String argument, MemorySegment bytes) {
        MemorySegment v = value("VipsBlob");
        invoke(() -> {
            MemorySegment blob = (MemorySegment) LibVips.vips_blob_new.invokeExact(MemorySegment.NULL, bytes, bytes.byteSize());
            LibVips.g_value_set_boxed.invokeExact(v, blob); // takes its own reference
            LibVips.vips_area_unref.invokeExact(blob);
        });
        return assign(argument, v);
    }

    /**
     * Runs the operation; a failure is a VipsException carrying libvips' text as a hint. A failed
     * build releases the operation at once, so a caller that chained {@code of(..).set(..).build()}
     * into a try-with-resources (where the variable is never assigned) leaks nothing.
     */
    public Operation build() {
        try {
            MemorySegment result = (MemorySegment) LibVips.vips_cache_operation_build.invokeExact(op);
            if (result.equals(MemorySegment.NULL)) {
                String hint = Vips.takeError();
                close();
                throw new VipsException(name, name + " failed: " + hint);
            }
            // build returns a new reference, possibly to another (cached) operation: keep that one.
            LibVips.g_object_unref.invokeExact(op);
            op = result;
            built = true;
            return this;
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** An image output, as a reference the caller owns and must close. */
    public VipsImage image(String argument) {
        requireBuilt();
        MemorySegment v = read(argument, "VipsImage");
        try {
            MemorySegment image = (MemorySegment) LibVips.g_value_get_object.invokeExact(v);
            MemorySegment owned = (MemorySegment) LibVips.g_object_ref.invokeExact(image);
            return new VipsImage(owned);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        } finally {
            unset(v);
        }
    }

    /** A blob output (a saver's "buffer") copied into the Java heap. */
    public byte[] bytes(String argument) {
        requireBuilt();
        MemorySegment v = read(argument, "VipsBlob");
        try {
            MemorySegment blob = (MemorySegment) LibVips.g_value_get_boxed.invokeExact(v);
            MemorySegment length = arena.allocate(JAVA_LONG);
            MemorySegment data = (MemorySegment) LibVips.vips_blob_get.invokeExact(blob, length);
            long n = length.get(JAVA_LONG, 0);
            return data.reinterpret(n).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        } finally {
            unset(v);
        }
    }

    @Override
    public void close() {
        if (op == null) {
            return;
        }
        MemorySegment p = op;
        op = null;
        try {
            // Drops the operation's references to its outputs (built or half-built), then the operation.
            LibVips.vips_object_unref_outputs.invokeExact(p);
            LibVips.g_object_unref.invokeExact(p);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        } finally {
            arena.close();
        }
    }

    private void requireBuilt() {
        if (!built) {
            throw new IllegalStateException(name + " has not been built");
        }
    }

    private MemorySegment value(String typeName) {
        long type = Vips.gtype(typeName);
        MemorySegment v = arena.allocate(LibVips.GVALUE_SIZE); // zero-filled, as g_value_init requires
        invoke(() -> {
            MemorySegment ignored = (MemorySegment) LibVips.g_value_init.invokeExact(v, type);
        });
        return v;
    }

    private Operation assign(String argument, MemorySegment v) {
        MemorySegment cname = arena.allocateFrom(argument);
        invoke(() -> { LibVips.g_object_set_property.invokeExact(op, cname, v); });
        unset(v);
        return this;
    }

    private MemorySegment read(String argument, String typeName) {
        MemorySegment v = value(typeName);
        MemorySegment cname = arena.allocateFrom(argument);
        invoke(() -> { LibVips.g_object_get_property.invokeExact(op, cname, v); });
        return v;
    }

    private static void unset(MemorySegment v) {
        invoke(() -> { LibVips.g_value_unset.invokeExact(v); });
    }

    @FunctionalInterface
    private interface NativeCall {
        void run() throws Throwable;
    }

    private static void invoke(NativeCall call) {
        try {
            call.run();
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }
}
