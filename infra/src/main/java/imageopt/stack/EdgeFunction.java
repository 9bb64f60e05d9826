package imageopt.stack;

import imageopt.parameters.ContractSettings;
import software.amazon.awscdk.services.cloudfront.Function;
import software.amazon.awscdk.services.cloudfront.FunctionCode;
import software.amazon.awscdk.services.cloudfront.FunctionRuntime;
import software.amazon.awscdk.services.cloudfront.KeyValueStore;
import software.constructs.Construct;

/**
 * The viewer-request function: url-rewrite.js with the deployment's CONFIG line, on
 * cloudfront-js-2.0 (named, since CloudFront's default is 1.0). With signing on, it gets a
 * KeyValueStore created empty: the keys are loaded after deploy and never pass through CDK.
 */
public final class EdgeFunction extends Construct {

    private final Function function;
    private final KeyValueStore signingKeys;

    public EdgeFunction(Construct scope, String id, String stageName, ContractSettings settings) {
        super(scope, id);
        signingKeys = settings.signing()
            ? KeyValueStore.Builder.create(this, "SigningKeys")
                .comment("imageopt " + stageName + ": URL signing keys, key id -> secret")
                .build()
            : null;
        Function.Builder builder = Function.Builder.create(this, "UrlRewrite")
            .comment("imageopt " + stageName + ": viewer URL to canonical key, or 400")
            .code(FunctionCode.fromInline(EdgeFunctionCode.render(settings)))
            .runtime(FunctionRuntime.JS_2_0);
        if (signingKeys != null) builder.keyValueStore(signingKeys);
        function = builder.build();
    }

    public Function function() {
        return function;
    }

    /** Null unless SIGNING is true. */
    public KeyValueStore signingKeys() {
        return signingKeys;
    }
}
