package imageopt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case of contract/url-vectors.json through the Java twin, as node runs them through url-rewrite.js. */
class UrlContractVectorsTest {
    @TestFactory
    Stream<DynamicTest> everyVector() {
        return ContractVectors.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () ->
                assertEquals(c.expected(), ContractVectors.describe(c.contract().rewrite(c.path(), c.rawQuery(), c.accept())))));
    }

    /** Case is folded in ASCII: under a Turkish locale, toLowerCase would make WIDTH "wıdth". */
    @Test
    void everyVectorUnderATurkishLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            for (ContractVectors.Case c : ContractVectors.cases()) {
                assertEquals(c.expected(), ContractVectors.describe(c.contract().rewrite(c.path(), c.rawQuery(), c.accept())), c.name());
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void theVectorsAreMany() {
        assertTrue(ContractVectors.cases().size() >= 200);
    }

    /** | `key` | detail | when | in contract/README.md's "Answers". */
    @Test
    void theReadmeListsEveryEdgeReasonWithItsLine() throws Exception {
        String readme = Files.readString(ContractVectors.root().resolve("contract/README.md"));
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| ([^|]+?) \\| [^|]+ \\|$").matcher(readme);
        Map<String, String> table = new LinkedHashMap<>();
        while (m.find()) table.put(m.group(1), m.group(2));
        Map<String, String> edge = new LinkedHashMap<>();
        for (Reason r : Reason.values()) {
            if (r.atEdge()) edge.put(r.key(), r.line());
        }
        assertEquals(edge, table);
    }

    @Test
    void aRefusalCarriesTheLineOfItsReason() {
        UrlContract contract = new UrlContract(EdgeConfig.DEFAULTS, SigningKeys.NONE, java.time.Clock.systemUTC());
        assertEquals(new UrlContract.Refusal("bad-format", "format: auto, jpeg, png, webp, avif, gif"),
                contract.rewrite("/a.jpg", "format=svg", null));
        assertEquals(new UrlContract.Rewrite("/a.jpg/original"), contract.rewrite("/a.jpg", null, null));
    }

    /** The body is a problem whose detail is the line; written as JSON.stringify writes it in url-rewrite.js. */
    @Test
    void everyRefusalsBodyIsTheProblemTheEdgeFunctionSends() throws Exception {
        for (Reason r : Reason.values()) {
            Map<String, Object> members = new LinkedHashMap<>();
            members.put("type", "urn:imageopt:problem:bad-url");
            members.put("title", "Bad URL");
            members.put("status", 400);
            members.put("detail", r.line());
            members.put("reason", r.key());
            assertEquals(com.fasterxml.jackson.jr.ob.JSON.std.asString(members), UrlContract.Refusal.of(r).body(), r.key());
        }
    }
}
