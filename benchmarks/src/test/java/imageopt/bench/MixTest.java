package imageopt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.EncoderSettings;
import imageopt.transform.OutputFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixTest {
    @Test
    void cellsAreTheProductOfNormalisedWeights() {
        Mix mix = Mix.parse("""
                {"name": "t", "encoders": {"jpeg-q80": 3, "webp-q75-e2": 1}, "widths": {"320": 1, "800": 1}}""");
        List<Mix.Cell> cells = mix.cells(List.of("a.jpg", "b.png"));
        assertEquals(8, cells.size());
        assertEquals(1.0, cells.stream().mapToDouble(Mix.Cell::weight).sum(), 1e-12);
        assertEquals(0.75 * 0.5 * 0.5, cells.getFirst().weight(), 1e-12);
    }

    @Test
    void aBareFormatIsItsEngineDefault() {
        Mix mix = Mix.parse("""
                {"encoders": {"avif": 1}, "widths": {"800": 1}, "sources": {"x.jpg": 1}}""");
        assertEquals(new EncoderChoice(OutputFormat.AVIF, EncoderSettings.DEFAULT).key(), mix.cells(List.of()).getFirst().encoder());
        assertEquals("x.jpg", mix.cells(List.of("ignored.jpg")).getFirst().source());
    }

    @Test
    void theSampleMixParses() {
        Mix mix = Mix.load(Path.of("mix/sample-mix.json"));
        // it names no sources: every source measured counts, so it reads today's JMH files and
        // those of 2026-11-22 (whose 20 MP source had another name) alike
        assertTrue(mix.sources().isEmpty(), "the sample mix names no sources");
        assertEquals(3 * 3 * 4, mix.cells(Corpus.MATRIX_SOURCES).size());
    }

    @Test
    void refusesNegativeWeightsAndEmptyMixes() {
        assertThrows(IllegalArgumentException.class, () -> Mix.parse("{\"encoders\": {\"jpeg\": -1}, \"widths\": {\"800\": 1}}"));
        assertThrows(IllegalArgumentException.class, () -> Mix.parse("{\"encoders\": {}, \"widths\": {\"800\": 1}}"));
    }
}
