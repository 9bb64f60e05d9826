package imageopt.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import imageopt.infra.ImageOptApp;
import imageopt.stack.ImageOptStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.lambda.CfnFunction;

/**
 * The origin function as the synthesized template defines it: handler, runtime, memory,
 * architecture, timeout, environment (JAVA_TOOL_OPTIONS included) and the zips it deploys (the
 * code and each layer, as staged in the cloud assembly: the very files `cdk deploy` uploads).
 * Nothing here is retyped from the stack's source: the zips are found as `cdk deploy` finds
 * what to upload, through the stack's asset manifest ({@code <stack>.assets.json}) from the S3
 * key the template names.
 *
 * <p>The environment's references to buckets of the stack ({@code {"Ref": "Bucket..."}}) become
 * local bucket names (the logical id, lower-cased); any other unresolved value is refused by name.
 */
public record FunctionDefinition(String logicalId, String handler, String runtime, int memoryMb, String architecture,
                                 int timeoutSeconds, Map<String, String> environment, Path code, List<Path> layers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same function with other layers (a test's broken layer). */
    public FunctionDefinition withLayers(List<Path> otherLayers) {
        return new FunctionDefinition(logicalId, handler, runtime, memoryMb, architecture, timeoutSeconds, environment, code, List.copyOf(otherLayers));
    }

    /**
     * Synthesizes the deployment `cdk synth` would, with cdk.json's context and these `-c`
     * parameters (REGION defaults to the sandbox's), without credentials, into {@code outdir}; returns its origin function.
     */
    public static FunctionDefinition synthesize(Path root, Path outdir, Map<String, String> parameters) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext(root));
        context.putAll(parameters);
        context.putIfAbsent("REGION", LocalFunction.REGION); // a synth without a region is refused
        App app = App.Builder.create().outdir(outdir.toString()).context(context).build();
        ImageOptStack stack = ImageOptApp.build(app, Map.of());
        CloudAssembly assembly = app.synth();
        String logicalId = stack.getLogicalId((CfnFunction) stack.origin().function().getNode().getDefaultChild());
        var artifact = assembly.getStackByName(stack.getStackName());
        Path dir = Path.of(assembly.getDirectory());
        return read(dir.resolve(artifact.getTemplateFile()), dir.resolve(stack.getStackName() + ".assets.json"), logicalId);
    }

    /** The function {@code logicalId} of a synthesized template, its zips found through the stack's asset manifest. */
    public static FunctionDefinition read(Path template, Path assetManifest, String logicalId) {
        JsonNode resources = readJson(template).path("Resources");
        JsonNode assets = readJson(assetManifest).path("files");
        JsonNode function = resources.path(logicalId);
        if (!"AWS::Lambda::Function".equals(function.path("Type").asText())) {
            throw new IllegalArgumentException(template + " has no AWS::Lambda::Function " + logicalId);
        }
        JsonNode p = function.path("Properties");
        Path assembly = assetManifest.getParent();
        Map<String, String> environment = new LinkedHashMap<>();
        p.path("Environment").path("Variables").properties().forEach(e -> environment.put(e.getKey(), resolve(e.getKey(), e.getValue(), resources)));
        List<Path> layers = new ArrayList<>();
        for (JsonNode layer : p.path("Layers")) {
            String id = layer.path("Ref").asText();
            if (id.isEmpty()) throw new IllegalArgumentException("layer " + layer + " is not a layer of this stack");
            layers.add(asset(assembly, assets, resources.path(id).path("Properties").path("Content"), id));
        }
        JsonNode architectures = p.path("Architectures");
        return new FunctionDefinition(logicalId,
                required(p, "Handler"), required(p, "Runtime"),
                p.path("MemorySize").asInt(128),                                   // Lambda's defaults where CloudFormation omits them
                architectures.isEmpty() ? "x86_64" : architectures.get(0).asText(),
                p.path("Timeout").asInt(3),
                Map.copyOf(environment), asset(assembly, assets, p.path("Code"), logicalId), List.copyOf(layers));
    }

    /** The bucket name a function in this stack would see for a variable's value. */
    private static String resolve(String name, JsonNode value, JsonNode resources) {
        if (value.isTextual()) return value.asText();
        String ref = value.path("Ref").asText();
        if (!ref.isEmpty() && "AWS::S3::Bucket".equals(resources.path(ref).path("Type").asText())) {
            String given = resources.path(ref).path("Properties").path("BucketName").asText();
            return given.isEmpty() ? localBucketName(ref) : given;
        }
        throw new IllegalArgumentException("the environment variable " + name + " is " + value + ", which only a deployment resolves");
    }

    /** A bucket of the stack, named after its logical id (S3 names: lower case, at most 63 characters). */
    static String localBucketName(String logicalId) {
        String name = logicalId.toLowerCase(Locale.ROOT);
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    /** The staged file that deploys to the S3 key a resource's code names (the asset manifest's source of that object key). */
    private static Path asset(Path assembly, JsonNode assets, JsonNode code, String id) {
        String key = code.path("S3Key").asText();
        for (JsonNode asset : assets) {
            for (JsonNode destination : asset.path("destinations")) {
                if (!key.isEmpty() && key.equals(destination.path("objectKey").asText())) {
                    Path file = assembly.resolve(asset.path("source").path("path").asText());
                    if (!Files.isRegularFile(file)) throw new IllegalStateException(id + "'s asset " + file + " is not a zip file");
                    return file;
                }
            }
        }
        throw new IllegalArgumentException(id + "'s code " + code + " is not an asset of this stack");
    }

    private static String required(JsonNode properties, String name) {
        String value = properties.path(name).asText();
        if (value.isEmpty()) throw new IllegalArgumentException("the function has no " + name);
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cdkJsonContext(Path root) {
        try {
            return JSON.readValue(root.resolve("infra/cdk.json").toFile(), Map.class).get("context") instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
