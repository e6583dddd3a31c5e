package io.monitron.indexer.source.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the AWS clients of one run from {@link AwsSettings}: one S3 client, one CloudTrail client per region, one SQS
 * client, all
 * sharing one Apache HTTP client and one credentials provider. Clients are created on first use and are thread-safe;
 * {@link #close()} closes them all, so the sources that use them do not close them.
 *
 * <p>Credentials: the named profile (which may be an SSO profile) or else the SDK's default chain; with a role ARN,
 * those base credentials assume the role through STS (session name {@value #SESSION_NAME}, refreshed before it
 * expires). Credentials never appear in messages: the SDK's own exceptions do not carry them and ours name only the
 * profile or role.
 *
 * <p>Retries: every call uses the SDK's standard retry strategy with {@value #MAX_ATTEMPTS} attempts; throttling
 * ({@code SlowDown}, {@code ThrottlingException}, HTTP 429/503) waits an exponential delay with half jitter from 1 s
 * up to 20 s, so even the first retry waits at least half a second; other retryable failures (5xx, connection resets,
 * timeouts) wait an exponential delay with full jitter from 100 ms up to 20 s. The strategy's retry quota (circuit
 * breaker) is off: a batch run that meets sustained throttling should slow down and carry on, not fail fast.
 */
public final class AwsClients implements AutoCloseable {
    /** The STS session name, visible in the role's own CloudTrail events. */
    public static final String SESSION_NAME = "monitron-cloudtrail-indexer";

    static final int MAX_ATTEMPTS = 10;
    private static final String FALLBACK_REGION = "us-east-1";
    /** {@code https://sqs.REGION.amazonaws.com[.cn]/ACCOUNT/NAME}, and the legacy {@code REGION.queue.amazonaws.com}. */
    private static final Pattern SQS_HOST =
            Pattern.compile("(?:sqs\\.([a-z0-9-]+)|([a-z0-9-]+)\\.queue)\\.amazonaws\\.com(?:\\.cn)?");

    private final AwsSettings settings;
    private final AwsCredentialsProvider baseCredentials;
    private final boolean ownsBaseCredentials;
    private final List<ExecutionInterceptor> interceptors;
    private final Region region;
    private final SdkHttpClient http;
    private final Map<String, CloudTrailClient> cloudTrail = new ConcurrentHashMap<>();
    private StsClient sts;
    private AwsCredentialsProvider credentials;
    private S3Client s3;
    private SqsClient sqs;

    private AwsClients(
            AwsSettings settings,
            AwsCredentialsProvider baseCredentials,
            boolean ownsBaseCredentials,
            List<ExecutionInterceptor> interceptors) {
        this.settings = settings;
        this.baseCredentials = baseCredentials;
        this.ownsBaseCredentials = ownsBaseCredentials;
        this.interceptors = List.copyOf(interceptors);
        this.region = Region.of(settings.region().orElseGet(() -> detectRegion(settings)));
        this.http = ApacheHttpClient.builder()
                // S3 downloads ahead of the readers (up to 192), listings and the readers themselves share it
                .maxConnections(256)
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** Clients with credentials from the profile in {@code settings} or from the default chain. */
    public static AwsClients create(AwsSettings settings) {
        AwsCredentialsProvider base = settings.profile()
                .<AwsCredentialsProvider>map(
                        p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        return new AwsClients(settings, base, true, List.of());
    }

    /**
     * Clients with the given base credentials (a role in {@code settings} is still assumed with them) and extra
     * interceptors on every client: for tests, and for embedding the indexer in a program with its own credentials.
     * The caller keeps ownership of {@code baseCredentials}.
     */
    public static AwsClients create(
            AwsSettings settings, AwsCredentialsProvider baseCredentials, List<ExecutionInterceptor> interceptors) {
        return new AwsClients(settings, baseCredentials, false, interceptors);
    }

    /** The region used for STS and as the S3 client's starting region. */
    public String region() {
        return region.id();
    }

    /**
     * The S3 client. Against AWS it follows each bucket to its own region (the SDK's cross-region access: a request
     * answered with the bucket's region is sent again there, and the region is remembered per bucket). With an
     * endpoint it talks to that endpoint only, path-style if asked, and sends checksum headers only where S3 requires
     * them (many S3-compatible stores answer 501 to the SDK's default {@code x-amz-checksum-mode}).
     */
    public synchronized S3Client s3() {
        if (s3 == null) {
            var builder = S3Client.builder()
                    .httpClient(http)
                    .credentialsProvider(credentials())
                    .region(region)
                    .overrideConfiguration(overrides())
                    .forcePathStyle(settings.pathStyle());
            settings.s3Endpoint()
                    .ifPresentOrElse(
                            endpoint -> builder.endpointOverride(endpoint)
                                    // S3-compatible stores often reject the flexible-checksum headers the SDK sends
                                    // by default (x-amz-checksum-mode); S3 itself is still checked by Content-MD5/ETag
                                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED),
                            () -> builder.crossRegionAccessEnabled(true));
            s3 = builder.build();
        }
        return s3;
    }

    /** The CloudTrail client of {@code region}: Event History is kept per region. */
    public CloudTrailClient cloudTrail(String region) {
        return cloudTrail.computeIfAbsent(region, r -> {
            var builder = CloudTrailClient.builder()
                    .httpClient(http)
                    .credentialsProvider(credentials())
                    .region(Region.of(r))
                    .overrideConfiguration(overrides());
            settings.cloudTrailEndpoint().ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    /**
     * The SQS client for {@code queueUrl} (the first call decides; a run reads one queue). Its region is the one in
     * the settings, else the one in an AWS queue URL ({@code https://sqs.eu-west-1.amazonaws.com/...}), else the
     * detected one; with {@link AwsSettings#sqsEndpoint()} it talks to that endpoint only (ElasticMQ, VPC endpoints).
     */
    public synchronized SqsClient sqs(String queueUrl) {
        if (sqs == null) {
            Region sqsRegion = settings.region()
                    .or(() -> regionOfQueue(queueUrl))
                    .map(Region::of)
                    .orElse(region);
            var builder = SqsClient.builder()
                    .httpClient(http)
                    .credentialsProvider(credentials())
                    .region(sqsRegion)
                    .overrideConfiguration(overrides());
            settings.sqsEndpoint().ifPresent(builder::endpointOverride);
            sqs = builder.build();
        }
        return sqs;
    }

    /** The region named by an AWS queue URL's host; empty for other hosts (ElasticMQ, VPC endpoint names). */
    static Optional<String> regionOfQueue(String queueUrl) {
        try {
            String host = URI.create(queueUrl).getHost();
            Matcher m = host == null ? null : SQS_HOST.matcher(host);
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private synchronized AwsCredentialsProvider credentials() {
        if (credentials == null) {
            credentials = settings.roleArn().isEmpty()
                    ? baseCredentials
                    : assumeRole(settings.roleArn().get());
        }
        return credentials;
    }

    private AwsCredentialsProvider assumeRole(String roleArn) {
        sts = StsClient.builder()
                .httpClient(http)
                .credentialsProvider(baseCredentials)
                .region(region)
                .overrideConfiguration(overrides())
                .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> {
                    r.roleArn(roleArn).roleSessionName(SESSION_NAME);
                    settings.externalId().ifPresent(r::externalId);
                })
                .build();
    }

    private ClientOverrideConfiguration overrides() {
        ClientOverrideConfiguration.Builder builder =
                ClientOverrideConfiguration.builder().retryStrategy(retryStrategy());
        interceptors.forEach(builder::addExecutionInterceptor);
        return builder.build();
    }

    /** See the class comment; one strategy per client, as the SDK expects. */
    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .circuitBreakerEnabled(false)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelayHalfJitter(Duration.ofSeconds(1), Duration.ofSeconds(20)))
                .build();
    }

    private static String detectRegion(AwsSettings settings) {
        try {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            settings.profile().ifPresent(chain::profileName);
            return chain.build().getRegion().id();
        } catch (SdkClientException e) {
            return FALLBACK_REGION;
        }
    }

    @Override
    public void close() {
        cloudTrail.values().forEach(SdkAutoCloseable::close);
        synchronized (this) {
            if (s3 != null) {
                s3.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            if (credentials instanceof SdkAutoCloseable closeable && credentials != baseCredentials) {
                closeable.close();
            }
            if (sts != null) {
                sts.close();
            }
        }
        if (ownsBaseCredentials && baseCredentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
        http.close();
    }
}
