package imageopt.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import imageopt.stack.Artifacts;
import imageopt.stack.OriginFunction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The built function zip with the built layer under AWS's runtime client (2.10.1), in a process of
 * its own, exactly as the synthesized stack defines the function (handler, runtime, memory,
 * architecture, environment, JAVA_TOOL_OPTIONS, layer), with the host's libstdc++ hidden so the
 * layer alone serves libvips, and S3 the embedded store. One cold start answers every kind of
 * request a function URL brings; a second sandbox, its layer without libstdc++, must fail its
 * init with the dynamic loader's one-line reason. Needs root (or user namespaces) for the mounts:
 * without them it fails, saying so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuntimeClientTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = Path.of(System.getProperty("imageopt.root"));
    static final Path TARGET = ROOT.resolve("lambda-sandbox/target");
    static final Path RUNTIME_CLIENT = TARGET.resolve("runtime-client");

    static FunctionDefinition function;
    static LocalFunction local;
    static String sample;
    static String transformed;

    @BeforeAll
    static void start() throws IOException {
        long t0 = System.nanoTime();
        function = FunctionDefinition.synthesize(ROOT, TARGET.resolve("synth"), Map.of());
        System.out.printf("synthesized in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        Map<String, byte[]> originals = new LinkedHashMap<>();
        Path photo;
        try (Stream<Path> samples = Files.list(ROOT.resolve("samples/images"))) {
            photo = samples.filter(p -> p.toString().endsWith(".jpg")).sorted().findFirst().orElseThrow();
        }
        sample = photo.getFileName().toString();
        originals.put("images/" + sample, Files.readAllBytes(photo));
        originals.put("images/noise.png", noisePng(1600, 1600)); // ~7.7 MB as PNG, over MAX_IMAGE_SIZE
        originals.put("images/broken.jpg", broken());
        local = LocalFunction.start(function, TARGET.resolve("runtime-client-test"), RUNTIME_CLIENT, originals, line -> System.out.println("function| " + line));
        System.out.printf("started in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        transformed = LocalFunction.bucket(function, OriginFunction.ENV_TRANSFORMED).orElseThrow();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (local != null) local.close();
    }

    @Test
    @Order(1)
    void theTemplateDefinesTheFunctionThatRuns() throws IOException {
        assertEquals("java25", function.runtime());
        assertEquals(Artifacts.LAMBDA_HANDLER, function.handler());
        assertEquals(OriginFunction.JAVA_TOOL_OPTIONS, function.environment().get("JAVA_TOOL_OPTIONS"));
        assertEquals(1, function.layers().size());
        assertTrue(function.memoryMb() >= 128, "memory " + function.memoryMb());
        // what deploys is what was built
        assertArrayEquals(Files.readAllBytes(ROOT.resolve(Artifacts.LAMBDA_ZIP)), Files.readAllBytes(function.code()));
        assertArrayEquals(Files.readAllBytes(ROOT.resolve(Artifacts.layerZip(function.architecture()))), Files.readAllBytes(function.layers().getFirst()));
    }

    /** The architecture comes from the template too: the other one brings its own layer, and is refused here by name. */
    @Test
    @Order(10)
    void theOtherArchitectureBringsItsLayerAndIsRefusedHere() throws IOException {
        String other = function.architecture().equals("x86_64") ? "arm64" : "x86_64";
        FunctionDefinition foreign = FunctionDefinition.synthesize(ROOT, TARGET.resolve("synth-" + other), Map.of("LAMBDA_ARCHITECTURE", other));
        assertEquals(other, foreign.architecture());
        assertArrayEquals(Files.readAllBytes(ROOT.resolve(Artifacts.layerZip(other))), Files.readAllBytes(foreign.layers().getFirst()));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LambdaSandbox.start(foreign,
                TARGET.resolve("runtime-client-test-" + other), RUNTIME_CLIENT, null, null, LocalFunction.REGION, Map.of(), line -> { }));
        assertTrue(refused.getMessage().contains("built for " + other), refused.getMessage());
    }

    @Test
    @Order(2)
    void aMissIsTransformedStoredAndAnsweredThenARepeatAnswersTheSame() throws Exception {
        String path = "/images/" + sample + "/format=webp,width=300";
        RuntimeApi.Outcome first = local.invoke(FunctionUrlEvents.get(path));
        double coldStart = LocalFunction.millisSince(local.sandbox().startedAtNanos(), first.answeredAtNanos());
        double init = LocalFunction.millisSince(local.sandbox().startedAtNanos(), local.api().initDoneAtNanos().orElseThrow());
        System.out.printf("cold start under the runtime client (process start to first response, on-demand): %.0f ms (init %.0f ms)%n", coldStart, init);
        JsonNode response = response(first);
        assertEquals(200, response.path("statusCode").asInt(), first.body());
        assertEquals("image/webp", header(response, "content-type"));
        assertTrue(response.path("isBase64Encoded").asBoolean());
        byte[] image = Base64.getDecoder().decode(response.path("body").asText());
        assertEquals("WEBP", new String(image, 8, 4, StandardCharsets.US_ASCII));

        List<S3Object> stored = local.s3().listObjectsV2(b -> b.bucket(transformed)).contents();
        assertEquals(1, stored.size(), "one variant stored: " + stored);
        assertArrayEquals(image, local.s3().getObjectAsBytes(b -> b.bucket(transformed).key(stored.getFirst().key())).asByteArray());

        JsonNode repeat = response(local.invoke(FunctionUrlEvents.get(path)));
        assertEquals(200, repeat.path("statusCode").asInt());
        assertArrayEquals(image, Base64.getDecoder().decode(repeat.path("body").asText()));
        assertEquals(header(response, "etag"), header(repeat, "etag"));
    }

    @Test
    @Order(3)
    void aMissingOriginalIs404() throws Exception {
        assertProblem("/images/no-such-photo.jpg/format=webp,width=300", 404, "no-such-original");
    }

    @Test
    @Order(4)
    void aKeyThatIsNotCanonicalIs400() throws Exception {
        assertProblem("/images/" + sample + "/width=300,format=webp", 400, "bad-key");
    }

    @Test
    @Order(5)
    void aBrokenOriginalIs422() throws Exception {
        assertProblem("/images/broken.jpg/format=webp,width=300", 422, "corrupt-image");
    }

    @Test
    @Order(6)
    void aVariantOverTheSizeLimitIsStoredAndRedirected() throws Exception {
        long limit = Long.parseLong(function.environment().get(OriginFunction.ENV_MAX_IMAGE_SIZE));
        String path = "/images/noise.png/format=png,width=1600";
        JsonNode response = response(local.invoke(FunctionUrlEvents.get(path)));
        assertEquals(302, response.path("statusCode").asInt(), response.toString());
        assertEquals("/images/noise.png?format=png&width=1600", header(response, "location"));
        long largest = local.s3().listObjectsV2(b -> b.bucket(transformed)).contents().stream().mapToLong(S3Object::size).max().orElse(0);
        assertTrue(largest > limit, "the stored variant (" + largest + " bytes) is over MAX_IMAGE_SIZE " + limit);
    }

    @Test
    @Order(7)
    void anEventTheHandlerCannotReadIsAnInvocationError() throws Exception {
        RuntimeApi.Outcome outcome = local.invoke("this is not JSON");
        assertEquals(RuntimeApi.Outcome.ERROR, outcome.kind(), outcome.body());
        assertTrue(outcome.errorType().isPresent(), "Lambda-Runtime-Function-Error-Type");
        assertTrue(local.sandbox().isAlive(), "the environment lives on after a failed invocation");
    }

    /** What the function printed: its request log, and none of the noise of a cold start gone wrong. */
    @Test
    @Order(8)
    void theLogHoldsOneLinePerRequestAndNoSlf4jWarnings() {
        List<String> log = local.sandbox().output();
        assertTrue(log.stream().noneMatch(line -> line.contains("SLF4J")), String.join("\n", log));
        assertEquals(6, log.stream().filter(line -> line.startsWith("{") && line.contains("\"status\"")).count(), String.join("\n", log));
    }

    /**
     * The layer as it was before it carried the C++ runtime, with the host's libstdc++ hidden:
     * the init fails, and Lambda is told why in one line naming the file and the missing library.
     * This also proves the host's copy is hidden (else libvips would load).
     */
    @Test
    @Order(9)
    void aLayerWithoutLibstdcxxFailsTheInitNamingTheMissingLibrary() throws Exception {
        Path layer = TARGET.resolve("layer-without-libstdcxx.zip");
        copyWithout(function.layers().getFirst(), layer, "lib/libstdc++.so.6");
        try (LocalFunction broken = LocalFunction.start(function.withLayers(List.of(layer)), TARGET.resolve("runtime-client-test-broken"),
                RUNTIME_CLIENT, Map.of(), line -> System.out.println("broken function| " + line))) {
            RuntimeApi.Outcome outcome = broken.invoke(FunctionUrlEvents.get("/images/" + sample + "/format=webp,width=300"));
            System.out.printf("init error after %.0f ms%n", LocalFunction.millisSince(broken.sandbox().startedAtNanos(), outcome.answeredAtNanos()));
            assertEquals(RuntimeApi.Outcome.INIT_ERROR, outcome.kind(), outcome.body());
            String message = JSON.readTree(outcome.body()).path("errorMessage").asText();
            assertFalse(message.contains("\n"), "one line: " + message);
            assertTrue(message.contains("/opt/lib/libvips-cpp.so.8.18.7") && message.contains("libstdc++.so.6: cannot open shared object file"), message);
            String log = String.join("\n", broken.sandbox().output());
            assertFalse(log.contains("NoClassDefFoundError") || log.contains("./imageopt test"), log);
            assertTrue(log.contains("libstdc++.so.6: cannot open shared object file"), log);
        }
    }

    private static void assertProblem(String path, int status, String type) throws Exception {
        JsonNode response = response(local.invoke(FunctionUrlEvents.get(path)));
        assertEquals(status, response.path("statusCode").asInt(), response.toString());
        assertEquals("application/problem+json", header(response, "content-type"));
        byte[] body = Base64.getDecoder().decode(response.path("body").asText());
        assertEquals("urn:imageopt:problem:" + type, JSON.readTree(body).path("type").asText());
    }

    /** A response header, by its name in any case (HTTP's rule; Lambda passes them as the function writes them). */
    private static String header(JsonNode response, String name) {
        var fields = response.path("headers").properties();
        return fields.stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().asText()).findFirst().orElse("");
    }

    private static JsonNode response(RuntimeApi.Outcome outcome) throws IOException {
        assertTrue(outcome.isResponse(), "a response, not " + outcome);
        return JSON.readTree(outcome.body());
    }

    /** Random pixels: incompressible, so the PNG is about width x height x 3 bytes. */
    static byte[] noisePng(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(12);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, random.nextInt(1 << 24));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A JPEG's start of image, then bytes no decoder can read. */
    static byte[] broken() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    static void copyWithout(Path zip, Path copy, String entryName) throws IOException {
        try (ZipFile in = new ZipFile(zip.toFile()); OutputStream file = Files.newOutputStream(copy); ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (entry.getName().equals(entryName)) continue;
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.getInputStream(entry).transferTo(out);
                out.closeEntry();
            }
        }
    }
}
