package imageopt.bench.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import imageopt.bench.advisor.Prices.Arch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PricesTest {
    static final Prices PRICES = Prices.parse("""
            {"date": "2026-11-22", "region": "us-east-1",
             "lambda": {"x86_64PerGbSecond": 0.0000166667, "arm64PerGbSecond": 0.0000133334, "perMillionRequests": 0.20},
             "s3": {"getPerThousandRequests": 0.0004, "putPerThousandRequests": 0.005}}""");

    @Test
    void readsThePriceFile() {
        assertEquals("2026-11-22", PRICES.date());
        assertEquals(0.2e-6, PRICES.perRequest(), 1e-15);
        assertEquals(0.4e-6, PRICES.s3GetPerRequest(), 1e-15);
        assertEquals(5e-6, PRICES.s3PutPerRequest(), 1e-15);
    }

    @Test
    void theShippedPriceFileParsesAndIsDated() {
        Prices shipped = Prices.load(Path.of("prices.json"));
        assertEquals(0.0000166667, shipped.x86PerGbSecond(), 1e-12);
        assertEquals(0.0000133334, shipped.arm64PerGbSecond(), 1e-12);
        assertEquals(true, shipped.date().matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void oneGbSecondPlusOneRequestAndOneMiss() {
        // 1,000 ms at 1,024 MB is exactly one GB-second
        assertEquals(0.0000166667, PRICES.compute(Arch.X86_64, 1024, 1000), 1e-15);
        assertEquals(0.0000133334, PRICES.compute(Arch.ARM64, 1024, 1000), 1e-15);
        assertEquals(0.0000166667 + 0.2e-6 + 0.4e-6 + 5e-6, PRICES.perTransform(Arch.X86_64, 1024, 1000), 1e-15);
    }

    @Test
    void durationIsBilledInWholeMilliseconds() {
        assertEquals(PRICES.compute(Arch.X86_64, 2048, 2), PRICES.compute(Arch.X86_64, 2048, 1.01), 0);
        assertEquals(2 * 0.0000166667 * 2 / 1000, PRICES.compute(Arch.X86_64, 2048, 2), 1e-15);
    }
}
