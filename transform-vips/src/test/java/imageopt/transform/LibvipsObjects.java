package imageopt.transform;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the VipsObjects alive in the process (images, operations, sources...), through libvips'
 * own registry of every object ({@code vips_object_map}). A reference the engine forgot to
 * release shows up here exactly, where resident memory would only drift.
 */
final class LibvipsObjects {
    private static final MethodHandle OBJECT_MAP =
            TestSymbols.downcall("vips_object_map", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MemorySegment COUNTER_STUB;
    private static final AtomicLong SEEN = new AtomicLong();

    static {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(LibvipsObjects.class, "count",
                    MethodType.methodType(MemorySegment.class, MemorySegment.class, MemorySegment.class, MemorySegment.class));
            COUNTER_STUB = TestSymbols.LINKER.upcallStub(target, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private LibvipsObjects() {}

    /** VipsObjects alive right now, in every thread. */
    static synchronized long alive() {
        SEEN.set(0);
        try {
            MemorySegment ignored = (MemorySegment) OBJECT_MAP.invokeExact(COUNTER_STUB, MemorySegment.NULL, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return SEEN.get();
    }

    /** Called by vips_object_map under its lock for each object: counts it, returns NULL to go on. */
    @SuppressWarnings("unused")
    private static MemorySegment count(MemorySegment object, MemorySegment a, MemorySegment b) {
        SEEN.incrementAndGet(); // cannot throw: an exception escaping an upcall would end the JVM
        return MemorySegment.NULL;
    }
}
