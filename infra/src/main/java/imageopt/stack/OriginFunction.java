package imageopt.stack;

import imageopt.parameters.Parameters;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The origin: the Java function (java25, libvips from its layer), SnapStart on a published
 * version (where the region has it), the function URL (AWS_IAM auth, so only CloudFront's signed
 * requests get in) on the alias that points at that version, its role and its log group.
 */
public final class OriginFunction extends Construct {

    public static final String ALIAS = "live";

    // The environment names the origin reads (lambda module).
    public static final String ENV_ORIGINALS = "S3_IMAGE_BUCKET_NAME";
    public static final String ENV_TRANSFORMED = "S3_TRANSFORMED_IMAGE_BUCKET_NAME";
    public static final String ENV_CACHE_CONTROL = "S3_TRANSFORMED_IMAGE_CACHE_TTL";
    public static final String ENV_MAX_IMAGE_SIZE = "MAX_IMAGE_SIZE";
    /** FFM's native access: Lambda starts the JVM itself, so the flag goes through the environment. */
    public static final String JAVA_TOOL_OPTIONS = "--enable-native-access=ALL-UNNAMED";
    /** Fewer glibc arenas, as Sharp does: libvips' threads otherwise fragment the heap. */
    public static final String MALLOC_ARENA_MAX = "2";

    private final Function function;
    private final Alias alias;
    private final FunctionUrl url;
    private final LayerVersion layer;
    private final LogGroup logGroup;
    private final boolean snapStart;

    /** @param snapStart whether the region runs SnapStart for java25 (the region table's row says) */
    public OriginFunction(Construct scope, String id, Parameters parameters, boolean snapStart, IBucket originals,
                          IBucket transformed) {
        super(scope, id);
        this.snapStart = snapStart;
        Architecture architecture = parameters.lambdaArchitecture().equals("arm64") ? Architecture.ARM_64 : Architecture.X86_64;

        logGroup = LogGroup.Builder.create(this, "Logs").removalPolicy(RemovalPolicy.DESTROY).build();
        // Any period CloudWatch accepts (validated in Parameters), not only RetentionDays' names.
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(parameters.logRetentionDays());

        // Our own role: writing to its log group and the buckets, nothing more (no managed policy).
        Role role = Role.Builder.create(this, "Role")
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .description("imageopt origin: reads originals, writes variants and its logs")
            .build();
        logGroup.grantWrite(role);
        role.addToPolicy(PolicyStatement.Builder.create()
            .actions(List.of("s3:GetObject"))
            .resources(List.of(originals.arnForObjects("*")))
            .build());
        // With list permission a missing original is S3's 404, which the origin answers as 404;
        // without it S3 answers 403 and the origin could not tell "missing" from "forbidden".
        role.addToPolicy(PolicyStatement.Builder.create()
            .actions(List.of("s3:ListBucket"))
            .resources(List.of(originals.getBucketArn()))
            .build());
        if (transformed != null) {
            role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:PutObject"))
                .resources(List.of(transformed.arnForObjects("*")))
                .build());
        }

        layer = LayerVersion.Builder.create(this, "Libvips")
            .code(Code.fromAsset(Artifacts.require(Artifacts.layerZip(parameters.lambdaArchitecture())).toString()))
            .compatibleRuntimes(List.of(Runtime.JAVA_25))
            .compatibleArchitectures(List.of(architecture))
            .description("libvips 8.18.7 (the build Sharp ships) for imageopt, " + parameters.lambdaArchitecture())
            .build();

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ENV_ORIGINALS, originals.getBucketName());
        if (transformed != null) environment.put(ENV_TRANSFORMED, transformed.getBucketName());
        environment.put(ENV_CACHE_CONTROL, parameters.transformedCacheControl());
        environment.put(ENV_MAX_IMAGE_SIZE, String.valueOf(parameters.maxImageSize()));
        environment.put("MALLOC_ARENA_MAX", MALLOC_ARENA_MAX);
        // the origin re-checks keys with the edge's limit, so a larger MAX_DIMENSION works end to end
        environment.put("MAX_DIMENSION", String.valueOf(parameters.contract().maxDimension()));
        // one libvips warning per damaged row would flood the logs; the typed error says enough
        environment.put("VIPS_WARNING", "1");
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);

        Function.Builder builder = Function.Builder.create(this, "Function")
            .description("imageopt origin (" + parameters.stageName() + "): transforms images with libvips")
            .runtime(Runtime.JAVA_25)
            .architecture(architecture)
            .handler(Artifacts.LAMBDA_HANDLER)
            .code(Code.fromAsset(Artifacts.require(Artifacts.LAMBDA_ZIP).toString()))
            .layers(List.of(layer))
            .memorySize(parameters.lambdaMemory())
            .timeout(Duration.seconds(parameters.lambdaTimeout()))
            .environment(environment)
            .role(role)
            .logGroup(logGroup);
        if (snapStart) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        } else {
            Annotations.of(this).addWarningV2("imageopt:noSnapStart", "Lambda SnapStart is not available in " + parameters.region()
                + ": the function runs without it, so every cold start initializes the JVM and libvips (seconds, billed),"
                + " and java25 compiles at tier 1 only");
        }
        function = builder.build();

        // The URL must reach the snapshotted version, so it sits on an alias of it, not on $LATEST.
        alias = Alias.Builder.create(this, "Alias").aliasName(ALIAS).version(function.getCurrentVersion()).build();
        url = alias.addFunctionUrl(FunctionUrlOptions.builder().authType(FunctionUrlAuthType.AWS_IAM).build());
    }

    public Function function() {
        return function;
    }

    public Alias alias() {
        return alias;
    }

    public FunctionUrl url() {
        return url;
    }

    public LayerVersion layer() {
        return layer;
    }

    public LogGroup logGroup() {
        return logGroup;
    }

    /** Whether the published versions are SnapStart snapshots. */
    public boolean snapStart() {
        return snapStart;
    }
}
