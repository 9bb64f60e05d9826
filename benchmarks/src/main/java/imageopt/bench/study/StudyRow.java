package imageopt.bench.study;

import imageopt.transform.OutputFormat;
import java.util.Collection;
import java.util.List;

/**
 * One encoder setting at one width over the whole corpus: bytes and CPU time summed over the
 * images (each image's median of the repeats), butteraugli 3-norm and ssimulacra as medians over
 * the images (lower is better). {@code sample} marks Sharp at the AWS sample's setting for that
 * format, the row every other row of the format and width is compared with.
 */
public record StudyRow(int width, OutputFormat format, String key, boolean sample, int images, long bytes, double cpuMs, double wallMs,
                       double butteraugli, double ssimulacra) {

    /** This row against the sample's row of its format and width. */
    public record Ratios(double bytes, double cpu, double wall, double butteraugli, double ssimulacra) {}

    public Ratios against(StudyRow base) {
        if (base.format != format || base.width != width) {
            throw new IllegalArgumentException(key + " at " + width + " compared with " + base.key + " at " + base.width);
        }
        return new Ratios((double) bytes / base.bytes, cpuMs / base.cpuMs, wallMs / base.wallMs, butteraugli / base.butteraugli,
                ssimulacra / base.ssimulacra);
    }

    /** The sample's row for a format and width. */
    public static StudyRow sampleOf(Collection<StudyRow> rows, OutputFormat format, int width) {
        List<StudyRow> found = rows.stream().filter(r -> r.sample && r.format == format && r.width == width).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one row of Sharp at the AWS sample's " + format.token() + " setting at " + width
                    + " px, found " + found.size());
        }
        return found.getFirst();
    }
}
