package imageopt.local;

import static imageopt.local.EndToEndTest.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.contract.UrlSigner;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployment's settings as flags: signing, an S3 endpoint instead of the embedded store, re-seeding. */
class DeploymentSettingsTest {
    static final String SAMPLE = "/images/samples/friends_by_Aitzol_Berasategi.jpg";

    @TempDir
    Path tmp;

    @Test
    void signingRefusesUnsignedUrlsAndServesSignedOnes() {
        try (TestEdge edge = TestEdge.start(tmp.resolve("data"), "--signing", "--signing-keys", "k2=second secret,k1=first",
                "--max-image-size", "300000")) {
            assertEquals("sig-missing", header(edge.get(SAMPLE + "?width=100"), "x-imageopt-reason"));
            String signed = UrlSigner.sign(SAMPLE, "width=100", "k1", "first");
            HttpResponse<byte[]> ok = edge.get(signed);
            assertEquals(200, ok.statusCode());
            assertEquals("Hit", header(edge.get(UrlSigner.sign(SAMPLE, "w=100", "k2", "second secret")), "x-cache"));
            assertEquals("sig-invalid", header(edge.get(UrlSigner.sign(SAMPLE, "width=100", "k1", "wrong")), "x-imageopt-reason"));
            assertEquals("sig-unknown-key", header(edge.get(UrlSigner.sign(SAMPLE, "width=100", "k9", "first")), "x-imageopt-reason"));
            // the demo's pages list every original: with signing on they need a signature too
            for (String page : new String[] {DemoPages.SAMPLES_JSON, "/", "/index.html"}) {
                HttpResponse<byte[]> refused = edge.get(page);
                assertEquals(400, refused.statusCode(), page);
                assertEquals("sig-missing", header(refused, "x-imageopt-reason"), page);
                assertTrue(!new String(refused.body(), java.nio.charset.StandardCharsets.UTF_8).contains("images/"), page);
                assertEquals("sig-invalid", header(edge.get(UrlSigner.sign(page, "", "k1", "wrong")), "x-imageopt-reason"), page);
                assertEquals(200, edge.get(UrlSigner.sign(page, "", "k1", "first")).statusCode(), page);
            }
            // the 302 of an oversized image reuses the viewer's signed URL, so following it is allowed
            String big = UrlSigner.sign("/images/samples/calla.png", "format=png", "k1", "first");
            HttpResponse<byte[]> redirect = edge.get(big);
            assertEquals(302, redirect.statusCode());
            assertEquals(big, header(redirect, "location"));
            HttpResponse<byte[]> followed = edge.get(header(redirect, "location"));
            assertEquals(200, followed.statusCode());
            assertEquals("Hit", header(followed, "x-cache"));
        }
    }

    @Test
    void anS3EndpointInsteadOfTheEmbeddedStore() {
        // another S3-compatible server, as a team's MinIO or a real bucket would be
        try (EmbeddedStore other = EmbeddedStore.start(tmp.resolve("elsewhere"))) {
            System.setProperty("aws.accessKeyId", EmbeddedStore.ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", EmbeddedStore.SECRET_KEY);
            try (TestEdge edge = TestEdge.start(tmp.resolve("data"), "--s3-endpoint", other.endpoint().toString(),
                    "--s3-image-bucket-name", "team-originals", "--s3-transformed-image-bucket-name", "team-variants")) {
                assertEquals(200, edge.get(SAMPLE + "?width=90").statusCode());
                assertEquals("Hit", header(edge.get(SAMPLE + "?width=90"), "x-cache"));
                assertTrue(Files.isRegularFile(tmp.resolve("elsewhere/s3/team-variants/images/samples/friends_by_Aitzol_Berasategi.jpg/width=90")));
                assertTrue(Files.notExists(tmp.resolve("data/s3")), "the embedded store must not start");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    @Test
    void aChangedOriginalReplacesItsVariants() throws Exception {
        Path own = Files.createDirectories(tmp.resolve("mine"));
        Files.copy(TestEdge.SAMPLES.resolve("friends_by_Aitzol_Berasategi.jpg"), own.resolve("a.jpg"));
        String url = "/images/mine/a.jpg?width=100";
        String first;
        try (TestEdge edge = TestEdge.start(tmp.resolve("data"), "--originals", own.toString())) {
            first = header(edge.get(url), "etag");
            assertEquals("Hit", header(edge.get(url), "x-cache"));
        }
        try (TestEdge same = TestEdge.start(tmp.resolve("data"), "--originals", own.toString())) {
            assertEquals(0, same.edge.own().orElseThrow().uploaded());
            assertEquals("Hit", header(same.get(url), "x-cache"));
        }
        Files.copy(TestEdge.SAMPLES.resolve("aitzgorri_by_Aitzol_Berasategi.jpg"), own.resolve("a.jpg"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (TestEdge changed = TestEdge.start(tmp.resolve("data"), "--originals", own.toString())) {
            assertEquals(1, changed.edge.own().orElseThrow().uploaded());
            assertEquals(1, changed.edge.own().orElseThrow().variantsRemoved());
            HttpResponse<byte[]> r = changed.get(url);
            assertEquals("Miss", header(r, "x-cache"));
            assertTrue(!first.equals(header(r, "etag")));
        }
    }
}
