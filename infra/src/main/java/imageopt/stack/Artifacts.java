package imageopt.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the stack deploys from the build: the origin's zip, the libvips layer zips and the edge
 * function, found from the repository root. Each name lives here once.
 */
public final class Artifacts {

    /** The origin function's deployable zip, built by the lambda module. */
    public static final String LAMBDA_ZIP = "lambda/target/imageopt-lambda.zip";
    /** The origin function's entry point. */
    public static final String LAMBDA_HANDLER = "imageopt.handler.FunctionUrlHandler::handleRequest";
    /** The one file each layer zip holds, landing in /opt/lib (on LD_LIBRARY_PATH). */
    public static final String LIBVIPS_FILE = "lib/libvips-cpp.so.8.18.7";
    /** The viewer-request function with its CONFIG line. */
    public static final String EDGE_FUNCTION = "infra/edge/url-rewrite.js";
    /** The images the new originals bucket is seeded with. */
    public static final String SAMPLE_IMAGES = "samples/images";

    private Artifacts() {
    }

    /** The layer zip built by the layer module for an architecture (x86_64 or arm64). */
    public static String layerZip(String architecture) {
        return "layer/target/libvips-layer-" + architecture + ".zip";
    }

    /**
     * The repository root: IMAGEOPT_ROOT if set, else the nearest directory up from the working
     * directory (infra/ under the CDK CLI and the tests) that holds the lambda, layer and infra modules.
     */
    public static Path root() {
        String explicit = System.getenv("IMAGEOPT_ROOT");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit).toAbsolutePath();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("lambda")) && Files.isDirectory(dir.resolve("layer"))
                && Files.isDirectory(dir.resolve("infra"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the imageopt repository above " + Path.of("").toAbsolutePath()
            + ": run from inside it or set IMAGEOPT_ROOT");
    }

    /** An artifact's absolute path, refused with the command that builds it when it is missing. */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(relative + " is missing: build it first with"
                + " ./imageopt mvn -pl infra -am package -DskipTests (cdk.json's app does)");
        }
        return path;
    }

    /** The file names of the sample images, sorted. */
    public static List<String> sampleImages() {
        try (Stream<Path> files = Files.list(require(SAMPLE_IMAGES))) {
            return files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
