package imageopt.contract;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** contract/url-vectors.json, read as its README's schema describes it. */
final class ContractVectors {
    /** One case; {@code config} is an empty object when the case gives none. */
    record Case(String name, String path, String rawQuery, String accept, JsonObject config, JsonObject expect) {
        String expectedUri() {
            return expect.getString("uri", null);
        }

        String expectedReason() {
            return expect.getString("reason", null);
        }
    }

    private ContractVectors() {
    }

    /** The repository root: the lambda pom's {@code imageopt.root}, or found from the working directory. */
    static Path root() {
        String property = System.getProperty("imageopt.root");
        if (property != null && Files.isRegularFile(Path.of(property, "contract", "url-vectors.json"))) {
            return Path.of(property);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("contract/url-vectors.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("contract/url-vectors.json not found (imageopt.root=" + property + ")");
    }

    static List<Case> cases() {
        try {
            String text = Files.readString(root().resolve("contract/url-vectors.json"), StandardCharsets.UTF_8);
            return Json.parse(text).asObject().get("cases").asArray().values().stream().map(v -> {
                JsonObject c = v.asObject();
                JsonValue config = c.get("config");
                return new Case(c.getString("name", null), c.getString("path", null), string(c.get("rawQuery")),
                        string(c.get("accept")), config == null ? new JsonObject() : config.asObject(), c.get("expect").asObject());
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String string(JsonValue value) {
        return value == null || value.isNull() ? null : value.asString();
    }
}
