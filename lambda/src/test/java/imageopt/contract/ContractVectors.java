package imageopt.contract;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

        /** The expectation as the oracle writes it: {@code {"uri"}} or {@code {"status":400,"reason"}}. */
        String expected() {
            return expectedUri() != null ? "uri " + expectedUri() : expect.getInt("status", 0) + " " + expectedReason();
        }

        UrlContract contract() {
            return ContractVectors.contract(config);
        }
    }

    /** The default clock of a case without NOW (contract/README.md). */
    static final long DEFAULT_NOW = 1750000000L;

    /** A twin configured as a case's {@code config} says: settings, the KeyValueStore's keys, the clock. */
    static UrlContract contract(JsonObject config) {
        List<Integer> widths = config.get("ALLOWED_WIDTHS") == null ? List.of()
                : config.get("ALLOWED_WIDTHS").asArray().values().stream().map(JsonValue::asInt).toList();
        JsonValue format = config.get("DEFAULT_FORMAT");
        EdgeConfig settings = new EdgeConfig(config.getInt("MAX_DIMENSION", 4096), widths,
                format == null || format.isNull() ? null : format.asString(), config.getBoolean("SIGNING", false));
        SigningKeys keys = SigningKeys.NONE;
        if (config.get("SIGNING_KEYS") != null) {
            Map<String, String> secrets = new HashMap<>();
            for (JsonObject.Member m : config.get("SIGNING_KEYS").asObject()) secrets.put(m.getName(), m.getValue().asString());
            keys = SigningKeys.of(secrets);
        }
        long now = config.get("NOW") == null ? DEFAULT_NOW : config.get("NOW").asLong();
        return new UrlContract(settings, keys, Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC));
    }

    /** An outcome written as {@link Case#expected()} writes an expectation. */
    static String describe(UrlContract.Outcome outcome) {
        return switch (outcome) {
            case UrlContract.Rewrite r -> "uri " + r.uri();
            case UrlContract.Refusal r -> "400 " + r.reason();
        };
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
