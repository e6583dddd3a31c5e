package io.monitron.indexer.source.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Builds the IAM Identity Center identity store client for {@code --resolve-identity-center-users}, with the same
 * credentials rules as {@link AwsClients} (the profile, else the default chain; with a role ARN, that role assumed)
 * and its retry strategy (throttling waits 1..20 s with jitter, 10 attempts). The identity store lives in the Identity
 * Center home region: {@code settings.region()}, else the profile's or environment's region. The caller closes the
 * client; credentials built for it (and, with a role, their STS client) live until the process ends, as one run's do.
 */
public final class IdentityStoreClients {
    private IdentityStoreClients() {}

    public static IdentitystoreClient create(AwsSettings settings) {
        AwsCredentialsProvider base = settings.profile()
                .<AwsCredentialsProvider>map(
                        p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Region region = Region.of(settings.region().orElseGet(() -> {
            DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
            settings.profile().ifPresent(chain::profileName);
            return chain.build().getRegion().id();
        }));
        AwsCredentialsProvider credentials = settings.roleArn()
                .<AwsCredentialsProvider>map(roleArn -> StsAssumeRoleCredentialsProvider.builder()
                        .stsClient(StsClient.builder()
                                .credentialsProvider(base)
                                .region(region)
                                .overrideConfiguration(overrides())
                                .build())
                        .refreshRequest(r -> {
                            r.roleArn(roleArn).roleSessionName(AwsClients.SESSION_NAME);
                            settings.externalId().ifPresent(r::externalId);
                        })
                        .build())
                .orElse(base);
        return create(region, credentials, Optional.empty());
    }

    /** A client with the given credentials, optionally against another endpoint (a local server in tests). */
    public static IdentitystoreClient create(
            Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        var builder = IdentitystoreClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(overrides());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(AwsClients.retryStrategy())
                .build();
    }
}
