package imageopt.bench.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.bench.Mix;
import imageopt.bench.advisor.Advisor.Advice;
import imageopt.bench.advisor.Advisor.Point;
import imageopt.bench.advisor.Prices.Arch;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvisorTest {
    static final Prices PRICES = PricesTest.PRICES;

    static JmhResults.Cell cell(String encoder, String source, int width, int threads, double ms, double cpu, double rss) {
        String benchmark = threads == 1 && rss >= 0 ? "TransformBenchmark.transform" : "ThreadScalingBenchmark.transform";
        return new JmhResults.Cell(benchmark, encoder, encoder.substring(0, encoder.indexOf('-')), source, width, threads, ms, cpu, rss, 100);
    }

    static Point point(int mb, double ms, double cost) {
        return new Point(Arch.X86_64, mb, mb / 1769.0, ms, cost, cost, true);
    }

    @Test
    void powerTuningStrategiesOnATable() {
        List<Point> table = List.of(point(512, 400, 10.0), point(1024, 200, 10.0), point(2048, 120, 12.0), point(4096, 100, 20.0));
        assertEquals(1024, Advisor.cheapest(table, 0).memoryMb());   // tie on cost: the faster
        assertEquals(4096, Advisor.fastest(table, 0).memoryMb());
        // balanced, weight 0.5: 512: .25+.5=.75, 1024: .25+.25=.5, 2048: .3+.15=.45, 4096: .5+.125=.625
        assertEquals(2048, Advisor.balanced(table, 0.5).memoryMb());
        assertEquals(512, Advisor.balanced(table, 1.0).memoryMb());  // all cost: the first of the tie, as Power Tuning's stable sort
        assertEquals(4096, Advisor.balanced(table, 0.0).memoryMb());
    }

    @Test
    void nearlyEqualCostsCountAsEqual() {
        List<Point> table = List.of(point(512, 400, 10.00), point(1769, 116, 10.02), point(3538, 80, 14.0));
        assertEquals(512, Advisor.cheapest(table, 0).memoryMb());
        assertEquals(1769, Advisor.cheapest(table, 0.005).memoryMb());
    }

    @Test
    void serialWorkCostsTheSameUpToOneVcpuAndMoreAfter() {
        // one cell, entirely serial (thread scaling shows no gain): duration ~ 1/share up to 1,769 MB, flat after
        List<JmhResults.Cell> measured = List.of(
                cell("jpeg-q80", "a.jpg", 800, 1, 100, 100, 200),
                cell("jpeg-q80", "a.jpg", 800, 1, 100, 100, -1), // the thread-scaling series
                cell("jpeg-q80", "a.jpg", 800, 2, 100, 200, -1));
        Advice a = Advisor.advise(measured, List.of(new Mix.Cell("jpeg-q80", "a.jpg", 800, 1.0)), PRICES, Advisor.Options.DEFAULT);
        assertEquals(1.0, a.serialFractions().get("jpeg"), 1e-9);
        Point at1769 = a.points().stream().filter(p -> p.arch() == Arch.X86_64 && p.memoryMb() == 1769).findFirst().orElseThrow();
        Point at3584 = a.points().stream().filter(p -> p.arch() == Arch.X86_64 && p.memoryMb() == 3584).findFirst().orElseThrow();
        assertEquals(100, at1769.meanMs(), 1e-9);
        assertEquals(100, at3584.meanMs(), 1e-9);
        assertTrue(at3584.costPerMillion() > 1.9 * at1769.computePerMillion());
        assertEquals(1769, a.pick("cost", Arch.X86_64).point().memoryMb()); // cheapest band 512..1769: the fastest of it
        assertEquals(1769, a.pick("speed", Arch.X86_64).point().memoryMb()); // no faster above: the cheapest of the fastest
        assertEquals(250, a.minimumMemoryMb());                               // 200 MB peak + 25%
    }

    @Test
    void parallelWorkMakesMoreMemoryFaster() {
        List<JmhResults.Cell> measured = List.of(
                cell("avif-q50-e4-444", "a.jpg", 800, 1, 1000, 1000, 300),
                cell("avif-q50-e4-444", "a.jpg", 800, 1, 1000, 1000, -1),
                cell("avif-q50-e4-444", "a.jpg", 800, 2, 550, 1100, -1));
        Advice a = Advisor.advise(measured, List.of(new Mix.Cell("avif-q50-e4-444", "a.jpg", 800, 1.0)), PRICES, Advisor.Options.DEFAULT);
        assertEquals(0.1, a.serialFractions().get("avif"), 1e-9);
        assertEquals(10240, a.pick("speed", Arch.X86_64).point().memoryMb());
        assertTrue(a.pick("balanced", Arch.X86_64).point().memoryMb() > 1769);
    }

    @Test
    void sizesBelowThePeakRssDoNotFitAndArmIsCheaper() {
        List<JmhResults.Cell> measured = List.of(cell("webp-q80-e4", "a.jpg", 800, 1, 100, 90, 700));
        Advice a = Advisor.advise(measured, List.of(new Mix.Cell("webp-q80-e4", "a.jpg", 800, 1.0)), PRICES, Advisor.Options.DEFAULT);
        assertEquals(875, a.minimumMemoryMb());
        assertFalse(a.points().stream().filter(p -> p.memoryMb() == 768).findFirst().orElseThrow().fits());
        assertTrue(a.picks().stream().allMatch(p -> p.point().memoryMb() >= 875));
        assertTrue(a.pick("cost", Arch.ARM64).point().costPerMillion() < a.pick("cost", Arch.X86_64).point().costPerMillion());
        // CPU time (90 ms) is the default metric; wall (100 ms) on request
        assertEquals(90, a.cells().getFirst().t1Ms(), 1e-9);
        Advisor.Options wall = new Advisor.Options(Advisor.MEMORY_GRID, 0.25, 1.0, 0, 0.5, 0.005, Advisor.TimeMetric.WALL);
        assertEquals(100, Advisor.advise(measured, List.of(new Mix.Cell("webp-q80-e4", "a.jpg", 800, 1.0)), PRICES, wall).cells().getFirst().t1Ms(), 1e-9);
        assertTrue(a.assumptions().stream().anyMatch(s -> s.contains("arm64: MODELLED")));
    }

    @Test
    void theMixWeighsItsCells() {
        List<JmhResults.Cell> measured = List.of(cell("jpeg-q80", "a.jpg", 320, 1, 10, 10, 100), cell("jpeg-q80", "a.jpg", 1600, 1, 100, 100, 100));
        Advice a = Advisor.advise(measured, List.of(new Mix.Cell("jpeg-q80", "a.jpg", 320, 0.75), new Mix.Cell("jpeg-q80", "a.jpg", 1600, 0.25)),
                PRICES, Advisor.Options.DEFAULT);
        Point p = a.points().stream().filter(x -> x.arch() == Arch.X86_64 && x.memoryMb() == 1769).findFirst().orElseThrow();
        assertEquals(0.75 * 10 + 0.25 * 100, p.meanMs(), 1e-9);
        double expected = 1e6 * (0.75 * PRICES.perTransform(Arch.X86_64, 1769, 10) + 0.25 * PRICES.perTransform(Arch.X86_64, 1769, 100));
        assertEquals(expected, p.costPerMillion(), 1e-9);
    }

    @Test
    void aMixCellWithoutMeasurementIsAnError() {
        List<JmhResults.Cell> measured = List.of(cell("jpeg-q80", "a.jpg", 800, 1, 10, 10, 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Advisor.advise(measured,
                List.of(new Mix.Cell("jpeg-q80", "a.jpg", 320, 1.0)), PRICES, Advisor.Options.DEFAULT));
        assertTrue(e.getMessage().contains("jpeg-q80 / a.jpg / 320 px"), e.getMessage());
    }
}
