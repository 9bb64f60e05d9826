package imageopt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalPathTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a.jpg | /a.jpg | /a.jpg",
        "/my images/cat 1.jpg | /my%20images/cat%201.jpg | /my images/cat 1.jpg",
        "/a+b.jpg | /a%2Bb.jpg | /a+b.jpg",
        "/a%2bb.jpg | /a%2Bb.jpg | /a+b.jpg",
        "/%7E%41.jpg | /~A.jpg | /~A.jpg",
        "/caf%c3%a9.jpg | /caf%C3%A9.jpg | /café.jpg",
        "/café.jpg | /caf%C3%A9.jpg | /café.jpg",
        "/cafe\u0301.jpg | /cafe%CC%81.jpg | /cafe\u0301.jpg",
        "/🐱.png | /%F0%9F%90%B1.png | /🐱.png",
        "/100%25.jpg | /100%25.jpg | /100%.jpg",
        "/a.jpg/format=webp | /a.jpg/format%3Dwebp | /a.jpg/format=webp",
    })
    void reEncodesOneWay(String raw, String encoded, String decoded) {
        CanonicalPath path = CanonicalPath.of(raw);
        assertEquals(encoded, path.encoded());
        assertEquals(decoded, path.decoded());
        assertEquals(decoded.substring(1), path.s3Key());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a.jpg | PATH_NOT_ABSOLUTE", "'' | PATH_NOT_ABSOLUTE", "/a%.jpg | PATH_BAD_ESCAPE", "/a.jpg% | PATH_BAD_ESCAPE",
        "/a%2Fb | PATH_ENCODED_SLASH", "/%FF%2f | PATH_ENCODED_SLASH", "/%C0%AF | PATH_BAD_UTF8", "/%ED%A0%80 | PATH_BAD_UTF8",
        "/a%E2%82 | PATH_BAD_UTF8", "/%F4%90%80%80 | PATH_BAD_UTF8", "/\uD800.jpg | PATH_BAD_UTF8", "/a%5Cb | PATH_BAD_CHAR",
        "/a%C2%85 | PATH_BAD_CHAR", "/a%7F | PATH_BAD_CHAR", "/a//b | PATH_EMPTY_SEGMENT", "/ | PATH_EMPTY_SEGMENT",
        "/a/ | PATH_EMPTY_SEGMENT", "/a/%2e%2E/b | PATH_DOT_SEGMENT", "/. | PATH_DOT_SEGMENT",
    })
    void refusesWithTheFirstFailingCheck(String raw, Reason reason) {
        assertEquals(reason, assertThrows(UrlRefusedException.class, () -> CanonicalPath.of(raw)).reason());
    }

    @org.junit.jupiter.api.Test
    void countsDecodedBytesUpTo896() {
        assertEquals(896, CanonicalPath.of("/" + "%61".repeat(895)).decoded().length());
        assertEquals(Reason.PATH_TOO_LONG, assertThrows(UrlRefusedException.class,
                () -> CanonicalPath.of("/" + "é".repeat(448))).reason());
        assertEquals("/" + "%C3%A9".repeat(447) + "a", CanonicalPath.of("/" + "é".repeat(447) + "a").encoded());
    }

    @org.junit.jupiter.api.Test
    void everyVectorPathRefusalIsCanonicalPathsToo() {
        for (ContractVectors.Case c : ContractVectors.cases()) {
            String reason = c.expectedReason();
            if (reason != null && reason.startsWith("path-")) {
                UrlRefusedException e = assertThrows(UrlRefusedException.class, () -> CanonicalPath.of(c.path()), c.name());
                assertEquals(reason, e.reason().key(), c.name());
            } else if (c.expectedUri() != null) {
                String encoded = CanonicalPath.of(c.path()).encoded();
                assertEquals(encoded, c.expectedUri().substring(0, c.expectedUri().lastIndexOf('/')), c.name());
            }
        }
    }
}
