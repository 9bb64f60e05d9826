package imageopt.sandbox;

import imageopt.local.EmbeddedStore;
import imageopt.stack.OriginFunction;
import imageopt.store.S3Clients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The function of a synthesized stack running here: its sandbox, the Runtime API it talks to,
 * and the embedded S3-compatible store holding the stack's buckets (named as the function's
 * environment names them), seeded with originals. The function reaches the store through
 * S3_ENDPOINT, the one variable added to what the template sets, with temporary credentials
 * (a session token) as Lambda hands them out.
 */
public final class LocalFunction implements AutoCloseable {
    public static final String REGION = "us-east-1";

    private final FunctionDefinition function;
    private final EmbeddedStore store;
    private final S3Client s3;
    private final RuntimeApi api;
    private final LambdaSandbox sandbox;

    private LocalFunction(FunctionDefinition function, EmbeddedStore store, S3Client s3, RuntimeApi api, LambdaSandbox sandbox) {
        this.function = function;
        this.store = store;
        this.s3 = s3;
        this.api = api;
        this.sandbox = sandbox;
    }

    /**
     * Empties {@code workDir} (each start is a new deployment), starts the store under {@code workDir/store}, creates the function's buckets, puts each
     * original (key to bytes) in the originals bucket, then starts the function under {@code workDir/sandbox}.
     */
    public static LocalFunction start(FunctionDefinition function, Path workDir, Path runtimeClient, Map<String, byte[]> originals,
                                      Consumer<String> echo) throws IOException {
        LambdaSandbox.deleteRecursively(workDir);
        EmbeddedStore store = EmbeddedStore.start(workDir.resolve("store"));
        S3Client s3 = null;
        RuntimeApi api = null;
        try {
            URI endpoint = store.endpoint();
            var credentials = new LambdaSandbox.Credentials(EmbeddedStore.ACCESS_KEY, EmbeddedStore.SECRET_KEY,
                    "sandbox-session-" + UUID.randomUUID());
            S3Client client = S3Clients.create(REGION, Optional.of(endpoint),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())));
            s3 = client;
            String originalsBucket = bucket(function, OriginFunction.ENV_ORIGINALS).orElseThrow(
                    () -> new IllegalStateException("the function's environment has no " + OriginFunction.ENV_ORIGINALS));
            var existing = client.listBuckets().buckets().stream().map(b -> b.name()).toList();
            for (String bucket : new String[] {originalsBucket, bucket(function, OriginFunction.ENV_TRANSFORMED).orElse(null)}) {
                if (bucket != null && !existing.contains(bucket)) client.createBucket(b -> b.bucket(bucket));
            }
            for (var original : originals.entrySet()) {
                s3.putObject(b -> b.bucket(originalsBucket).key(original.getKey()), RequestBody.fromBytes(original.getValue()));
            }
            String arn = "arn:aws:lambda:" + REGION + ":123456789012:function:imageopt-sandbox-" + function.logicalId();
            api = new RuntimeApi(arn, function.timeoutSeconds());
            LambdaSandbox sandbox = LambdaSandbox.start(function, workDir.resolve("sandbox"), runtimeClient, api, credentials, REGION,
                    Map.of("S3_ENDPOINT", endpoint.toString()), echo);
            return new LocalFunction(function, store, s3, api, sandbox);
        } catch (RuntimeException | IOException e) {
            if (api != null) api.close();
            if (s3 != null) s3.close();
            store.close();
            throw e;
        }
    }

    /** The bucket an environment variable of the function names, if it sets it. */
    public static Optional<String> bucket(FunctionDefinition function, String variable) {
        return Optional.ofNullable(function.environment().get(variable));
    }

    public FunctionDefinition function() {
        return function;
    }

    public S3Client s3() {
        return s3;
    }

    public RuntimeApi api() {
        return api;
    }

    public LambdaSandbox sandbox() {
        return sandbox;
    }

    public RuntimeApi.Outcome invoke(String event) throws InterruptedException {
        return sandbox.invoke(event);
    }

    /** Milliseconds from the process's start to the first response: the cold start as a caller sees it (on-demand, no SnapStart). */
    public static double millisSince(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e6;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            sandbox.close();
        } finally {
            api.close();
            s3.close();
            store.close();
        }
    }
}
