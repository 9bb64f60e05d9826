import imageopt.transform.ImageTransformer;
import imageopt.transform.TransformSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/** args: in out width: a JPEG of that width, for the measurements' original. */
public final class ResizeSample {
    public static void main(String[] a) throws Exception {
        byte[] out = new ImageTransformer().transform(Files.readAllBytes(Path.of(a[0])), TransformSpec.parse("format=jpeg,width=" + a[2])).bytes();
        Files.write(Path.of(a[1]), out);
    }
}
