package imageopt.transform;

import imageopt.vips.VipsImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time budget of one transform. Checked between pipeline steps; past it a timer stops what
 * runs: it sets libvips' kill flag on every image being computed (libvips then stops between
 * tiles, and the WebP encoder between its passes) and kills the SVG renderer's process. The
 * flag is set again every {@link #REKILL} until the transform ends, because libvips clears it
 * when an evaluation starts: a kill that lands just before would otherwise be lost.
 * The timer holds its own reference to each image and only touches it under this object's lock,
 * so a kill never reaches an image already released.
 */
final class Deadline implements AutoCloseable {
    static final Duration REKILL = Duration.ofMillis(50);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imageopt-deadline");
        t.setDaemon(true);
        return t;
    });

    private final Duration budget;
    private final long endNanos;
    private final List<VipsImage> watched = new ArrayList<>();
    private Process process;
    private ScheduledFuture<?> timer;
    private boolean closed;
    private volatile boolean fired;

    Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** Throws the typed timeout error if the budget is spent. */
    void check(String step) {
        if (fired || remainingNanos() <= 0) {
            throw expired(step);
        }
    }

    long remainingNanos() {
        return endNanos - System.nanoTime();
    }

    TransformException expired(String step) {
        return new TransformException(TransformException.Kind.TIMEOUT,
                "transform exceeded its time budget of " + budget.toMillis() + " ms (" + step + ")");
    }

    /** Arms the kill switch on an image whose pixels are about to be computed. */
    synchronized void watch(VipsImage image) {
        watched.add(image.newReference());
        arm();
    }

    /** Kills the process (the SVG renderer) when the budget runs out. */
    synchronized void watch(Process running) {
        process = running;
        arm();
    }

    /** Stops watching the process (it has ended). */
    synchronized void forget(Process ended) {
        if (process == ended) {
            process = null;
        }
    }

    private void arm() {
        if (timer == null && !closed) {
            timer = TIMER.scheduleAtFixedRate(this::fire, Math.max(0, remainingNanos()), REKILL.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void fire() {
        if (closed) {
            return;
        }
        fired = true;
        watched.forEach(VipsImage::kill);
        if (process != null) {
            process.destroyForcibly(); // SIGKILL: its CPU and memory are released at once
        }
    }

    /** Whether the kill switch was used: a failure after it is a timeout, not damage. */
    boolean fired() {
        return fired;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        watched.forEach(VipsImage::close);
        watched.clear();
        process = null;
    }
}
