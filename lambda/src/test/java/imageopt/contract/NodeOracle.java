package imageopt.contract;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * url-rewrite.js as an oracle: ONE {@code node infra/edge/test/oracle.mjs} process, fed a JSON line
 * per request on stdin, answering a line per request in order. Writing runs on its own thread:
 * node blocks on a full stdout pipe, so a single thread writing everything first would deadlock.
 */
final class NodeOracle {
    private NodeOracle() {
    }

    /** The answers, written like {@link ContractVectors#describe}: "uri ...", "400 reason" or "error ...". */
    static List<String> answers(List<EdgeRequest> requests) throws IOException, InterruptedException {
        Path oracle = ContractVectors.root().resolve("infra/edge/test/oracle.mjs");
        if (!Files.isRegularFile(oracle)) throw new IllegalStateException("no oracle at " + oracle);
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("imageopt.node", "node"), oracle.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().remove("NODE_TEST_CONTEXT"); // the oracle steps aside under node's test runner
        Process node = builder.start();
        Thread writer = Thread.ofPlatform().name("oracle-stdin").start(() -> {
            try (Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.US_ASCII)) {
                for (EdgeRequest r : requests) in.write(r.toJsonLine() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<String> answers = new ArrayList<>(requests.size());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; answers.size() < requests.size() && (line = out.readLine()) != null; ) {
                answers.add(describe(Json.parse(line).asObject()));
            }
        } finally {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            if (!node.waitFor(30, TimeUnit.SECONDS)) node.destroyForcibly();
        }
        if (answers.size() != requests.size()) {
            throw new IllegalStateException("the oracle answered " + answers.size() + " of " + requests.size() + " (exit " + node.exitValue() + ")");
        }
        return answers;
    }

    private static String describe(JsonObject answer) {
        if (answer.get("uri") != null) return "uri " + answer.getString("uri", null);
        if (answer.get("reason") != null) return answer.getInt("status", 0) + " " + answer.getString("reason", null);
        return "error " + answer;
    }
}
