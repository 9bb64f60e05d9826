package imageopt.transform;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QuickTest {
    @Test
    void quick() throws Exception {
        byte[] src = Files.readAllBytes(Path.of(System.getProperty("imageopt.corpus"), "calla.png"));
        ImageTransformer t = new ImageTransformer(Limits.DEFAULT, EncoderSettings.fast());
        for (String s : new String[] {"format=jpeg,width=300", "format=webp,width=300,height=300", "format=avif,width=300,height=100,fit=contain",
                "format=png,width=200,height=200,position=attention", "format=gif,width=100", "width=5000"}) {
            try {
                long t0 = System.nanoTime();
                TransformResult r = t.transform(src, TransformSpec.parse(s));
                System.out.println(s + " -> " + r.format() + " " + r.width() + "x" + r.height() + " " + r.bytes().length + " " + (System.nanoTime() - t0) / 1000000 + "ms");
            } catch (TransformException e) {
                System.out.println(s + " -> " + e.kind() + " " + e.getMessage());
            }
        }
        System.out.println(t.readHeader(src));
    }
}
