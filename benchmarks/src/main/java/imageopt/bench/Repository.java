package imageopt.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout this code runs in, and paths as results record them: relative to the checkout,
 * so that no committed result carries a machine's absolute path.
 */
public final class Repository {
    private Repository() {}

    /**
     * The nearest folder holding samples/NOTICE.md, upwards from the working directory, else from
     * this code's location (benchmarks/target/...); null outside a checkout.
     */
    public static Path root() {
        Path found = above(Path.of("").toAbsolutePath());
        if (found == null) {
            try {
                found = above(Path.of(Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException | SecurityException | NullPointerException e) {
                return null;
            }
        }
        return found;
    }

    private static Path above(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("samples/NOTICE.md"))) {
                return dir;
            }
        }
        return null;
    }

    /** A path relative to the checkout if it lies inside it, else absolute (a user's own file, outside). */
    public static String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path root = root();
        return root != null && abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
