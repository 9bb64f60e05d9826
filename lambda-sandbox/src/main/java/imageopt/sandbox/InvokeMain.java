package imageopt.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import imageopt.stack.Artifacts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./imageopt invoke}: the deployable function, as the stack defines it, under AWS's runtime
 * client on this machine, in the spirit of {@code sam local invoke}. Each argument is a path as
 * CloudFront hands it to the origin ({@code /images/<file>/<operations>}) or a function URL event
 * file; the originals are put in the stack's originals bucket under {@code images/}.
 */
public final class InvokeMain {
    static final String USAGE = """
            usage: ./imageopt invoke [--originals DIR] [--out DIR] [-c NAME=VALUE]... PATH|--event FILE...
              PATH            a canonical key as the origin receives it, e.g. /images/calla.png/format=webp,width=400
              --event FILE    a function URL event (payload 2.0, JSON), sent as it is
              --originals DIR the originals, put under images/<file name> (default: samples/images)
              --out DIR       writes each image answered to DIR, named after its request
              -c NAME=VALUE   a stack parameter, as for cdk synth (e.g. -c LAMBDA_MEMORY=3008)
            The function zip and its layer run under AWS's Lambda runtime client, in a private mount
            namespace (needs root or user namespaces), with the handler, runtime, memory, architecture
            and environment of the synthesized template; S3 is an embedded store. Prints each answer,
            the function's log (prefixed |) and the cold start (process start to first response).""";

    private InvokeMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path originals = null, outDir = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String[]> requests = new ArrayList<>(); // {label, event}
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return;
                }
                case "--originals" -> originals = Path.of(value(args, ++i, arg));
                case "--out" -> outDir = Path.of(value(args, ++i, arg));
                case "-c" -> {
                    String pair = value(args, ++i, arg);
                    int eq = pair.indexOf('=');
                    if (eq < 1) fail("-c takes NAME=VALUE, got '" + pair + "'");
                    parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
                case "--event" -> {
                    Path file = Path.of(value(args, ++i, arg));
                    if (!Files.isRegularFile(file)) fail("--event " + file + ": no such file");
                    requests.add(new String[] {file.toString(), Files.readString(file)});
                }
                default -> {
                    if (!arg.startsWith("/")) fail("unknown argument '" + arg + "' (a path starts with /; --help lists the flags)");
                    requests.add(new String[] {arg, FunctionUrlEvents.get(arg)});
                }
            }
        }
        if (requests.isEmpty()) fail("nothing to invoke: give a path such as /images/calla.png/format=webp,width=400");
        Path root = Artifacts.root();
        if (originals == null) originals = root.resolve(Artifacts.SAMPLE_IMAGES);
        if (!Files.isDirectory(originals)) fail("--originals " + originals + ": not a directory");

        Map<String, byte[]> objects = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(originals)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                objects.put("images/" + file.getFileName(), Files.readAllBytes(file));
            }
        }
        Path work = root.resolve("lambda-sandbox/target/invoke");
        System.err.println("invoke: synthesizing the stack" + (parameters.isEmpty() ? "" : " with " + parameters));
        FunctionDefinition function = FunctionDefinition.synthesize(root, work.resolve("synth"), parameters);
        out.printf("function: %s, %s, %d MB, %s, layers %d, JAVA_TOOL_OPTIONS=%s%n", function.handler(), function.runtime(),
                function.memoryMb(), function.architecture(), function.layers().size(), function.environment().get("JAVA_TOOL_OPTIONS"));
        if (outDir != null) Files.createDirectories(outDir);
        ObjectMapper json = new ObjectMapper();
        try (LocalFunction local = LocalFunction.start(function, work.resolve("run"), root.resolve("lambda-sandbox/target/runtime-client"),
                objects, line -> System.err.println("  | " + line))) {
            boolean first = true;
            for (String[] request : requests) {
                long sent = System.nanoTime();
                RuntimeApi.Outcome outcome = local.invoke(request[1]);
                double ms = LocalFunction.millisSince(sent, outcome.answeredAtNanos());
                if (first) {
                    first = false;
                    out.printf("cold start (process start to first answer, on-demand): %.0f ms; init %s%n",
                            LocalFunction.millisSince(local.sandbox().startedAtNanos(), outcome.answeredAtNanos()),
                            local.api().initDoneAtNanos().map(t -> String.format("%.0f ms", LocalFunction.millisSince(local.sandbox().startedAtNanos(), t))).orElse("failed"));
                }
                if (!outcome.isResponse()) {
                    out.printf("%s -> %s %s in %.0f ms%n", request[0], outcome.kind() == RuntimeApi.Outcome.INIT_ERROR ? "init error" : "error",
                            outcome.body(), ms);
                    if (outcome.kind() == RuntimeApi.Outcome.INIT_ERROR) System.exit(1);
                    continue;
                }
                JsonNode response = json.readTree(outcome.body());
                byte[] body = response.path("isBase64Encoded").asBoolean()
                        ? Base64.getDecoder().decode(response.path("body").asText()) : response.path("body").asText().getBytes();
                StringBuilder headers = new StringBuilder();
                response.path("headers").properties().forEach(h -> headers.append("\n    ").append(h.getKey()).append(": ").append(h.getValue().asText()));
                out.printf("%s -> %d, %,d bytes in %.0f ms%s%n", request[0], response.path("statusCode").asInt(), body.length, ms, headers);
                if (outDir != null && response.path("statusCode").asInt() == 200) {
                    Path file = outDir.resolve(request[0].replaceAll("[^A-Za-z0-9.=,-]+", "_").replaceAll("^_+", ""));
                    Files.write(file, body);
                    out.println("    written to " + file);
                }
            }
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) fail(flag + " needs a value");
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("imageopt invoke: " + message);
        System.exit(2);
    }
}
