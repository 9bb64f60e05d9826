package imageopt.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalConfigTest {
    private static LocalConfig parse(Map<String, String> env, String... args) {
        return LocalConfig.parse(args, env);
    }

    @Test
    void defaults() {
        LocalConfig c = parse(Map.of());
        assertEquals(8080, c.port());
        assertEquals("127.0.0.1", c.bind());
        assertEquals(Path.of("data"), c.data());
        assertEquals(Optional.empty(), c.originals());
        assertTrue(c.corsEnabled());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.workers());
        assertEquals("originals", c.deployment().get("S3_IMAGE_BUCKET_NAME"));
        assertEquals("transformed", c.deployment().get("S3_TRANSFORMED_IMAGE_BUCKET_NAME"));
        assertFalse(c.deployment().containsKey("S3_ENDPOINT"));
    }

    @Test
    void flagsAreTheEnvironmentNamesAndWinOverIt() {
        Map<String, String> env = Map.of("PORT", "9000", "MAX_DIMENSION", "2000", "ALLOWED_WIDTHS", "100,200");
        LocalConfig fromEnv = parse(env);
        assertEquals(9000, fromEnv.port());
        assertEquals("2000", fromEnv.deployment().get("MAX_DIMENSION"));
        LocalConfig both = parse(env, "--port", "9100", "--max-dimension=3000", "--data", "/tmp/x", "--signing");
        assertEquals(9100, both.port());
        assertEquals("3000", both.deployment().get("MAX_DIMENSION"));
        assertEquals("100,200", both.deployment().get("ALLOWED_WIDTHS"));
        assertEquals("true", both.deployment().get("SIGNING"));
        assertEquals(Path.of("/tmp/x"), both.data());
    }

    @Test
    void everySettingHasAFlagAndHelp() {
        String usage = LocalConfig.usage();
        for (LocalConfig.Setting s : LocalConfig.SETTINGS) {
            assertTrue(usage.contains(s.flag() + " V"), s.flag());
            assertTrue(usage.contains("[" + s.env() + "]"), s.env());
        }
        for (String name : LocalConfig.DEPLOYMENT_SETTINGS) {
            assertTrue(LocalConfig.SETTINGS.stream().anyMatch(s -> s.env().equals(name)), name);
        }
    }

    @Test
    void noTransformedBucketWhenVariantsAreNotStored() {
        LocalConfig c = parse(Map.of(), "--store-transformed-images", "false");
        assertFalse(c.deployment().containsKey("S3_TRANSFORMED_IMAGE_BUCKET_NAME"));
    }

    @Test
    void badValuesAreOneLineNamingTheFlag() {
        assertMessage("unknown flag --prot (see --help)", "--prot", "1");
        assertMessage("--port must be from 0 to 65535, not 70000", "--port", "70000");
        assertMessage("--port must be a whole number from 0 to 65535, not 'http'", "--port=http");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port given twice", "--port", "1", "--port", "2");
        assertMessage("--cloudfront-cors-enabled must be true or false, not 'yes'", "--cloudfront-cors-enabled", "yes");
        assertMessage("--transform-workers must be from 1 to 1024, not 0", "--transform-workers", "0");
        assertMessage("unexpected argument 'serve' (flags are --name value; see --help)", "serve");
    }

    @Test
    void deploymentSettingsAreCheckedWhereLambdaChecksThem() {
        assertEquals("MAX_IMAGE_SIZE (--max-image-size) must be an integer",
                LocalEdge.withFlag("MAX_IMAGE_SIZE must be an integer"));
        assertEquals("the flag", LocalEdge.withFlag("the flag"));
    }

    @Test
    void signingKeys() {
        var keys = LocalEdge.signingKeys("k1=secret one,k2=s=2");
        assertEquals(Optional.of("secret one"), keys.secret("k1"));
        assertEquals(Optional.of("s=2"), keys.secret("k2"));
        assertEquals(Optional.empty(), keys.secret("k3"));
        assertThrows(LocalConfig.BadSetting.class, () -> LocalEdge.signingKeys("nosecret"));
        assertThrows(LocalConfig.BadSetting.class, () -> LocalEdge.signingKeys("k1=a,k1=b"));
    }

    private static void assertMessage(String expected, String... args) {
        var e = assertThrows(LocalConfig.BadSetting.class, () -> parse(Map.of(), args));
        assertEquals(expected, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
