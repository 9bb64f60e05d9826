package imageopt.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: libvips' error buffer is one for the whole process, so a failure's detail taken from
 * it can carry another request's text, and text piles up over requests. Each failure's detail
 * must be that request's own: here four kinds of broken file fail at once, over and over, and no
 * message may name another kind's format or repeat itself.
 */
class ErrorIsolationTest {
    private static final ImageTransformer ENGINE = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
    private static final List<String> FORMATS = List.of("jpeg", "png", "gif", "webp");
    private static LibvipsWarnings warnings;

    @BeforeAll
    static void quiet() {
        warnings = LibvipsWarnings.capture(); // damaged files make libvips warn on stderr
    }

    @AfterAll
    static void loud() {
        warnings.close();
    }

    private static byte[] magicThenNoise(String format, long seed) {
        byte[] magic = switch (format) {
            case "jpeg" -> new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
            case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
            case "gif" -> "GIF89a".getBytes(StandardCharsets.US_ASCII);
            case "webp" -> "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
            default -> throw new IllegalArgumentException(format);
        };
        byte[] bytes = new byte[400];
        new Random(seed).nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return bytes;
    }

    private static String failure(String format, long seed) {
        TransformException e = assertThrows(TransformException.class,
                () -> ENGINE.transform(magicThenNoise(format, seed), TransformSpec.parse("format=webp,width=50")));
        assertEquals(TransformException.Kind.CORRUPT, e.kind(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void concurrentFailuresKeepTheirOwnDetail() throws Exception {
        Set<String> leaks = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(FORMATS.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (String format : FORMATS) {
                runs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 150; i++) {
                        String message = failure(format, i).toLowerCase(Locale.ROOT);
                        for (String other : FORMATS) {
                            if (!other.equals(format) && message.contains(other)) {
                                leaks.add(format + " failure said '" + message + "'");
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(leaks.isEmpty(), leaks.size() + " messages with another request's text, e.g. " + leaks.stream().limit(3).toList());
    }

    /** The same failure, asked again and again, has the same one-line detail: nothing accumulates. */
    @Test
    void repeatedFailuresDoNotPileUp() {
        String first = failure("png", 7);
        for (int i = 0; i < 20; i++) {
            failure("jpeg", i); // other failures in between
            assertEquals(first, failure("png", 7));
        }
        assertEquals(1, first.lines().count(), first);
        assertFalse(first.isBlank());
    }
}
