package imageopt.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the benchmark photographs are: -Dimageopt.corpus / IMAGEOPT_CORPUS, else ../shared/corpus. */
final class Corpus {
    private Corpus() {}

    static Path dir() {
        String configured = System.getProperty("imageopt.corpus", System.getenv("IMAGEOPT_CORPUS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/corpus").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no corpus: set -Dimageopt.corpus or IMAGEOPT_CORPUS to a folder of images");
    }

    static byte[] read(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
