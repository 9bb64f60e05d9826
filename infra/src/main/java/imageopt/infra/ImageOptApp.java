package imageopt.infra;

import imageopt.parameters.InvalidParameterException;
import imageopt.parameters.Parameters;
import imageopt.stack.ImageOptStack;
import imageopt.stack.ImageWebAcl;
import imageopt.stack.WafStack;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;

import java.util.Map;

/**
 * The CDK app (cdk.json's app runs it): reads the parameters, builds the stacks of one deployment
 * and checks them with cdk-nag's AWS Solutions rules, which fail the synth on any finding not
 * acknowledged with a reason.
 */
public final class ImageOptApp {

    private ImageOptApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        try {
            build(app, System.getenv());
        } catch (InvalidParameterException e) {
            System.err.println("imageopt: " + e.getMessage());
            System.exit(2);
        }
        app.synth();
    }

    /**
     * Builds one deployment into `app` from its context (the `-c` parameters) and `environment`
     * (the CLI's CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION), and returns its image stack; refuses
     * (InvalidParameterException) a deployment without a region or in one the region table lacks.
     */
    public static ImageOptStack build(App app, Map<String, String> environment) {
        @SuppressWarnings("unchecked")
        Map<String, Object> context = (Map<String, Object>) app.getNode().getAllContext();
        Parameters parameters = Parameters.read(context, environment);
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        String name = "imageopt-" + parameters.stageName();
        ImageWebAcl externalWebAcl = null;
        if (parameters.wafEnabled() && !parameters.region().equals(WafStack.REGION)) {
            externalWebAcl = new WafStack(app, name + "-waf", parameters).webAcl();
        }
        return new ImageOptStack(app, name, parameters, externalWebAcl);
    }
}
