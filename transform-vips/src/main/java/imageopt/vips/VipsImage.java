package imageopt.vips;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * One reference to a VipsImage, released by {@link #close()} exactly once. Images are lazy:
 * reading the header decodes no pixels; pixels are computed when a saver pulls them.
 */
public final class VipsImage implements AutoCloseable {
    private MemorySegment pointer;

    VipsImage(MemorySegment ownedReference) {
        if (ownedReference.equals(MemorySegment.NULL)) {
            throw new VipsException("libvips returned no image");
        }
        this.pointer = ownedReference;
    }

    MemorySegment pointer() {
        if (pointer == null) {
            throw new IllegalStateException("image already released");
        }
        return pointer;
    }

    public int width() {
        return intCall(LibVipsHandles.WIDTH);
    }

    public int height() {
        return intCall(LibVipsHandles.HEIGHT);
    }

    public int bands() {
        return intCall(LibVipsHandles.BANDS);
    }

    /** Height of one frame; equals {@link #height()} unless this is a multi-page (animated) image. */
    public int pageHeight() {
        return intCall(LibVipsHandles.PAGE_HEIGHT);
    }

    /** Number of frames, from the "n-pages" field; 1 when absent. */
    public int pages() {
        return intCall(LibVipsHandles.N_PAGES);
    }

    /** EXIF orientation 1..8, 1 when absent. */
    public int orientation() {
        return intCall(LibVipsHandles.ORIENTATION);
    }

    public boolean hasAlpha() {
        return intCall(LibVipsHandles.HAS_ALPHA) != 0;
    }

    public int format() {
        return intCall(LibVipsHandles.FORMAT);
    }

    public int interpretation() {
        return intCall(LibVipsHandles.INTERPRETATION);
    }

    /** A metadata field as an int, or the fallback when absent or of another type. */
    public int intField(String name, int fallback) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            int rc = (int) LibVips.vips_image_get_int.invokeExact(pointer(), arena.allocateFrom(name), out);
            if (rc != 0) {
                Vips.takeError();
                return fallback;
            }
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** A metadata field as a string, or null when absent. */
    public String stringField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            if ((long) LibVips.vips_image_get_typeof.invokeExact(pointer(), cname) == 0) {
                return null;
            }
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) LibVips.vips_image_get_string.invokeExact(pointer(), cname, out);
            if (rc != 0) {
                Vips.takeError();
                return null;
            }
            return LibVips.string(out.get(ADDRESS, 0)); // borrowed from the image: copied, not freed
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** A metadata field as an int array (e.g. "delay"), or null when absent. */
    public int[] intArrayField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cname = arena.allocateFrom(name);
            if ((long) LibVips.vips_image_get_typeof.invokeExact(pointer(), cname) == 0) {
                return null;
            }
            MemorySegment array = arena.allocate(ADDRESS);
            MemorySegment count = arena.allocate(JAVA_INT);
            int rc = (int) LibVips.vips_image_get_array_int.invokeExact(pointer(), cname, array, count);
            if (rc != 0) {
                Vips.takeError();
                return null;
            }
            int n = count.get(JAVA_INT, 0);
            return array.get(ADDRESS, 0).reinterpret(4L * n).toArray(JAVA_INT);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** Sets an int metadata field on this image (fields are per image: set it on an image you own). */
    public void setIntField(String name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            LibVips.vips_image_set_int.invokeExact(pointer(), arena.allocateFrom(name), value);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** Sets an int array metadata field (e.g. an animation's "delay"). */
    public void setIntArrayField(String name, int[] values) {
        try (Arena arena = Arena.ofConfined()) {
            LibVips.vips_image_set_array_int.invokeExact(pointer(), arena.allocateFrom(name), arena.allocateFrom(JAVA_INT, values), values.length);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /**
     * Computes this image into memory and returns a reference to the result: needed before
     * operations that read pixels more than once (smartcrop) from a sequential loader.
     */
    public VipsImage copyMemory() {
        try {
            MemorySegment copy = (MemorySegment) LibVips.vips_image_copy_memory.invokeExact(pointer());
            if (copy.equals(MemorySegment.NULL)) {
                throw new VipsException("copy_memory", "copy_memory failed: " + Vips.takeError());
            }
            return new VipsImage(copy);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** A new 8-bit image holding a copy of these pixels (band-interleaved, row after row). */
    public static VipsImage fromPixels(MemorySegment pixels, int width, int height, int bands) {
        Vips.start();
        try {
            MemorySegment image = (MemorySegment) LibVips.vips_image_new_from_memory_copy.invokeExact(
                    pixels, pixels.byteSize(), width, height, bands, VipsEnums.BandFormat.UCHAR.value());
            if (image.equals(MemorySegment.NULL)) {
                throw new VipsException("new_from_memory_copy", "new_from_memory_copy failed: " + Vips.takeError());
            }
            return new VipsImage(image);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /**
     * Computes this image into a libvips buffer and hands its pixels (band-interleaved, row
     * after row) to the consumer, then frees the buffer.
     */
    public void withPixels(Consumer<MemorySegment> consumer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            MemorySegment data = (MemorySegment) LibVips.vips_image_write_to_memory.invokeExact(pointer(), size);
            if (data.equals(MemorySegment.NULL)) {
                throw new VipsException("write_to_memory", "write_to_memory failed: " + Vips.takeError());
            }
            try {
                consumer.accept(data.reinterpret(size.get(JAVA_LONG, 0)));
            } finally {
                LibVips.g_free.invokeExact(data);
            }
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** Removes a metadata field if present. */
    public void removeField(String name) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) LibVips.vips_image_remove.invokeExact(pointer(), arena.allocateFrom(name));
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /**
     * Asks libvips to stop computing this image; a pipeline pulling pixels from it then fails.
     * Safe from another thread while this reference is held (see Deadline in the transform package).
     */
    public void kill() {
        try {
            LibVips.vips_image_set_kill.invokeExact(pointer(), 1);
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** A second, independently owned reference to the same image. */
    public VipsImage newReference() {
        try {
            return new VipsImage((MemorySegment) LibVips.g_object_ref.invokeExact(pointer()));
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    @Override
    public void close() {
        if (pointer != null) {
            MemorySegment p = pointer;
            pointer = null;
            try {
                LibVips.g_object_unref.invokeExact(p);
            } catch (Throwable t) {
                throw LibVips.rethrow(t);
            }
        }
    }

    private int intCall(LibVipsHandles handle) {
        try {
            return (int) handle.handle.invokeExact(pointer());
        } catch (Throwable t) {
            throw LibVips.rethrow(t);
        }
    }

    /** The int-valued header getters, one enum so each accessor stays one line. */
    private enum LibVipsHandles {
        WIDTH(LibVips.vips_image_get_width),
        HEIGHT(LibVips.vips_image_get_height),
        BANDS(LibVips.vips_image_get_bands),
        FORMAT(LibVips.vips_image_get_format),
        INTERPRETATION(LibVips.vips_image_get_interpretation),
        N_PAGES(LibVips.vips_image_get_n_pages),
        PAGE_HEIGHT(LibVips.vips_image_get_page_height),
        ORIENTATION(LibVips.vips_image_get_orientation),
        HAS_ALPHA(LibVips.vips_image_hasalpha);

        final java.lang.invoke.MethodHandle handle;

        LibVipsHandles(java.lang.invoke.MethodHandle handle) {
            this.handle = handle;
        }
    }
}
