package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TransformSpecTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "original", "format=webp", "format=webp,quality=70,width=300", "width=300", "height=200",
        "format=avif,width=300,height=200", "width=300,height=200,fit=contain", "width=300,height=200,position=top-left",
        "format=jpeg,quality=1,width=1,height=16383,fit=contain,position=entropy", "quality=100", "format=png,width=10",
        "format=gif,height=7", "width=300,height=200,fit=contain,position=bottom-left"})
    void canonicalTextRoundTrips(String text) {
        assertEquals(text, TransformSpec.parse(text).toCanonical());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "original,width=3", "width=300,format=webp", "w=300", "format=jpg", "format=JPEG", "format=svg", "format=auto",
        "width=0300", "width=+3", "width=-3", "width=3.0", "width=0x10", "width=", "width=0", "width=16384", "width=99999999999",
        "quality=0", "quality=101", "format=png,quality=80", "fit=cover,width=3,height=4", "width=3,height=4,fit=cover",
        "width=3,height=4,position=centre", "width=3,height=4,position=center", "width=3,fit=contain", "position=top",
        "width=3,width=4", "width=3,height=4,fit=fill,position=top", "width=3,height=4,fit=inside,position=attention", "format=webp,", ",format=webp", "format", "format==webp", "unknown=1", "width=3 ", "Width=3"})
    void nonCanonicalOrInvalidTextIsRefused(String text) {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> TransformSpec.parse(text));
        assertEquals(TransformException.Kind.INVALID_SPEC, e.kind());
        assertTrue(!e.getMessage().isBlank());
    }

    @Test
    void nonCanonicalTextIsAnsweredWithTheCanonicalOne() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> TransformSpec.parse("format=png,quality=80,width=5"));
        assertTrue(e.getMessage().contains("'format=png,width=5'"), e.getMessage());
    }

    @Test
    void ofDropsWhatCannotChangeTheOutput() {
        assertEquals("width=300", TransformSpec.of(null, null, 300, null, Fit.CONTAIN, Position.TOP).toCanonical());
        assertEquals("format=gif", TransformSpec.of(OutputFormat.GIF, 50, null, null, null, null).toCanonical());
        assertEquals("quality=50", TransformSpec.of(null, 50, null, null, null, null).toCanonical());
        assertEquals("width=3,height=4", TransformSpec.of(null, null, 3, 4, Fit.COVER, Position.CENTRE).toCanonical());
        assertEquals("width=3,height=4,fit=outside", TransformSpec.of(null, null, 3, 4, Fit.OUTSIDE, Position.TOP).toCanonical());
        assertEquals(TransformSpec.ORIGINAL, TransformSpec.of(null, null, null, null, null, null));
        assertTrue(TransformSpec.parse("original").isOriginal());
    }
}
