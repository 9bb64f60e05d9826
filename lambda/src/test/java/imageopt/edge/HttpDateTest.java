package imageopt.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void sendsImfFixdateWithATwoDigitDay() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(RFC_EXAMPLE));
    }

    @Test
    void readsTheThreeFormsRfc9110Names() {
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(Optional.of(RFC_EXAMPLE), HttpDate.parse("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void ignoresWhatIsNotADate() {
        for (String bad : new String[] {"", "yesterday", "Sun, 6 Nov 1994 08:49:37 +0000", "Sun, 06 Nov 1994 25:49:37 GMT"}) {
            assertEquals(Optional.empty(), HttpDate.parse(bad), bad);
        }
        assertEquals(Optional.empty(), HttpDate.parse(null));
    }
}
