package imageopt.bench.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhResultsTest {
    /** The shape JMH 1.37 writes with -rf json and the ResourceProfiler, trimmed. */
    static final String JSON = """
            [
              {"jmhVersion": "1.37", "benchmark": "imageopt.bench.TransformBenchmark.transform", "mode": "sample", "forks": 1,
               "params": {"encoder": "avif-q50-e4-444", "source": "calla.png", "width": "800"},
               "primaryMetric": {"score": 1300.5, "scoreUnit": "ms/op",
                 "scorePercentiles": {"0.0": 1200.0, "50.0": 1280.25, "100.0": 1500.0},
                 "rawDataHistogram": [[[[1200.0, 2], [1280.25, 3]], [[1500.0, 1]]]]},
               "secondaryMetrics": {"rss.peak": {"score": 412.5, "scoreUnit": "MB"}, "rss.now": {"score": 300.0, "scoreUnit": "MB"},
                                    "cpu.time": {"score": 1250000.0, "scoreUnit": "us/op"}}},
              {"jmhVersion": "1.37", "benchmark": "imageopt.bench.ThreadScalingBenchmark.transform", "mode": "sample", "forks": 1,
               "params": {"encoder": "jpeg-q80", "source": "a.jpg", "width": "800", "threads": "2"},
               "primaryMetric": {"score": 40000.0, "scoreUnit": "us/op", "scorePercentiles": {"50.0": 39000.0}},
               "secondaryMetrics": {}},
              {"jmhVersion": "1.37", "benchmark": "imageopt.bench.HeaderBenchmark.header", "mode": "sample",
               "params": {"source": "a.jpg"}, "primaryMetric": {"score": 160.0, "scoreUnit": "us/op"}, "secondaryMetrics": {}}
            ]""";

    @Test
    void readsMediansRssAndCpuTimeAndSkipsOtherBenchmarks() {
        List<JmhResults.Cell> cells = JmhResults.parse(JSON);
        assertEquals(2, cells.size());
        JmhResults.Cell avif = cells.get(0);
        assertEquals("TransformBenchmark.transform", avif.benchmark());
        assertEquals("avif", avif.format());
        assertEquals(800, avif.width());
        assertEquals(1, avif.threads());
        assertEquals(1280.25, avif.medianMs(), 1e-9);   // the median, not the mean score
        assertEquals(1250.0, avif.cpuMs(), 1e-9);       // us/op -> ms
        assertEquals(412.5, avif.peakRssMb(), 1e-9);
        assertEquals(6, avif.samples());
        JmhResults.Cell jpeg = cells.get(1);
        assertEquals(2, jpeg.threads());
        assertEquals(39.0, jpeg.medianMs(), 1e-9);      // us/op -> ms
        assertTrue(Double.isNaN(jpeg.peakRssMb()));
        assertTrue(Double.isNaN(jpeg.cpuMs()));
    }
}
