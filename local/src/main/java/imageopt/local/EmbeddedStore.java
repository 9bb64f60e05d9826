package imageopt.local;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * The embedded S3-compatible store: S3Proxy on loopback, its filesystem back-end keeping each
 * bucket as a directory under {@code DATA/s3} and each object as a file. The SDK talks to it
 * signed (V4) with fixed local credentials, exactly as it talks to S3 in Lambda.
 *
 * <p>S3Proxy keeps Content-Type, Cache-Control and user metadata in extended file attributes and
 * silently drops them where the filesystem has none, which would make every stored variant lose
 * its headers. So the directory is checked before the store starts: an attribute is written and
 * read back, and start-up fails with a message naming the directory if it does not round-trip.
 */
public final class EmbeddedStore implements AutoCloseable {
    public static final String ACCESS_KEY = "imageopt-local";
    public static final String SECRET_KEY = "imageopt-local-secret";

    private final S3Proxy proxy;
    private final URI endpoint;
    private final Path root;

    private EmbeddedStore(S3Proxy proxy, URI endpoint, Path root) {
        this.proxy = proxy;
        this.endpoint = endpoint;
        this.root = root;
    }

    /** Starts the store on a free loopback port, its buckets under {@code dataDir/s3}. */
    public static EmbeddedStore start(Path dataDir) {
        Path root = dataDir.resolve("s3").toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LocalConfig.BadSetting("cannot create the data directory " + root + ": " + e.getMessage());
        }
        if (!Files.isWritable(root)) throw new LocalConfig.BadSetting("the data directory " + root + " is not writable");
        checkExtendedAttributes(root);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // S3Proxy 4.x refuses x-amz-* headers it does not know with 501 unless told; among them
                // x-amz-security-token, which the SDK sends (signed) with Lambda's temporary credentials
                .ignoreUnknownHeaders(true)
                .stopTimeout(5_000)
                .build();
        try {
            proxy.start();
            long until = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > until) throw new IllegalStateException("S3Proxy did not start within 10 s: " + proxy.getState());
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the embedded S3 store did not start: " + e, e);
        }
        return new EmbeddedStore(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), root);
    }

    /**
     * Writes a user attribute on a scratch file in {@code dir} and reads it back: the filesystem
     * must keep what S3Proxy stores there (Content-Type, Cache-Control, user metadata).
     */
    static void checkExtendedAttributes(Path dir) {
        Path probe = dir.resolve(".imageopt-xattr-check");
        String expected = "image/avif; max-age=31622400";
        try {
            Files.write(probe, new byte[0]);
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) throw new IOException("no user-defined file attributes");
            view.write("imageopt-check", StandardCharsets.UTF_8.encode(expected));
            ByteBuffer buf = ByteBuffer.allocate(view.size("imageopt-check"));
            view.read("imageopt-check", buf);
            String got = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            if (!expected.equals(got)) throw new IOException("read back '" + got + "'");
        } catch (IOException | UnsupportedOperationException e) {
            throw new LocalConfig.BadSetting("the data directory " + dir + " is on a filesystem without extended attributes ("
                    + e.getMessage() + "); the embedded store keeps Content-Type and Cache-Control there: "
                    + "use --data on ext4, xfs or btrfs, or --s3-endpoint");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // a leftover empty probe is harmless
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            System.err.println("imageopt local: the embedded store did not stop cleanly: " + e);
        }
    }
}
