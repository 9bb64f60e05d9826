package imageopt.handler;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never touches the network: GET answers the named object's bytes, PUT
 * answers 200, anything else 404. The SnapStart rehearsal runs the real SDK pipeline (endpoint
 * rules, signing, marshalling, checksums, unmarshalling) through it, so the snapshot holds
 * those classes loaded and compiled without any connection or real credentials in it.
 */
final class CannedS3 implements SdkHttpClient {
    private final Map<String, byte[]> objects;

    /** @param objects bodies by the last path segment of the key */
    CannedS3(Map<String, byte[]> objects) {
        this.objects = Map.copyOf(objects);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                SdkHttpMethod method = request.httpRequest().method();
                String path = request.httpRequest().encodedPath();
                byte[] body = objects.get(path.substring(path.lastIndexOf('/') + 1));
                if (method == SdkHttpMethod.PUT) {
                    return response(200, new byte[0]);
                }
                if (method == SdkHttpMethod.GET && body != null) {
                    return response(200, body);
                }
                return response(404, "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>".getBytes());
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    private static HttpExecuteResponse response(int status, byte[] body) {
        SdkHttpResponse headers = SdkHttpResponse.builder().statusCode(status)
                .putHeader("Content-Length", String.valueOf(body.length))
                .putHeader("Content-Type", status == 200 ? "application/octet-stream" : "application/xml")
                .putHeader("ETag", "\"" + HexFormat.of().formatHex(new byte[16]) + "\"")
                .build();
        return HttpExecuteResponse.builder().response(headers)
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    @Override
    public String clientName() {
        return "imageopt-canned";
    }

    @Override
    public void close() {
        // nothing held
    }
}
