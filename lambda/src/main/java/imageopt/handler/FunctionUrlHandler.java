package imageopt.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import imageopt.origin.ImageOrigin;
import imageopt.origin.OriginConfig;
import imageopt.origin.OriginRequest;
import imageopt.origin.OriginResponse;
import imageopt.origin.S3Origin;
import imageopt.store.S3Clients;
import imageopt.transform.EncoderSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.crac.Core;

/**
 * The Lambda entry point behind the function URL: event JSON in, response JSON out, both read
 * and written here with jackson-jr (a stream handler, so the runtime's reflective POJO mapping is
 * never loaded). Built once per execution environment from the environment variables; a bad
 * variable fails the init with a message naming it.
 */
public final class FunctionUrlHandler implements RequestStreamHandler {
    private final ImageOrigin origin;
    /** Held here: CRaC keeps only weak references to registered resources. */
    private final SnapStartPriming priming;

    /** What Lambda calls. */
    public FunctionUrlHandler() {
        this(S3Origin.create(OriginConfig.fromEnvironment(System.getenv()), S3Clients.lambdaCredentials(),
                EncoderSettings.DEFAULT, System.out::println), true);
    }

    /** On an origin built elsewhere; tests leave the priming unregistered and call it themselves. */
    public FunctionUrlHandler(S3Origin s3Origin, boolean registerPriming) {
        this.origin = s3Origin.origin();
        this.priming = new SnapStartPriming(s3Origin);
        if (registerPriming) {
            Core.getGlobalContext().register(priming);
        }
    }

    public SnapStartPriming priming() {
        return priming;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        OriginRequest request = FunctionUrlEvent.parse(input).toOriginRequest();
        if (request.requestId() == null && context != null) {
            request = new OriginRequest(request.method(), request.rawPath(), request.viewerUrl(), context.getAwsRequestId());
        }
        OriginResponse response = origin.serve(request);
        FunctionUrlResponse.write(response, output);
    }

    /** One event as JSON text in, the response JSON out, as Lambda would pass them. */
    public String handle(String eventJson) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }
}
