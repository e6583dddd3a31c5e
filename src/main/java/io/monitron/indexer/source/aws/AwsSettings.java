package io.monitron.indexer.source.aws;

import io.monitron.indexer.config.ConfigException;
import java.net.URI;
import java.util.Optional;

/**
 * How to reach AWS: whose credentials, which role, which endpoints. Holds no secrets itself: credentials come from
 * the default chain or the named profile, never from these settings.
 *
 * @param profile a profile from {@code ~/.aws/config} / {@code credentials} (SSO profiles included); empty for the
 *     default credentials chain (environment, system properties, web identity, profile, SSO, container, instance role)
 * @param roleArn a role to assume through STS with the base credentials; empty to use them directly
 * @param externalId the external id the role's trust policy asks for; only with {@code roleArn}
 * @param s3Endpoint an S3-compatible endpoint (MinIO, Ceph, a VPC endpoint); empty for AWS S3
 * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}; most
 *     S3-compatible stores need it
 * @param region the region for clients that need one (STS, S3 with an endpoint); empty to detect it from the
 *     environment and profile, falling back to us-east-1 (S3 finds each bucket's own region by itself)
 * @param cloudTrailEndpoint a CloudTrail endpoint override (tests, VPC endpoints); empty for AWS
 * @param sqsEndpoint an SQS endpoint override (ElasticMQ in tests, VPC endpoints); empty for AWS
 */
public record AwsSettings(
        Optional<String> profile,
        Optional<String> roleArn,
        Optional<String> externalId,
        Optional<URI> s3Endpoint,
        boolean pathStyle,
        Optional<String> region,
        Optional<URI> cloudTrailEndpoint,
        Optional<URI> sqsEndpoint) {
    public AwsSettings {
        if (externalId.isPresent() && roleArn.isEmpty()) {
            throw new ConfigException("--external-id needs --role-arn");
        }
    }

    /** Settings without an SQS endpoint override (AWS's own SQS endpoint). */
    public AwsSettings(
            Optional<String> profile,
            Optional<String> roleArn,
            Optional<String> externalId,
            Optional<URI> s3Endpoint,
            boolean pathStyle,
            Optional<String> region,
            Optional<URI> cloudTrailEndpoint) {
        this(profile, roleArn, externalId, s3Endpoint, pathStyle, region, cloudTrailEndpoint, Optional.empty());
    }

    /** These settings with SQS reached at {@code endpoint} ({@code --sqs-endpoint}). */
    public AwsSettings withSqsEndpoint(Optional<URI> endpoint) {
        return new AwsSettings(
                profile, roleArn, externalId, s3Endpoint, pathStyle, region, cloudTrailEndpoint, endpoint);
    }

    /** Default chain, AWS endpoints, detected region. */
    public static AwsSettings defaults() {
        return new AwsSettings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
