package imageopt.stack;

import imageopt.parameters.ContractSettings;
import imageopt.parameters.InvalidParameterException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeFunctionCodeTest {

    private static final Path FILE = Artifacts.root().resolve(Artifacts.EDGE_FUNCTION);

    @Test
    void theDefaultsShipTheTestedFileWithoutItsCommentLines() throws IOException {
        String source = Files.readString(FILE);
        String shipped = EdgeFunctionCode.render(ContractSettings.defaults());
        assertEquals(source.lines().filter(l -> !l.strip().startsWith("//")).count(), shipped.lines().count());
        assertTrue(shipped.lines().noneMatch(l -> l.strip().startsWith("//")));
        assertTrue(source.contains(shipped.lines().filter(l -> l.contains("handler")).findFirst().orElseThrow()));
    }

    @Test
    void replacesTheConfigLineExactlyAsTheEdgeTestsDo() throws Exception {
        // sandbox.mjs's withSettings is what every vector and edge test runs through: same bytes,
        // same function.
        ContractSettings settings = new ContractSettings(1200, List.of(320, 640, 1200), "auto", true);
        String json = "{\"MAX_DIMENSION\":1200,\"ALLOWED_WIDTHS\":[320,640,1200],\"DEFAULT_FORMAT\":\"auto\",\"SIGNING\":true}";
        String script = "import {withSettings, readFunction} from '" + Artifacts.root().resolve("infra/edge/test/sandbox.mjs").toUri()
            + "'; process.stdout.write(withSettings(readFunction(), JSON.parse(process.argv[1])));";
        assertEquals(Node.run(List.of("--input-type=module", "-e", script, json), ""), EdgeFunctionCode.render(settings));
    }

    @Test
    void refusesAFileWithoutExactlyOneConfigLine() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
            () -> EdgeFunctionCode.render("const X = 1;\n", ContractSettings.defaults()));
        assertTrue(none.getMessage().contains("exactly one CONFIG line, found 0"), none.getMessage());
        assertThrows(IllegalStateException.class,
            () -> EdgeFunctionCode.render("const CONFIG = {};\nconst CONFIG = {};\n", ContractSettings.defaults()));
    }

    @Test
    void refusesCodeOverCloudFrontsTenKilobytes() throws IOException {
        int base = EdgeFunctionCode.shipped(Files.readString(FILE)).getBytes(StandardCharsets.UTF_8).length;
        // 32 widths fit (contract/README.md); as many as it takes to pass 10,240 bytes do not.
        List<Integer> fit = IntStream.rangeClosed(1, 32).map(i -> 16383 - i).boxed().toList();
        assertTrue(EdgeFunctionCode.render(new ContractSettings(16383, fit, null, false)).length() <= EdgeFunctionCode.MAX_BYTES);
        List<Integer> tooMany = IntStream.rangeClosed(1, (EdgeFunctionCode.MAX_BYTES - base) / 6 + 1).map(i -> 16383 - i).boxed().toList();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
            () -> EdgeFunctionCode.render(new ContractSettings(16383, tooMany, null, false)));
        assertEquals("ALLOWED_WIDTHS", e.parameter());
        assertTrue(e.getMessage().contains("over CloudFront's 10240"), e.getMessage());
    }

    /** node, as the edge tests run it. */
    static final class Node {
        static String run(List<String> args, String stdin) throws IOException, InterruptedException {
            List<String> command = new java.util.ArrayList<>(List.of("node"));
            command.addAll(args);
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "node did not finish");
            assertEquals(0, process.exitValue(), "node failed: " + out);
            return out;
        }
    }
}
