package imageopt.transform;

import imageopt.vips.VipsImage;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time budget of one transform: checked between pipeline steps, and while libvips computes
 * pixels a timer sets the kill flag on the image being encoded, which stops its evaluation
 * cleanly. The timer holds its own reference to that image and only touches it under this
 * object's lock, so a kill can never reach an image already released.
 */
final class Deadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imageopt-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Duration budget;
    private final long endNanos;
    private VipsImage watched;
    private ScheduledFuture<?> timer;
    private boolean closed;
    private volatile boolean fired;

    Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** Throws the typed timeout error if the budget is spent. */
    void check(String step) {
        if (fired || System.nanoTime() - endNanos > 0) {
            throw expired(step);
        }
    }

    TransformException expired(String step) {
        return new TransformException(TransformException.Kind.TIMEOUT,
                "transform exceeded its time budget of " + budget.toMillis() + " ms (" + step + ")");
    }

    /** Arms the kill switch on the image whose pixels are about to be computed. */
    synchronized void watch(VipsImage image) {
        if (watched != null) {
            throw new IllegalStateException("already watching an image");
        }
        watched = image.newReference();
        long delay = Math.max(0, endNanos - System.nanoTime());
        timer = TIMER.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
    }

    private synchronized void fire() {
        if (!closed && watched != null) {
            fired = true;
            watched.kill();
        }
    }

    /** Whether the kill switch was used: a libvips failure after it is a timeout, not damage. */
    boolean fired() {
        return fired;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (watched != null) {
            watched.close();
            watched = null;
        }
    }
}
