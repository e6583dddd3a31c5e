package io.monitron.indexer.samples;

/** The 27 Amazon Monitron actions CloudTrail records, with the API each belongs to. */
enum MonitronAction {
    CREATE_PROJECT("CreateProject", false, false, 1.0),
    UPDATE_PROJECT("UpdateProject", false, false, 0.5),
    DELETE_PROJECT("DeleteProject", false, false, 0.3),
    GET_PROJECT("GetProject", false, true, 5),
    LIST_PROJECTS("ListProjects", false, true, 6),
    ASSOCIATE_PROJECT_ADMIN_USER("AssociateProjectAdminUser", false, false, 0.8),
    DISASSOCIATE_PROJECT_ADMIN_USER("DisassociateProjectAdminUser", false, false, 0.3),
    LIST_PROJECT_ADMIN_USERS("ListProjectAdminUsers", false, true, 2),
    GET_PROJECT_ADMIN_USER("GetProjectAdminUser", false, true, 1.5),
    TAG_RESOURCE("TagResource", false, false, 0.8),
    UNTAG_RESOURCE("UntagResource", false, false, 0.3),
    LIST_TAGS_FOR_RESOURCE("ListTagsForResource", false, true, 2),
    CREATE_SENSOR("CreateSensor", true, false, 3),
    UPDATE_SENSOR("UpdateSensor", true, false, 1),
    DELETE_SENSOR("DeleteSensor", true, false, 0.5),
    CREATE_GATEWAY("CreateGateway", true, false, 1),
    DELETE_GATEWAY("DeleteGateway", true, false, 0.3),
    CREATE_SITE("CreateSite", true, false, 1),
    UPDATE_SITE("UpdateSite", true, false, 0.5),
    DELETE_SITE("DeleteSite", true, false, 0.3),
    CREATE_ASSET("CreateAsset", true, false, 2.5),
    UPDATE_ASSET("UpdateAsset", true, false, 1),
    DELETE_ASSET("DeleteAsset", true, false, 0.4),
    CREATE_ASSET_STATE_TRANSITION("CreateAssetStateTransition", true, false, 6),
    CREATE_USER_ACCESS_ROLE_ASSOCIATION("CreateUserAccessRoleAssociation", true, false, 1),
    UPDATE_USER_ACCESS_ROLE_ASSOCIATION("UpdateUserAccessRoleAssociation", true, false, 0.5),
    DELETE_USER_ACCESS_ROLE_ASSOCIATION("DeleteUserAccessRoleAssociation", true, false, 0.3);

    /** The event name of app actions may carry this prefix. */
    static final String APP_PREFIX = "AmazonMonitronApp:";

    private final String eventName;
    private final boolean app;
    private final boolean readOnly;
    private final double weight;

    MonitronAction(String eventName, boolean app, boolean readOnly, double weight) {
        this.eventName = eventName;
        this.app = app;
        this.readOnly = readOnly;
        this.weight = weight;
    }

    /** The plain event name, without the app prefix. */
    String eventName() {
        return eventName;
    }

    boolean isApp() {
        return app;
    }

    boolean readOnly() {
        return readOnly;
    }

    /** How often the action happens relative to the others, when it is possible at all. */
    double weight() {
        return weight;
    }

    boolean creates() {
        return eventName.startsWith("Create") || eventName.startsWith("Associate") || this == TAG_RESOURCE;
    }

    boolean targetsExisting() {
        return !creates() && this != LIST_PROJECTS;
    }
}
