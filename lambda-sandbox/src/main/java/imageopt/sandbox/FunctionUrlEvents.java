package imageopt.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Function URL events (payload format 2.0) as CloudFront's origin access control hands them to the
 * origin: a GET or HEAD of the canonical path, CloudFront's headers, an IAM-authorized request context.
 */
public final class FunctionUrlEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOMAIN = "sandbox0000000000000000000000000.lambda-url.us-east-1.on.aws";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    private FunctionUrlEvents() {}

    public static String get(String rawPath) {
        return of("GET", rawPath);
    }

    public static String of(String method, String rawPath) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0").put("routeKey", "$default").put("rawPath", rawPath).put("rawQueryString", "");
        event.putObject("headers")
                .put("host", DOMAIN)
                .put("user-agent", "Amazon CloudFront")
                .put("via", "2.0 0123456789abcdef0123456789abcdef.cloudfront.net (CloudFront)")
                .put("x-forwarded-proto", "https")
                .put("x-forwarded-port", "443")
                .put("x-forwarded-for", "130.176.0.1")
                .put("accept-encoding", "gzip");
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "anonymous").put("apiId", DOMAIN.substring(0, 32)).put("domainName", DOMAIN)
                .put("domainPrefix", DOMAIN.substring(0, 32));
        context.putObject("authorizer").putObject("iam")
                .put("accessKey", "ASIASANDBOXSANDBOX00").put("accountId", "123456789012")
                .put("callerId", "AROASANDBOXSANDBOX000:OriginAccessControlRolesSession")
                .put("userArn", "arn:aws:sts::123456789012:assumed-role/OriginAccessControlRole/OriginAccessControlRolesSession")
                .put("userId", "AROASANDBOXSANDBOX000:OriginAccessControlRolesSession");
        context.putObject("http").put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1")
                .put("sourceIp", "130.176.0.1").put("userAgent", "Amazon CloudFront");
        context.put("requestId", UUID.randomUUID().toString()).put("routeKey", "$default").put("stage", "$default")
                .put("time", TIME.format(now)).put("timeEpoch", now.toInstant().toEpochMilli());
        event.put("isBase64Encoded", false);
        return event.toString();
    }
}
