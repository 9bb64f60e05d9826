package imageopt.bench.advisor;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The price file (benchmarks/prices.json): one region, one date, USD.
 * Lambda per GB-second for x86_64 and arm64 and per request; S3 GET (the original) and PUT (the
 * variant) per request, each paid once per cache miss, i.e. once per transform.
 */
public record Prices(String date, String region, String source, double x86PerGbSecond, double arm64PerGbSecond,
                     double perRequest, double s3GetPerRequest, double s3PutPerRequest) {

    public enum Arch {
        X86_64("x86_64"), ARM64("arm64");
        public final String label;
        Arch(String label) { this.label = label; }
    }

    public double perGbSecond(Arch arch) {
        return arch == Arch.X86_64 ? x86PerGbSecond : arm64PerGbSecond;
    }

    public static Prices load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Prices parse(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        JsonObject lambda = o.getAsJsonObject("lambda");
        JsonObject s3 = o.getAsJsonObject("s3");
        return new Prices(o.get("date").getAsString(), o.get("region").getAsString(), o.has("source") ? o.get("source").getAsString() : "",
                lambda.get("x86_64PerGbSecond").getAsDouble(), lambda.get("arm64PerGbSecond").getAsDouble(),
                lambda.get("perMillionRequests").getAsDouble() / 1e6,
                s3.get("getPerThousandRequests").getAsDouble() / 1e3, s3.get("putPerThousandRequests").getAsDouble() / 1e3);
    }

    /**
     * One transform's cost: Lambda duration (billed in whole milliseconds) x memory in GB
     * (MB / 1024) x the GB-second price, plus one Lambda request, one S3 GET and one S3 PUT.
     */
    public double perTransform(Arch arch, int memoryMb, double durationMs) {
        return compute(arch, memoryMb, durationMs) + perRequest + s3GetPerRequest + s3PutPerRequest;
    }

    /** The Lambda duration part alone. */
    public double compute(Arch arch, int memoryMb, double durationMs) {
        double billedSeconds = Math.ceil(durationMs) / 1000.0;
        return billedSeconds * (memoryMb / 1024.0) * perGbSecond(arch);
    }
}
