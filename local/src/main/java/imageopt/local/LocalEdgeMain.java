package imageopt.local;

import java.util.concurrent.CountDownLatch;

/**
 * {@code ./imageopt local [flags]}: starts the local edge and serves until Ctrl-C, which finishes
 * the requests in flight before the process exits. A bad setting, a port in use or an unreadable
 * folder is one line on stderr and exit status 2.
 */
public final class LocalEdgeMain {
    private LocalEdgeMain() {}

    public static void main(String[] args) {
        if (LocalConfig.wantsHelp(args)) {
            System.out.print(LocalConfig.usage());
            return;
        }
        LocalEdge edge;
        long t0 = System.nanoTime();
        try {
            LocalConfig config = LocalConfig.parse(args, System.getenv());
            edge = LocalEdge.start(config, System.out);
        } catch (LocalConfig.BadSetting e) {
            System.err.println("imageopt local: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("imageopt local: stopping: finishing the requests in flight");
            edge.close();
            System.out.println("imageopt local: stopped");
            stopped.countDown();
        }, "shutdown"));
        Seeder.Result s = edge.samples();
        System.out.printf("imageopt local: %d samples (%d new) under /%s%s; started in %d ms%n",
                s.keys().size(), s.uploaded(), LocalEdge.SAMPLES_PREFIX,
                edge.own().map(o -> String.format(", %d of your images (%d new, %d stale variants removed)",
                        o.keys().size(), o.uploaded(), o.variantsRemoved())).orElse(""),
                (System.nanoTime() - t0) / 1_000_000);
        System.out.println("imageopt local: serving on " + edge.url() + "  (Ctrl-C to stop)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
