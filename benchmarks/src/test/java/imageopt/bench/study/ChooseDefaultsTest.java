package imageopt.bench.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.bench.study.ChooseDefaults.Pick;
import imageopt.bench.study.ChooseDefaults.Prices;
import imageopt.transform.OutputFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChooseDefaultsTest {
    private static final Prices PRICES = new Prices(0.0000166667, 0.085);

    private static StudyRow sample(OutputFormat f, int width) {
        return new StudyRow(width, f, f.token() + "-sample", true, 10, 1_000_000, 1000, 1200, 1.00, 0.0300);
    }

    private static StudyRow row(OutputFormat f, String key, long bytes, double cpuMs, double butteraugli, double ssimulacra) {
        return new StudyRow(800, f, key, false, 10, bytes, cpuMs, cpuMs, butteraugli, ssimulacra);
    }

    private static Pick pick(List<StudyRow> rows, OutputFormat f) {
        return ChooseDefaults.choose(rows, 800, PRICES).stream().filter(p -> p.format() == f).findFirst().orElseThrow();
    }

    @Test
    void picksTheFewestBytesWithinTwoPercentOfTheSamplesQuality() {
        List<StudyRow> rows = List.of(sample(OutputFormat.JPEG, 800),
                row(OutputFormat.JPEG, "smaller-but-worse", 700_000, 1500, 1.03, 0.0300),    // butteraugli 3% worse
                row(OutputFormat.JPEG, "smaller-ssim-worse", 720_000, 1500, 1.00, 0.0307),   // ssimulacra 2.3% worse
                row(OutputFormat.JPEG, "within", 840_000, 1800, 1.019, 0.0305),
                row(OutputFormat.JPEG, "bigger-better", 950_000, 1000, 0.95, 0.0280));
        Pick p = pick(rows, OutputFormat.JPEG);
        assertEquals("within", p.chosen().orElseThrow().key());
        assertTrue(p.meetsBytesTarget(), "0.84x <= 0.85x");
    }

    @Test
    void avifMustTakeAtMostAFifthOfTheSamplesCpuTime() {
        List<StudyRow> rows = List.of(sample(OutputFormat.AVIF, 800),
                row(OutputFormat.AVIF, "effort-3", 1_050_000, 260, 0.99, 0.0297),
                row(OutputFormat.AVIF, "effort-2", 1_100_000, 160, 1.01, 0.0301));
        Pick p = pick(rows, OutputFormat.AVIF);
        assertEquals("effort-2", p.chosen().orElseThrow().key(), "effort 3 is 0.26x the CPU: over the cap");
        assertFalse(p.meetsBytesTarget(), "1.10x the bytes misses AVIF's 1.00x");
    }

    @Test
    void noneQualifiesIsSaidNotHidden() {
        List<StudyRow> rows = List.of(sample(OutputFormat.WEBP, 800), row(OutputFormat.WEBP, "worse", 800_000, 900, 1.10, 0.0330));
        assertTrue(pick(rows, OutputFormat.WEBP).chosen().isEmpty());
        assertTrue(ChooseDefaults.markdown(rows, 800, PRICES).contains("none qualifies"));
    }

    @Test
    void otherWidthsAreCheckedForRegressions() {
        StudyRow at320 = new StudyRow(320, OutputFormat.JPEG, "within", false, 10, 1_030_000, 1500, 1500, 1.0, 0.0300);
        List<StudyRow> rows = List.of(sample(OutputFormat.JPEG, 800), row(OutputFormat.JPEG, "within", 840_000, 1500, 1.0, 0.0300),
                sample(OutputFormat.JPEG, 320), at320);
        String md = ChooseDefaults.markdown(rows, 800, PRICES);
        assertTrue(md.contains("| jpeg | within | 320 | 1.030x"), md);
        assertTrue(md.strip().endsWith("| no |"), "3% more bytes at 320 px is a regression: " + md);
    }

    @Test
    void theSampleRowMustBeThere() {
        assertThrows(IllegalArgumentException.class, () -> ChooseDefaults.choose(List.of(row(OutputFormat.JPEG, "alone", 1, 1, 1, 1)), 800, PRICES));
    }

    @Test
    void costCountsCpuAndDeliveredBytes() {
        StudyRow r = row(OutputFormat.JPEG, "x", 10L * 1024 * 1024 * 1024 / 30, 10_000, 1, 1); // 10 images: 1 s and 1/30 GB each, delivered 30 times: 1 GB
        double expected = 1.0 * 1769 / 1024 * 0.0000166667 + 0.085;
        assertEquals(expected, PRICES.cost(r, 30), 1e-9);
    }
}
