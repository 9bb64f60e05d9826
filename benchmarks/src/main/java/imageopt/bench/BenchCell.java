package imageopt.bench;

import imageopt.transform.ImageTransformer;
import imageopt.transform.Limits;
import imageopt.transform.TransformResult;
import imageopt.transform.TransformSpec;
import java.time.Duration;

/**
 * One benchmark cell made ready: the source's bytes, the spec and an engine with the encoder's
 * settings. Shared by the JMH benchmarks so each prepares a cell the same way.
 */
record BenchCell(byte[] bytes, TransformSpec spec, ImageTransformer engine) {
    /** Generous: a busy machine must not turn a slow cell into a failed one. */
    static final Duration BENCH_BUDGET = Duration.ofMinutes(10);

    static BenchCell prepare(String encoder, String source, int width) {
        EncoderChoice choice = EncoderChoice.parse(encoder);
        return new BenchCell(Corpus.read(source), TransformSpec.parse(choice.spec(width)),
                new ImageTransformer(Limits.DEFAULT.withTimeBudget(BENCH_BUDGET), choice.settings()));
    }

    TransformResult transform() {
        return engine.transform(bytes, spec);
    }
}
