package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The post-deploy smoke check users run against their CloudFront domain
 * (infra/smoke-check.mjs), run here for real against the local edge: every format and width,
 * cache hits on the second request, format=auto negotiation, refusals at the edge.
 */
class SmokeCheckTest {
    @Test
    void theSmokeCheckPassesAgainstTheLocalEdge() throws Exception {
        Path tmp = Files.createTempDirectory("imageopt-smoke");
        try (TestEdge edge = TestEdge.start(tmp.resolve("data"))) {
            String base = edge.uri("").toString();
            Process node = new ProcessBuilder("node", TestEdge.ROOT.resolve("infra/smoke-check.mjs").toString(), base,
                    "--path", "/images/samples/friends_by_Aitzol_Berasategi.jpg", "--widths", "160")
                    .redirectErrorStream(true).start();
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(node.waitFor(3, TimeUnit.MINUTES), "smoke check did not finish:\n" + out);
            assertEquals(0, node.exitValue(), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("smoke-check: [1-9]\\d* passed, 0 failed")), out);
        } finally {
            TestEdge.delete(tmp);
        }
    }
}
