package imageopt.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the one S3 client of the process. Everything the SDK would otherwise discover at first
 * use is named up front (region, credentials chain, HTTP client), which is most of what its cold
 * start costs: no profile files read, no IMDS probe, no HTTP client found by classpath scan.
 */
public final class S3Clients {
    /** One whole call, retries included; below Lambda's timeout so an answer still goes out. */
    static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(15);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private S3Clients() {}

    /**
     * Credentials as Lambda hands them out: environment variables on an on-demand start, the
     * container endpoint after a SnapStart restore. Each call resolves them anew, so none are
     * captured in a snapshot.
     */
    public static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(false)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(), ContainerCredentialsProvider.create())
                .build();
    }

    /**
     * @param endpoint an S3-compatible endpoint (local edge, tests), addressed path-style; empty for AWS
     */
    public static S3Client create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        return create(region, endpoint, credentials, Apache5HttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .maxConnections(16)
                .build());
    }

    /** The same client on another HTTP client (the SnapStart rehearsal's canned one). */
    public static S3Client create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials, SdkHttpClient http) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(c -> c.apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }
}
