package imageopt.bench.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LambdaCpuModelTest {
    @Test
    void oneVcpuAt1769AndAtMostSix() {
        assertEquals(1.0, LambdaCpuModel.share(1769), 1e-12);
        assertEquals(512 / 1769.0, LambdaCpuModel.share(512), 1e-12);
        assertEquals(10240 / 1769.0, LambdaCpuModel.share(10240), 1e-12); // 5.79: proportional all the way
        assertEquals(6.0, Math.ceil(LambdaCpuModel.share(10240)), 0);
        assertThrows(IllegalArgumentException.class, () -> LambdaCpuModel.share(10241));
        assertThrows(IllegalArgumentException.class, () -> LambdaCpuModel.share(127));
    }

    @Test
    void belowOneVcpuTimeStretchesWithTheShare() {
        // 100 ms on a full core takes 1769/512 times longer at 512 MB, whatever the parallel part
        assertEquals(100 * 1769 / 512.0, LambdaCpuModel.durationMs(100, 0.0, 512), 1e-9);
        assertEquals(100 * 1769 / 512.0, LambdaCpuModel.durationMs(100, 1.0, 512), 1e-9);
        assertEquals(100, LambdaCpuModel.durationMs(100, 0.3, 1769), 1e-9);
    }

    @Test
    void aboveOneVcpuAmdahl() {
        assertEquals(100, LambdaCpuModel.durationMs(100, 1.0, 3538), 1e-9);        // all serial: no gain
        assertEquals(50, LambdaCpuModel.durationMs(100, 0.0, 3538), 1e-9);         // all parallel, 2 vCPUs
        assertEquals(100 * (0.5 + 0.5 / 2), LambdaCpuModel.durationMs(100, 0.5, 3538), 1e-9);
    }

    @Test
    void fitsAmdahlsSerialFraction() {
        int[] threads = {1, 2, 4};
        assertEquals(0.0, LambdaCpuModel.fitSerialFraction(threads, new double[] {100, 50, 25}), 1e-9);
        assertEquals(1.0, LambdaCpuModel.fitSerialFraction(threads, new double[] {100, 100, 100}), 1e-9);
        double f = 0.4;
        assertEquals(f, LambdaCpuModel.fitSerialFraction(threads, new double[] {100, 100 * (f + (1 - f) / 2), 100 * (f + (1 - f) / 4)}), 1e-9);
        // slower with more threads (a busy machine): clamped to fully serial, never above 1
        assertEquals(1.0, LambdaCpuModel.fitSerialFraction(new int[] {1, 2}, new double[] {100, 120}), 1e-9);
        assertEquals(1.0, LambdaCpuModel.fitSerialFraction(new int[] {1}, new double[] {100}), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> LambdaCpuModel.fitSerialFraction(new int[] {2}, new double[] {50}));
    }
}
