package imageopt.parameters;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContractSettingsTest {

    @Test
    void defaultsAreTheContractsDefaults() {
        // contract/README.md's config table; url-rewrite.js holds the same line.
        assertEquals("{\"MAX_DIMENSION\":4096,\"ALLOWED_WIDTHS\":[],\"DEFAULT_FORMAT\":null,\"SIGNING\":false}",
            ContractSettings.defaults().toJson());
    }

    @Test
    void jsonKeepsTheKeyOrderOfTheFile() {
        assertEquals("{\"MAX_DIMENSION\":16383,\"ALLOWED_WIDTHS\":[1280,320],\"DEFAULT_FORMAT\":\"auto\",\"SIGNING\":true}",
            new ContractSettings(16383, List.of(1280, 320), "auto", true).toJson());
    }

    @Test
    void widthsMustFitUnderMaxDimension() {
        assertEquals(List.of(100), new ContractSettings(100, List.of(100), null, false).allowedWidths());
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> new ContractSettings(100, List.of(101), null, false));
        assertEquals("ALLOWED_WIDTHS: each width must be from 1 to MAX_DIMENSION (100), got 101", e.getMessage());
    }
}
