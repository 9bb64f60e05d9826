package imageopt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdgeConfigTest {
    @Test
    void unsetSettingsTakeTheDefaultsOfTheConfigLine() {
        assertEquals(EdgeConfig.DEFAULTS, EdgeConfig.fromSettings(name -> null));
        assertEquals(EdgeConfig.DEFAULTS, EdgeConfig.fromSettings(Map.of("MAX_DIMENSION", "", "SIGNING", " ")::get));
        assertEquals(new EdgeConfig(4096, List.of(), null, false), EdgeConfig.DEFAULTS);
        assertFalse(EdgeConfig.DEFAULTS.negotiatesByDefault());
    }

    @Test
    void readsEverySettingByItsName() {
        EdgeConfig config = EdgeConfig.fromSettings(Map.of("MAX_DIMENSION", "2000", "ALLOWED_WIDTHS", "640, 160,1280",
                "DEFAULT_FORMAT", "auto", "SIGNING", "true")::get);
        assertEquals(new EdgeConfig(2000, List.of(640, 160, 1280), "auto", true), config);
        assertTrue(config.negotiatesByDefault());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "MAX_DIMENSION | 0", "MAX_DIMENSION | 16384", "MAX_DIMENSION | 4k", "MAX_DIMENSION | 04096",
        "ALLOWED_WIDTHS | 160,,320", "ALLOWED_WIDTHS | 5000", "ALLOWED_WIDTHS | 160;320", "ALLOWED_WIDTHS | -1",
        "DEFAULT_FORMAT | webp", "DEFAULT_FORMAT | AUTO", "SIGNING | yes", "SIGNING | 1",
    })
    void aBadSettingIsRefusedByName(String name, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.fromSettings(Map.of(name, value)::get));
        assertTrue(e.getMessage().startsWith(name + " "), e.getMessage());
    }

    @Test
    void theRecordAdmitsWhatTheFunctionCanRun() {
        // An allowed width over MAX_DIMENSION runs (every width snapping to it is too-large), as a vector pins.
        assertEquals(List.of(5000), new EdgeConfig(4096, List.of(5000), null, false).allowedWidths());
        assertThrows(IllegalArgumentException.class, () -> new EdgeConfig(16384, List.of(), null, false));
        assertThrows(IllegalArgumentException.class, () -> new EdgeConfig(4096, List.of(0), null, false));
        assertThrows(IllegalArgumentException.class, () -> new EdgeConfig(4096, List.of(), "webp", false));
    }
}
