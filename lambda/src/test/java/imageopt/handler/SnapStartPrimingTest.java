package imageopt.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import imageopt.origin.OriginConfig;
import imageopt.origin.S3Origin;
import imageopt.transform.EncoderSettings;
import imageopt.transform.OutputFormat;
import imageopt.vips.Vips;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** There is no CRaC runtime here: the hook is called directly, and what it leaves ready is checked. */
class SnapStartPrimingTest {
    @Test
    void beforeCheckpointWarmsEveryEncoderWithoutTouchingS3OrCredentials() throws Exception {
        AtomicInteger credentialLookups = new AtomicInteger();
        AwsCredentialsProvider counting = () -> {
            credentialLookups.incrementAndGet();
            return (AwsCredentials) AwsBasicCredentials.create("a", "b");
        };
        // an endpoint nobody listens on: any S3 call would fail the priming
        OriginConfig config = OriginConfig.fromEnvironment(Map.of("S3_IMAGE_BUCKET_NAME", "originals",
                "S3_TRANSFORMED_IMAGE_BUCKET_NAME", "variants", "S3_ENDPOINT", "http://127.0.0.1:9", "AWS_REGION", "us-east-1"));
        try (S3Origin origin = S3Origin.create(config, counting, EncoderSettings.fast(), line -> { })) {
            FunctionUrlHandler handler = new FunctionUrlHandler(origin, false);
            assertTrue(handler.priming().primed().isEmpty());

            handler.priming().beforeCheckpoint(null);

            Map<OutputFormat, Integer> primed = handler.priming().primed();
            assertEquals(EnumSet.allOf(OutputFormat.class), primed.keySet());
            primed.forEach((format, bytes) -> assertTrue(bytes > 0, format + " produced nothing"));
            assertTrue(Vips.version().startsWith("8.18."));
            assertEquals(0, credentialLookups.get(), "no credentials may be resolved into the snapshot");
            handler.priming().afterRestore(null);
        }
    }

    @Test
    void theLambdaConstructorRefusesABadEnvironmentByName() {
        // System.getenv() here has no S3_IMAGE_BUCKET_NAME: the cold start must fail saying so
        if (System.getenv("S3_IMAGE_BUCKET_NAME") == null) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, FunctionUrlHandler::new);
            assertTrue(e.getMessage().contains("S3_IMAGE_BUCKET_NAME"), e.getMessage());
        }
    }
}
