package imageopt.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginConfigTest {
    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("S3_IMAGE_BUCKET_NAME", "my-originals");
        env.put("S3_TRANSFORMED_IMAGE_BUCKET_NAME", "my-variants");
        env.put("AWS_REGION", "eu-west-1");
        return env;
    }

    @Test
    void defaultsAreTheAwsSamples() {
        OriginConfig c = OriginConfig.fromEnvironment(minimal());
        assertEquals("my-originals", c.originalsBucket());
        assertEquals(Optional.of("my-variants"), c.variantsBucket());
        assertEquals("max-age=31622400", c.cacheControl());
        assertEquals("max-age=60", c.errorCacheControl());
        assertEquals(4_700_000, c.maxImageSize());
        assertEquals(4096, c.limits().maxOutputDimension());
        assertEquals(Duration.ofSeconds(20), c.limits().timeBudget());
        assertEquals("eu-west-1", c.region());
        assertEquals(Optional.empty(), c.s3Endpoint());
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> env = minimal();
        env.put("S3_TRANSFORMED_IMAGE_CACHE_TTL", "public, max-age=86400, immutable");
        env.put("ERROR_CACHE_TTL", "no-store");
        env.put("MAX_IMAGE_SIZE", "1000000");
        env.put("MAX_SOURCE_BYTES", "1000");
        env.put("MAX_SOURCE_PIXELS", "2000");
        env.put("MAX_FRAMES", "3");
        env.put("MAX_DIMENSION", "2048");
        env.put("TRANSFORM_TIMEOUT_MS", "1500");
        env.put("S3_ENDPOINT", "http://127.0.0.1:9000");
        OriginConfig c = OriginConfig.fromEnvironment(env);
        assertEquals("public, max-age=86400, immutable", c.cacheControl());
        assertEquals("no-store", c.errorCacheControl());
        assertEquals(1_000_000, c.maxImageSize());
        assertEquals(1000, c.limits().maxSourceBytes());
        assertEquals(2000, c.limits().maxSourcePixels());
        assertEquals(3, c.limits().maxFrames());
        assertEquals(2048, c.limits().maxOutputDimension());
        assertEquals(Duration.ofMillis(1500), c.limits().timeBudget());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), c.s3Endpoint());
    }

    @Test
    void storingOffNeedsNoVariantsBucket() {
        Map<String, String> env = minimal();
        env.remove("S3_TRANSFORMED_IMAGE_BUCKET_NAME");
        env.put("STORE_TRANSFORMED_IMAGES", "false");
        assertFalse(OriginConfig.fromEnvironment(env).storesVariants());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "S3_IMAGE_BUCKET_NAME | NULL",
            "S3_IMAGE_BUCKET_NAME | My_Bucket",
            "S3_TRANSFORMED_IMAGE_BUCKET_NAME | NULL",
            "S3_TRANSFORMED_IMAGE_BUCKET_NAME | a",
            "STORE_TRANSFORMED_IMAGES | yes",
            "S3_TRANSFORMED_IMAGE_CACHE_TTL | 31622400 seconds",
            "ERROR_CACHE_TTL | max-age=31622400",
            "ERROR_CACHE_TTL | max age",
            "MAX_IMAGE_SIZE | 0",
            "MAX_IMAGE_SIZE | 4.7MB",
            "MAX_IMAGE_SIZE | 6000000",
            "MAX_IMAGE_SIZE | 04700000",
            "MAX_SOURCE_BYTES | -1",
            "MAX_SOURCE_PIXELS | lots",
            "MAX_FRAMES | 0",
            "MAX_DIMENSION | 16384",
            "TRANSFORM_TIMEOUT_MS | 20s",
            "AWS_REGION | NULL",
            "AWS_REGION | Europe",
            "S3_ENDPOINT | localhost:9000",
            "originalImageBucketName | legacy-bucket",
            "maxImageSize | 4700000"})
    void aBadOrMissingValueFailsTheStartNamingIt(String name, String value) {
        Map<String, String> env = minimal();
        if (value == null) env.remove(name); else env.put(name, value);
        ConfigException e = assertThrows(ConfigException.class, () -> OriginConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void aCacheControlCannotSmuggleAHeader() {
        Map<String, String> env = minimal();
        env.put("S3_TRANSFORMED_IMAGE_CACHE_TTL", "max-age=1\r\nX-Injected: 1");
        assertTrue(assertThrows(ConfigException.class, () -> OriginConfig.fromEnvironment(env)).getMessage()
                .contains("S3_TRANSFORMED_IMAGE_CACHE_TTL"));
    }

    @Test
    void aBucketForVariantsWithStoringOffIsAContradiction() {
        Map<String, String> env = minimal();
        env.put("STORE_TRANSFORMED_IMAGES", "false");
        ConfigException e = assertThrows(ConfigException.class, () -> OriginConfig.fromEnvironment(env));
        assertTrue(e.getMessage().contains("S3_TRANSFORMED_IMAGE_BUCKET_NAME") && e.getMessage().contains("STORE_TRANSFORMED_IMAGES"));
    }

    @Test
    void maxImageSizeStopsWhereTheBase64BodyWouldNotFitSixMebibytes() {
        assertEquals(4_714_496, OriginConfig.MAX_IMAGE_SIZE_LIMIT);
        assertTrue((OriginConfig.MAX_IMAGE_SIZE_LIMIT + 2) / 3 * 4 + 4096 <= 6 * 1024 * 1024);
    }
}
