package imageopt.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the synthesized cloud assembly would upload: the built artifacts, byte for byte. */
class AssetsTest {

    @Test
    void theFunctionsCodeIsTheLambdaModulesZip() throws IOException {
        Synth.Result synth = Variants.DEFAULTS.synth();
        Path asset = asset(synth, code(DefaultDeploymentTest.originFunction()));
        assertArrayEquals(Files.readAllBytes(Artifacts.root().resolve(Artifacts.LAMBDA_ZIP)), Files.readAllBytes(asset));
        try (ZipFile zip = new ZipFile(asset.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).filter(name -> !name.endsWith("/")).toList();
            assertTrue(names.stream().allMatch(name -> name.startsWith("lib/") && name.endsWith(".jar")), names.toString());
            assertTrue(names.stream().anyMatch(name -> name.startsWith("lib/lambda-")), names.toString());
        }
    }

    @Test
    void theLayerHoldsLibvipsForX86() throws IOException {
        assertLayer(Variants.DEFAULTS.synth(), "x86_64");
    }

    @Test
    void theLayerHoldsLibvipsForArm64() throws IOException {
        assertLayer(Variants.ARM64.synth(), "arm64");
    }

    @Test
    void theSamplesSeedTheOriginals() throws IOException {
        Synth.Result synth = Variants.DEFAULTS.synth();
        Map<String, Object> deployment = synth.only("Custom::CDKBucketDeployment");
        @SuppressWarnings("unchecked")
        String key = ((List<Object>) deployment.get("SourceObjectKeys")).getFirst().toString();
        Path directory = synth.outdir().resolve("asset." + key.replace(".zip", ""));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(Artifacts.sampleImages(), files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }

    private static void assertLayer(Synth.Result synth, String architecture) throws IOException {
        Map<String, Object> layer = synth.all("AWS::Lambda::LayerVersion").stream()
            .filter(candidate -> String.valueOf(candidate.get("CompatibleRuntimes")).contains("java25")).findFirst().orElseThrow();
        Path asset = asset(synth, layer.get("Content"));
        assertArrayEquals(Files.readAllBytes(Artifacts.root().resolve(Artifacts.layerZip(architecture))), Files.readAllBytes(asset));
        try (ZipFile zip = new ZipFile(asset.toFile())) {
            ZipEntry library = zip.getEntry(Artifacts.LIBVIPS_FILE);
            assertTrue(library != null && library.getSize() > 10_000_000, "the layer holds " + Artifacts.LIBVIPS_FILE);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object code(Map<String, Object> function) {
        return function.get("Code");
    }

    /** The staged file behind an S3Key (`<hash>.zip`), as `cdk deploy` would upload it. */
    @SuppressWarnings("unchecked")
    private static Path asset(Synth.Result synth, Object location) {
        String key = ((Map<String, Object>) location).get("S3Key").toString();
        Path file = synth.outdir().resolve("asset." + key);
        assertTrue(Files.isRegularFile(file), file + " was staged");
        return file;
    }
}
