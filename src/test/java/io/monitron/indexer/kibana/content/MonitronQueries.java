package io.monitron.indexer.kibana.content;

/**
 * The conditions behind the saved searches and charts, in the KQL subset {@code KqlSubset} can execute. They select
 * by {@code event.action} (the fixed list of 27 Monitron actions) so they do not depend on how the transform
 * classifies events. Every one is scoped to Monitron ({@link #ALL}): with {@code --all-events} the index holds other
 * services' events too (half of the sample trail), which no Monitron panel may count.
 */
final class MonitronQueries {

    static final String ALL = "event.provider: \"monitron.amazonaws.com\"";
    static final String FAILED = monitron("event.outcome: failure");
    static final String ACCESS_DENIED =
            monitron("event.outcome: failure and error.code: (AccessDenied or AccessDeniedException)");
    static final String ROOT = monitron("aws.cloudtrail.user_identity.type: Root");

    /**
     * No MFA: the session does not say MFA was used (false, or no session context at all, as with access keys).
     * Calls AWS services make on a user's behalf carry no MFA flag and are left out.
     */
    static final String WITHOUT_MFA = monitron("not aws.cloudtrail.user_identity.session_context.mfa_authenticated:"
            + " true and not aws.cloudtrail.user_identity.type: (AWSService or IdentityCenterUser)");

    /**
     * Calls by IAM Identity Center users (the Monitron app's users). CloudTrail records no MFA flag for them: whether
     * they used MFA is Identity Center's sign-in policy, not something these events can show.
     */
    static final String IDENTITY_CENTER = monitron("aws.cloudtrail.user_identity.type: IdentityCenterUser");

    private static final String CHANGE = "not event.action: (GetProject or ListProjects or GetProjectAdminUser"
            + " or ListProjectAdminUsers or ListTagsForResource)";

    /** Every Monitron action except the five read-only ones. */
    static final String CHANGES = monitron(CHANGE);

    /**
     * Changes whose source address the GeoIP databases ({@code --geoip-db}) place, i.e. that have {@code field}:
     * public addresses the database knows. Without a database, or for private, reserved and service-name sources,
     * the field is absent, and the panel says so by counting only changes that have it (nothing drops out unseen).
     */
    static String changesWith(String field) {
        return monitron("(" + CHANGE + ") and " + field + ": *");
    }

    static final String PROJECT_LIFECYCLE = monitron("event.action: (CreateProject or UpdateProject or DeleteProject)");
    static final String PROJECT_DELETIONS = monitron("event.action: DeleteProject");
    static final String ROLE_CHANGES =
            monitron("event.action: (AssociateProjectAdminUser or DisassociateProjectAdminUser"
                    + " or CreateUserAccessRoleAssociation or UpdateUserAccessRoleAssociation"
                    + " or DeleteUserAccessRoleAssociation)");
    static final String RESOURCE_LIFECYCLE = monitron("event.action: (CreateSite or UpdateSite or DeleteSite"
            + " or CreateGateway or DeleteGateway or CreateSensor or UpdateSensor or DeleteSensor"
            + " or CreateAsset or UpdateAsset or DeleteAsset)");
    static final String CREATED_OR_DELETED = monitron("event.action: (CreateProject or DeleteProject or CreateSite"
            + " or DeleteSite or CreateGateway or DeleteGateway or CreateSensor or DeleteSensor"
            + " or CreateAsset or DeleteAsset)");
    static final String SENSORS_AND_GATEWAYS_ADDED_OR_REMOVED =
            monitron("event.action: (CreateSensor or DeleteSensor or CreateGateway or DeleteGateway)");
    static final String ASSET_STATE_TRANSITIONS = monitron("event.action: CreateAssetStateTransition");
    static final String TAG_CHANGES = monitron("event.action: (TagResource or UntagResource)");

    /** The condition, limited to Monitron events. */
    static String monitron(String condition) {
        return ALL + " and (" + condition + ")";
    }

    private MonitronQueries() {}
}
