package imageopt.local;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where misses are transformed: a fixed number of platform threads and a bounded queue. Past the
 * queue a miss is refused at once (the caller answers 503 with Retry-After) instead of piling up
 * originals in memory. Cache hits never come here: they are served on the request's own thread.
 *
 * <p>Concurrent misses of one key share one transform, as CloudFront collapses simultaneous
 * requests for one cache key into one origin request.
 */
public final class TransformPool implements AutoCloseable {
    /** Thrown when every worker is busy and the queue is full. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("transform queue full", null, false, false);
        }
    }

    private final ThreadPoolExecutor executor;
    private final ConcurrentHashMap<String, CompletableFuture<Edge.Answer>> inFlight = new ConcurrentHashMap<>();

    public TransformPool(int workers, int queue) {
        BlockingQueue<Runnable> q = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, q,
                r -> {
                    Thread t = new Thread(r, "transform-" + n.incrementAndGet());
                    t.setDaemon(false);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} for {@code key} on a worker, or joins the run already under way for it.
     *
     * @return the answer, once computed
     * @throws Busy when the work cannot be queued
     */
    public CompletableFuture<Edge.Answer> submit(String key, Supplier<Edge.Answer> work) {
        CompletableFuture<Edge.Answer> mine = new CompletableFuture<>();
        CompletableFuture<Edge.Answer> existing = inFlight.putIfAbsent(key, mine);
        if (existing != null) return existing;
        try {
            executor.execute(() -> {
                try {
                    mine.complete(work.get());
                } catch (Throwable t) {
                    mine.completeExceptionally(t);
                } finally {
                    inFlight.remove(key, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, mine);
            Busy busy = new Busy();
            mine.completeExceptionally(busy);
            throw busy;
        }
        return mine;
    }

    /** Transforms running or waiting. */
    public int pending() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    /** Lets every accepted transform finish (queued ones included), up to {@code seconds}. */
    public boolean drain(long seconds) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (!drain(60)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
