package imageopt.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlSignerTest {
    /** A query whose last pair is a plainly spelled sig, as signers write it. */
    private static final Pattern SIGNED = Pattern.compile("^(?:(.*)&)?sig=([A-Za-z0-9_-]{1,64})\\.[A-Za-z0-9_-]{43}\\z", Pattern.DOTALL);

    /** What the edge answers only once the MAC matched. */
    private static final java.util.Set<String> AFTER_THE_MAC = java.util.Set.of("bad-exp", "sig-expired");

    @Test
    void reproducesEverySignedVectorWhoseMacTheEdgeAccepts() {
        int reproduced = 0;
        for (ContractVectors.Case c : ContractVectors.cases()) {
            String reason = c.expectedReason();
            boolean macMatched = c.expectedUri() != null || AFTER_THE_MAC.contains(reason) || reason != null && !reason.startsWith("sig-")
                    && !reason.equals("repeated-param");
            if (!c.config().getBoolean("SIGNING", false) || !macMatched) continue;
            Matcher m = SIGNED.matcher(c.rawQuery());
            if (!m.matches()) continue; // sig first, in the middle, upper-case or escaped: the edge's leeway, not the signer's form
            String secret = c.config().get("SIGNING_KEYS").asObject().getString(m.group(2), null);
            String query = m.group(1) == null ? "" : m.group(1);
            assertEquals(c.path() + "?" + c.rawQuery(), UrlSigner.sign(c.path(), query, m.group(2), secret), c.name());
            reproduced++;
        }
        assertTrue(reproduced >= 20, "only " + reproduced + " signed vectors reproduced");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "/images/a.jpg | width=300 | /images/a.jpg/width=300",
        "/images/a.jpg | '' | /images/a.jpg/original",
        "/images/a.jpg | NULL | /images/a.jpg/original",
        "/my%20caf%C3%A9.jpg | f=auto&w=200&dpr=2&utm_source=x | /my%20caf%C3%A9.jpg/format=avif,width=400",
        "/a+b.jpg | w=10& | /a%2Bb.jpg/width=10",
        "/photos/cat.jpg | exp=1767225600&w=640 | /photos/cat.jpg/width=640",
    })
    void theTwinAcceptsWhatItSigns(String path, String query, String uri) {
        Map<String, String> secrets = Map.of("edge-2026", "a long random secret", "k2", "sécret numéro 2 ✓");
        UrlContract contract = new UrlContract(new EdgeConfig(4096, java.util.List.of(), null, true), SigningKeys.of(secrets),
                Clock.fixed(Instant.ofEpochSecond(1767225000), ZoneOffset.UTC));
        for (Map.Entry<String, String> key : secrets.entrySet()) {
            String url = UrlSigner.sign(path, query, key.getKey(), key.getValue());
            int q = url.indexOf('?');
            assertEquals(new UrlContract.Rewrite(uri), contract.rewrite(url.substring(0, q), url.substring(q + 1), "image/avif"));
            // Anything added after signing breaks it.
            assertEquals("sig-invalid", refusal(contract.rewrite(url.substring(0, q), url.substring(q + 1) + "&w=1", null)));
        }
    }

    @Test
    void anExpiringUrlPassesUntilItsSecond() {
        String url = UrlSigner.sign("/a.jpg", "width=300&exp=1767225600", "k1", "secret");
        for (long now : new long[] {1767225599, 1767225600}) {
            UrlContract contract = new UrlContract(new EdgeConfig(4096, java.util.List.of(), null, true), SigningKeys.of(Map.of("k1", "secret")),
                    Clock.fixed(Instant.ofEpochMilli(now * 1000 + 999), ZoneOffset.UTC));
            UrlContract.Outcome outcome = contract.rewrite("/a.jpg", url.substring(url.indexOf('?') + 1), null);
            if (now < 1767225600) {
                assertEquals(new UrlContract.Rewrite("/a.jpg/width=300"), outcome);
            } else {
                assertEquals("sig-expired", refusal(outcome));
            }
        }
    }

    @Test
    void signsLikeNodeCryptoForAKnownValue() {
        // node -e "console.log(require('crypto').createHmac('sha256','k').update('/a b.jpg?w=5').digest('base64url'))"
        assertEquals("/a b.jpg?w=5&sig=id." + UrlSigner.mac("k", "/a b.jpg?w=5"), UrlSigner.sign("/a b.jpg", "w=5", "id", "k"));
        assertEquals(43, UrlSigner.mac("k", "").length());
        // A lone surrogate is U+FFFD to node, not '?' as Java's getBytes would have it.
        assertEquals(UrlSigner.mac("k", "/\uFFFD"), UrlSigner.mac("k", "/\uD800"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {"NULL | s", "'' | s", "k.1 | s", "k 1 | s", "k1 | ''", "k1 | NULL"})
    void refusesAKeyTheEdgeWouldRefuse(String keyId, String secret) {
        assertThrows(IllegalArgumentException.class, () -> UrlSigner.sign("/a.jpg", "w=1", keyId, secret));
        assertThrows(IllegalArgumentException.class, () -> UrlSigner.sign("/a.jpg", "w=1", "k".repeat(65), "s"));
    }

    private static String refusal(UrlContract.Outcome outcome) {
        return assertInstanceOf(UrlContract.Refusal.class, outcome).reason();
    }
}
