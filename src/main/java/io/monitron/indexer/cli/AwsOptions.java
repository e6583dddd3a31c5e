package io.monitron.indexer.cli;

import io.monitron.indexer.source.aws.AwsSettings;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How to reach AWS. Credentials are never options: the SDK's default chain (environment, shared config and
 * credentials files, SSO, web identity, container and instance roles), or the named profile.
 */
public final class AwsOptions {
    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "AWS profile (SSO profiles too); default: the default credentials chain.")
    String profile;

    @Option(
            names = "--role-arn",
            paramLabel = "ARN",
            description = "Assume this IAM role (e.g. in the log archive account).")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id the role's trust policy requires.")
    String externalId;

    @Option(
            names = "--aws-region",
            paramLabel = "REGION",
            description = "Region for AWS clients (default: from the environment or profile).")
    String region;

    @Option(
            names = "--s3-endpoint",
            paramLabel = "URL",
            description = "S3-compatible endpoint (MinIO, Ceph, a VPC endpoint).")
    URI s3Endpoint;

    @Option(names = "--s3-path-style", description = "Path-style S3 addressing (most S3-compatible stores need it).")
    boolean pathStyle;

    @Option(
            names = "--cloudtrail-endpoint",
            paramLabel = "URL",
            description = "CloudTrail endpoint override (VPC endpoints, tests).")
    URI cloudTrailEndpoint;

    AwsSettings settings() {
        return new AwsSettings(
                Optional.ofNullable(profile),
                Optional.ofNullable(roleArn),
                Optional.ofNullable(externalId),
                Optional.ofNullable(s3Endpoint),
                pathStyle,
                Optional.ofNullable(region),
                Optional.ofNullable(cloudTrailEndpoint));
    }

    /** Identifies whose Event History a run reads, for its state (no secrets: a profile name or role ARN). */
    String identity() {
        return roleArn != null ? roleArn : profile != null ? "profile:" + profile : "default-credentials";
    }
}
