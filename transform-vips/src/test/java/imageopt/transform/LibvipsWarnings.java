package imageopt.transform;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the warnings libvips logs (GLib log domain "VIPS") while installed, instead of printing
 * them. Decoders report damage they tolerate (fail_on none) as such warnings, one per bad scanline
 * or so: the count shows whether a decoder ran at all, and capturing them keeps the hostile
 * tests from writing tens of thousands of lines to the build log. Test code only: it binds
 * GLib's g_log_set_handler itself ({@link TestSymbols}).
 */
final class LibvipsWarnings implements AutoCloseable {
    private static final int G_LOG_LEVEL_WARNING = 1 << 4; // glib/gmessages.h
    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicReference<String> LAST = new AtomicReference<>("");
    private static final MethodHandle SET_HANDLER;
    private static final MethodHandle REMOVE_HANDLER;
    private static final MemorySegment HANDLER_STUB;
    private static final MemorySegment DOMAIN = Arena.global().allocateFrom("VIPS");

    static {
        SET_HANDLER = TestSymbols.downcall("g_log_set_handler", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        REMOVE_HANDLER = TestSymbols.downcall("g_log_remove_handler", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(LibvipsWarnings.class, "onLog",
                    MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class, MemorySegment.class));
            HANDLER_STUB = TestSymbols.LINKER.upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS, ADDRESS), Arena.global());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private final int handlerId;

    private LibvipsWarnings() {
        try {
            handlerId = (int) SET_HANDLER.invokeExact(DOMAIN, G_LOG_LEVEL_WARNING, HANDLER_STUB, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Starts capturing libvips warnings, until {@link #close()}. */
    static LibvipsWarnings capture() {
        return new LibvipsWarnings();
    }

    /** Warnings logged since the JVM started capturing (any thread, any capture). */
    static long count() {
        return COUNT.get();
    }

    /** The last warning's text, for assertion messages. */
    static String last() {
        return LAST.get();
    }

    @SuppressWarnings("unused") // called from native code
    private static void onLog(MemorySegment domain, int level, MemorySegment message, MemorySegment userData) {
        // an exception escaping an upcall would end the JVM: nothing here may throw
        try {
            COUNT.incrementAndGet();
            if (!message.equals(MemorySegment.NULL)) {
                LAST.set(message.reinterpret(Long.MAX_VALUE).getString(0));
            }
        } catch (Throwable ignored) {
            // the count is what matters
        }
    }

    @Override
    public void close() {
        try {
            REMOVE_HANDLER.invokeExact(DOMAIN, handlerId);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
