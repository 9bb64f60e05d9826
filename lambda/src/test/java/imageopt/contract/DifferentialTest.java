package imageopt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The twin and url-rewrite.js (in its cloudfront-js-2.0 sandbox, through one node process) on
 * thousands of random requests: every answer must be the same. A disagreement is printed as the
 * oracle's input line; it becomes a case in the "regressions" section of
 * contract/tools/make-vectors.mjs once fixed.
 */
class DifferentialTest {
    private static final long SEED = Long.getLong("imageopt.differential.seed", 20261122L);
    private static final int COUNT = Integer.getInteger("imageopt.differential.count", 5000);

    @Test
    void theTwinAnswersEveryRandomRequestAsTheEdgeFunctionDoes() throws Exception {
        long start = System.nanoTime();
        List<EdgeRequest> requests = new RandomRequests(SEED).next(COUNT);
        List<String> java = requests.stream().map(r -> ContractVectors.describe(r.contract().rewrite(r.path(), r.rawQuery(), r.accept()))).toList();
        List<String> node = NodeOracle.answers(requests);
        long millis = (System.nanoTime() - start) / 1_000_000;

        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (!java.get(i).equals(node.get(i))) {
                disagreements.add(requests.get(i).toJsonLine() + "\n  java: " + java.get(i) + "\n  node: " + node.get(i));
            }
        }
        Map<String, Integer> tally = RandomRequests.tally(node);
        System.out.printf("differential: %d random requests (seed %d), %d disagreements, %d ms; outcomes %s%n",
                requests.size(), SEED, disagreements.size(), millis, tally);
        if (!disagreements.isEmpty()) {
            Path report = Path.of("target", "differential-disagreements.txt");
            Files.createDirectories(report.getParent());
            Files.write(report, disagreements);
            fail(disagreements.size() + " disagreements (all in " + report.toAbsolutePath() + "), the first:\n" + disagreements.getFirst());
        }
        // The grammar must keep reaching every answer, or the test proves less than it claims.
        List<String> unreached = Arrays.stream(Reason.values()).filter(Reason::atEdge).map(r -> "400 " + r.key())
                .filter(k -> !tally.containsKey(k)).toList();
        assertEquals(List.of(), unreached, "answers no random request reached");
        assertTrue(tally.getOrDefault("rewrite", 0) > COUNT / 3, "too few rewrites: " + tally);
    }

    @Test
    void theSameSeedMakesTheSameRequests() {
        assertEquals(new RandomRequests(7).next(50), new RandomRequests(7).next(50));
    }
}
