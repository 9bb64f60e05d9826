package imageopt.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import imageopt.infra.ImageOptApp;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesizes a deployment the way `cdk synth` does: cdk.json's context (its feature flags change
 * the template), the `-c` parameters, the CLI's environment variables, and cdk-nag, which throws
 * on any finding not acknowledged. Each variant once per test JVM, into target/synth/&lt;variant&gt;.
 */
final class Synth {

    /** The region of a deployment synthesized without credentials (`-c REGION=us-east-1`): one stack. */
    static final String DEFAULT_REGION = "us-east-1";
    static final Map<String, String> EU_WEST_1 = Map.of("CDK_DEFAULT_ACCOUNT", "111111111111", "CDK_DEFAULT_REGION", "eu-west-1");
    static final Map<String, String> US_EAST_1 = Map.of("CDK_DEFAULT_ACCOUNT", "111111111111", "CDK_DEFAULT_REGION", "us-east-1");
    static final String CERTIFICATE = "arn:aws:acm:us-east-1:111111111111:certificate/12345678-1234-1234-1234-123456789012";

    /** One synthesized deployment. */
    record Result(ImageOptStack stack, CloudAssembly assembly, Path outdir) {

        Template template() {
            return template(stack.getStackName());
        }

        Template template(String stackName) {
            return Template.fromJSON(json(stackName));
        }

        Map<String, Object> json() {
            return json(stack.getStackName());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json(String stackName) {
            return (Map<String, Object>) artifact(stackName).getTemplate();
        }

        CloudFormationStackArtifact artifact(String stackName) {
            return assembly.getStackByName(stackName);
        }

        List<String> stackNames() {
            return assembly.getStacks().stream().map(CloudFormationStackArtifact::getStackName).sorted().toList();
        }

        /** The warnings CDK reports for the image stack (what `cdk synth` prints). */
        List<String> warnings() {
            return artifact(stack.getStackName()).getMessages().stream()
                .filter(message -> message.getLevel().name().equals("WARNING"))
                .map(message -> String.valueOf(message.getEntry().getData()))
                .toList();
        }

        /** The one resource of a type in the image stack; fails if there are none or several. */
        @SuppressWarnings("unchecked")
        Map<String, Object> only(String type) {
            List<Map<String, Object>> found = all(type);
            if (found.size() != 1) throw new AssertionError("expected one " + type + ", found " + found.size());
            return found.getFirst();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all(String type) {
            Map<String, Object> resources = (Map<String, Object>) json().get("Resources");
            return resources.values().stream().map(resource -> (Map<String, Object>) resource)
                .filter(resource -> type.equals(resource.get("Type")))
                .map(resource -> (Map<String, Object>) resource.get("Properties"))
                .toList();
        }
    }

    private static final Map<String, Result> CACHE = new ConcurrentHashMap<>();

    private Synth() {
    }

    /** A deployment synthesized without credentials: `-c` parameters only. */
    static Result of(String variant, Map<String, String> parameters) {
        return of(variant, parameters, Map.of());
    }

    static synchronized Result of(String variant, Map<String, String> parameters, Map<String, String> environment) {
        String key = variant + parameters + environment;
        Result cached = CACHE.get(key);
        if (cached != null) return cached;
        App app = app(variant, parameters);
        ImageOptStack stack = ImageOptApp.build(app, environment);
        Result result = new Result(stack, app.synth(), Path.of(app.getOutdir()));
        CACHE.put(key, result);
        return result;
    }

    /** An app with cdk.json's context and these `-c` parameters, writing to target/synth/&lt;variant&gt;. */
    static App app(String variant, Map<String, ?> parameters) {
        return app(Path.of("target", "synth", variant), parameters);
    }

    /**
     * An app for a synth that must fail, writing outside target/synth: what it leaves there is
     * not a deployment, so it is not linted.
     */
    static App failingApp(String name, Map<String, ?> parameters) {
        return app(Path.of("target", "synth-failing", name), parameters);
    }

    private static App app(Path outdir, Map<String, ?> parameters) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
        context.putAll(parameters);
        return App.Builder.create().outdir(outdir.toAbsolutePath().toString()).context(context).build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(Files.readString(Path.of("cdk.json")), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
