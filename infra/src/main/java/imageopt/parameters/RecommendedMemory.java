package imageopt.parameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import imageopt.stack.Artifacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * LAMBDA_MEMORY's default, taken from the advisor's output file rather than copied by hand, so a
 * re-run of the benchmarks moves the default with it. (Jackson is the one the CDK's jsii runtime
 * already brings.)
 */
final class RecommendedMemory {
    static final String FILE = "benchmarks/results/recommended-memory.json";

    private RecommendedMemory() {}

    static int read() {
        Path file = Artifacts.root().resolve(FILE);
        try {
            JsonNode mb = new ObjectMapper().readTree(file.toFile()).path("lambdaMemoryMb");
            if (!mb.isInt() || mb.asInt() < 128 || mb.asInt() > 10240) {
                throw new IllegalStateException(FILE + ": lambdaMemoryMb must be an integer 128..10240, got " + mb);
            }
            return mb.asInt();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recommended LAMBDA_MEMORY from " + file, e);
        }
    }
}
