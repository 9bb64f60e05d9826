package imageopt.store;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A real S3 API on loopback for tests: S3Proxy over an in-memory store, with SigV4 checked, and
 * switches that make it fail the way S3 can (a bucket that refuses writes, internal errors).
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "imageopt-test";
    public static final String SECRET_KEY = "imageopt-test-secret";
    public static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));

    private final S3Proxy proxy;
    private final Faults faults;
    private final S3Client client;

    private LocalS3(S3Proxy proxy, Faults faults) {
        this.proxy = proxy;
        this.faults = faults;
        this.client = S3Clients.create("us-east-1", Optional.of(endpoint()), CREDENTIALS);
    }

    public static LocalS3 start() {
        try {
            Faults faults = new Faults(new TransientNio2BlobStore());
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(faults)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // Lambda's credentials are temporary: the SDK sends x-amz-security-token (signed),
                    // which S3Proxy otherwise refuses with 501; this is its 4.x switch for that
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(5);
            }
            return new LocalS3(proxy, faults);
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public S3Client client() {
        return client;
    }

    public Faults faults() {
        return faults;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    public PutObjectResponse put(String bucket, String key, byte[] bytes, String contentType) {
        return client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType(contentType).build(), RequestBody.fromBytes(bytes));
    }

    public ResponseInputStream<GetObjectResponse> get(String bucket, String key) {
        return client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
    }

    public boolean exists(String bucket, String key) {
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        }
    }

    /** Stops the server: every later call is refused at the TCP level, as for a store that is down. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        if (!proxy.getState().equals("STOPPED")) {
            stop();
        }
    }

    /** The in-memory store, with switches for the failures tests need. */
    public static final class Faults extends ForwardingBlobStore {
        /** PUT answered 403 AccessDenied, as a bucket policy denying writes does. */
        public final AtomicBoolean refusePuts = new AtomicBoolean();
        /** GET answered 500 InternalError, as S3 does now and then (the SDK retries, then gives up). */
        public final AtomicBoolean failGets = new AtomicBoolean();

        Faults(org.gaul.s3proxy.blobstore.BlobStore delegate) {
            super(delegate);
        }

        @Override
        public PutObjectResponse putBlob(PutObjectRequest request, InputStream body) {
            if (refusePuts.get()) {
                throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED);
            }
            return super.putBlob(request, body);
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
            if (failGets.get()) {
                throw new S3ProxyException(S3ErrorCode.INTERNAL_ERROR);
            }
            return super.getBlob(request);
        }
    }
}
