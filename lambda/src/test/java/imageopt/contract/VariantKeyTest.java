package imageopt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.transform.Fit;
import imageopt.transform.OutputFormat;
import imageopt.transform.TransformSpec;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariantKeyTest {
    @Test
    void everyCanonicalUriOfTheVectorsParsesBackToItself() {
        int checked = 0;
        for (ContractVectors.Case c : ContractVectors.cases()) {
            String uri = c.expectedUri();
            if (uri == null) continue;
            VariantKey key = VariantKey.parse(uri);
            assertEquals(uri, key.uri(), c.name());
            // The S3 keys are the URI decoded, without the leading '/' ('+' is never in a canonical URI).
            assertEquals(URLDecoder.decode(uri, StandardCharsets.UTF_8).substring(1), key.variantKey(), c.name());
            assertEquals(key.variantKey(), key.originalKey() + "/" + key.spec().toCanonical(), c.name());
            checked++;
        }
        assertTrue(checked > 250, "only " + checked + " vectors with a uri");
    }

    @Test
    void holdsTheOriginalTheSpecAndBothS3Keys() {
        VariantKey key = VariantKey.parse("/my%20caf%C3%A9/a%2Bb.jpg/format=webp,quality=70,width=300,height=200,fit=contain");
        assertEquals("my café/a+b.jpg", key.originalKey());
        assertEquals("my café/a+b.jpg/format=webp,quality=70,width=300,height=200,fit=contain", key.variantKey());
        assertEquals(OutputFormat.WEBP, key.spec().format().orElseThrow());
        assertEquals(Fit.CONTAIN, key.spec().fit());
        assertEquals("/my%20caf%C3%A9/a%2Bb.jpg", key.path().encoded());

        VariantKey original = VariantKey.parse("/images/rio/1.jpeg/original");
        assertTrue(original.spec().isOriginal());
        assertEquals(TransformSpec.ORIGINAL, original.spec());
        assertEquals("images/rio/1.jpeg", original.originalKey());
        assertEquals("images/rio/1.jpeg/original", original.variantKey());
        assertEquals(original, VariantKey.parse("/images/rio/1.jpeg/original"));
        assertFalse(original.equals(key));
    }

    @Test
    void aSegmentThatLooksLikeOperationsIsPartOfThePath() {
        VariantKey key = VariantKey.parse("/a.jpg/format%3Dwebp/original");
        assertEquals("a.jpg/format=webp", key.originalKey());
        assertTrue(key.spec().isOriginal());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spelled otherwise than the edge spells it
        "/a%2bb.jpg/original | KEY_NOT_CANONICAL",
        "/a+b.jpg/original | KEY_NOT_CANONICAL",
        "/%7E.jpg/original | KEY_NOT_CANONICAL",
        "/a b.jpg/original | KEY_NOT_CANONICAL",
        "/caf%c3%a9.jpg/original | KEY_NOT_CANONICAL",
        "/café.jpg/original | KEY_NOT_CANONICAL",
        "/%41.jpg/width=3 | KEY_NOT_CANONICAL",
        "/a.jpg/format=webp/original | KEY_NOT_CANONICAL",
        // operations the edge would never print
        "/a.jpg/Width=3 | KEY_BAD_OPERATIONS",
        "/a.jpg/w=3 | KEY_BAD_OPERATIONS",
        "/a.jpg/width=0300 | KEY_BAD_OPERATIONS",
        "/a.jpg/format=auto | KEY_BAD_OPERATIONS",
        "/a.jpg/height=3,width=4 | KEY_BAD_OPERATIONS",
        "/a.jpg/width=3,height=4,fit=cover | KEY_BAD_OPERATIONS",
        "/a.jpg/width=3,height=4,fit=fill,position=top | KEY_BAD_OPERATIONS",
        "/a.jpg/format=png,quality=80 | KEY_BAD_OPERATIONS",
        "/a.jpg/format%3Dwebp | KEY_BAD_OPERATIONS",
        "/a.jpg/original/ | KEY_BAD_OPERATIONS",
        "/a.jpg/width=16384 | KEY_BAD_OPERATIONS",
        // the path's own checks come first
        "a.jpg/original | PATH_NOT_ABSOLUTE",
        "original | PATH_NOT_ABSOLUTE",
        "/original | PATH_NOT_ABSOLUTE",
        "/a.jpg | PATH_NOT_ABSOLUTE",
        "/a%zz.jpg/original | PATH_BAD_ESCAPE",
        "/a%2Fb.jpg/original | PATH_ENCODED_SLASH",
        "/%FF.jpg/Width=3 | PATH_BAD_UTF8",
        "/a%5Cb.jpg/original | PATH_BAD_CHAR",
        "//a.jpg/original | PATH_EMPTY_SEGMENT",
        "/a/../b.jpg/original | PATH_DOT_SEGMENT",
    })
    void refusesWhatTheEdgeWouldNotHaveProduced(String rawPath, Reason reason) {
        assertEquals(reason, assertThrows(UrlRefusedException.class, () -> VariantKey.parse(rawPath)).reason());
    }

    @Test
    void refusesAPathOver896BytesAndNull() {
        VariantKey.parse("/" + "a".repeat(895) + "/width=1");
        assertEquals(Reason.PATH_TOO_LONG, assertThrows(UrlRefusedException.class,
                () -> VariantKey.parse("/" + "a".repeat(896) + "/width=1")).reason());
        assertEquals(Reason.PATH_NOT_ABSOLUTE, assertThrows(UrlRefusedException.class, () -> VariantKey.parse(null)).reason());
    }

    @Test
    void theReasonCarriesItsKeyAndLine() {
        UrlRefusedException e = assertThrows(UrlRefusedException.class, () -> VariantKey.parse("/a%2bb.jpg/original"));
        assertEquals("key-not-canonical", e.reason().key());
        assertFalse(e.reason().atEdge());
        assertTrue(e.getMessage().startsWith("key-not-canonical: "), e.getMessage());
    }
}
