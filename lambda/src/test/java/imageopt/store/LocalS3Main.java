package imageopt.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * S3Proxy in a process of its own, for the measurement scripts (so that the measured JVM loads
 * none of the SDK classes S3Proxy uses): buckets "originals" and "variants", the given files
 * uploaded under their names, the endpoint printed on one line; runs until stdin closes.
 */
public final class LocalS3Main {
    public static void main(String[] args) throws Exception {
        try (LocalS3 s3 = LocalS3.start()) {
            s3.createBucket("originals");
            s3.createBucket("variants");
            for (String file : args) {
                Path p = Path.of(file);
                s3.put("originals", p.getFileName().toString(), Files.readAllBytes(p), "image/jpeg");
            }
            System.out.println(s3.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our stdin
            }
        }
    }
}
