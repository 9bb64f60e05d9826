package imageopt.bench.advisor;

/**
 * Lambda's CPU rule: CPU share proportional to memory, one full vCPU at 1,769 MB, up to 6 vCPUs at
 * 10,240 MB; below 1,769 MB a fraction of one vCPU's time. A transform measured at T1 on one full
 * core with one libvips thread, of which a fraction {@code serial} cannot run in parallel (fitted
 * from the thread-scaling benchmark, Amdahl's law), then takes
 * <pre>
 *   share s = min(6, memory / 1769)
 *   s &lt; 1:  T1 / s                          (throttled to a fraction of one vCPU)
 *   s &gt;= 1: T1 * (serial + (1 - serial) / s) (libvips spreads the rest over s vCPUs)
 * </pre>
 * with as many libvips threads as vCPUs (the engine's default concurrency is the processor count).
 */
public final class LambdaCpuModel {
    public static final int MB_PER_VCPU = 1769;
    public static final int MAX_MEMORY_MB = 10_240;
    public static final int MIN_MEMORY_MB = 128;
    public static final double MAX_VCPUS = 6;

    private LambdaCpuModel() {}

    /** vCPU-equivalents of CPU time at a memory size. */
    public static double share(int memoryMb) {
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
            throw new IllegalArgumentException("Lambda memory is " + MIN_MEMORY_MB + ".." + MAX_MEMORY_MB + " MB, got " + memoryMb);
        }
        return Math.min(MAX_VCPUS, memoryMb / (double) MB_PER_VCPU);
    }

    /** Modelled wall time of a transform measured at {@code t1Ms} on one full core with one thread. */
    public static double durationMs(double t1Ms, double serialFraction, int memoryMb) {
        if (serialFraction < 0 || serialFraction > 1) {
            throw new IllegalArgumentException("serial fraction must be 0..1, got " + serialFraction);
        }
        double s = share(memoryMb);
        return s < 1 ? t1Ms / s : t1Ms * (serialFraction + (1 - serialFraction) / s);
    }

    /**
     * Amdahl's serial fraction from times at 1..n threads (times[i] at threads[i]; one of them must
     * be 1 thread), by least squares on T(n)/T(1) = f + (1 - f)/n, clamped to 0..1.
     */
    public static double fitSerialFraction(int[] threads, double[] times) {
        double t1 = Double.NaN;
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] == 1) t1 = times[i];
        }
        if (Double.isNaN(t1)) {
            throw new IllegalArgumentException("thread scaling needs a 1-thread time");
        }
        double sxx = 0, sxy = 0;
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] == 1) continue;
            double x = 1 - 1.0 / threads[i];
            double y = times[i] / t1;
            sxx += x * x;
            sxy += x * (1 - y);
        }
        if (sxx == 0) {
            return 1; // only one thread measured: assume nothing parallel
        }
        double parallel = Math.max(0, Math.min(1, sxy / sxx));
        return 1 - parallel;
    }
}
