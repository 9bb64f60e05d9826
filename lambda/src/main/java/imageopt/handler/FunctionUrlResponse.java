package imageopt.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import imageopt.origin.OriginResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an origin answer as a function URL response: statusCode, headers, base64 body. */
final class FunctionUrlResponse {
    private FunctionUrlResponse() {}

    static void write(OriginResponse response, OutputStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.status());
        json.put("headers", response.headers());
        boolean hasBody = response.body().length > 0;
        json.put("body", hasBody ? Base64.getEncoder().encodeToString(response.body()) : "");
        json.put("isBase64Encoded", hasBody);
        JSON.std.write(json, out);
    }
}
