import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One fresh JVM, one HTTP client: how long the S3 client takes to build, to answer its first
 * GetObject and its second, and how many classes that loads. args: client endpoint key
 */
public final class HttpClientColdStart {
    public static void main(String[] args) throws Exception {
        String client = args[0];
        URI endpoint = URI.create(args[1]);
        String key = args[2];
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("imageopt-test", "imageopt-test-secret"));
        long t0 = System.nanoTime();
        Runnable get;
        AutoCloseable closer;
        if (client.equals("netty")) {
            S3AsyncClient s3 = S3AsyncClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                    .endpointOverride(endpoint).forcePathStyle(true).httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
            get = () -> s3.getObject(b -> b.bucket("originals").key(key), AsyncResponseTransformer.toBytes()).join().asByteArray();
            closer = s3;
        } else {
            var builder = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                    .endpointOverride(endpoint).forcePathStyle(true);
            switch (client) {
                case "apache5" -> builder.httpClientBuilder(Apache5HttpClient.builder());
                case "apache" -> builder.httpClientBuilder(ApacheHttpClient.builder());
                case "crt" -> builder.httpClientBuilder(AwsCrtHttpClient.builder());
                default -> throw new IllegalArgumentException(client);
            }
            S3Client s3 = builder.build();
            get = () -> s3.getObjectAsBytes(b -> b.bucket("originals").key(key)).asByteArray();
            closer = s3;
        }
        long built = System.nanoTime();
        get.run();
        long first = System.nanoTime();
        get.run();
        long second = System.nanoTime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        System.out.printf(Locale.ROOT, "%s build=%.1f first=%.1f second=%.1f classes=%d%n", client,
                (built - t0) / 1e6, (first - built) / 1e6, (second - first) / 1e6, classes);
        closer.close();
        System.exit(0); // CRT and Netty keep non-daemon threads
    }
}
