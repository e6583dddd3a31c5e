package io.monitron.indexer.transform;

import java.util.HashMap;
import java.util.Map;

/**
 * What a Monitron API action does: which API it belongs to ({@code project} or {@code app}), the kind of resource it
 * touches, the operation, and its ECS categorization. The 27 known actions come from a table; an action the table
 * does not know yet is classified from its name ({@code CreateFoo} → create, resource {@code foo}) so a new Monitron
 * release is still indexed sensibly.
 *
 * @param action the action without the {@code AmazonMonitronApp:} prefix
 * @param api {@code project} or {@code app}
 * @param resourceType e.g. {@code site}; {@code null} when the name has no noun
 * @param operation e.g. {@code create}
 * @param known whether the action is one of the 27 in the table
 */
record MonitronAction(
        String action,
        String api,
        String resourceType,
        String operation,
        Categorization categorization,
        boolean known) {

    static final String APP_PREFIX = "AmazonMonitronApp:";
    static final String PROJECT_API = "project";
    static final String APP_API = "app";

    private static final Map<String, MonitronAction> KNOWN = new HashMap<>();

    static {
        project("CreateProject", "project", "create");
        project("UpdateProject", "project", "update");
        project("DeleteProject", "project", "delete");
        project("GetProject", "project", "get");
        project("ListProjects", "project", "list");
        project("AssociateProjectAdminUser", "project_admin_user", "associate");
        project("DisassociateProjectAdminUser", "project_admin_user", "disassociate");
        project("ListProjectAdminUsers", "project_admin_user", "list");
        project("GetProjectAdminUser", "project_admin_user", "get");
        project("TagResource", "tag", "tag");
        project("UntagResource", "tag", "untag");
        project("ListTagsForResource", "tag", "list");
        app("CreateSensor", "sensor", "create");
        app("UpdateSensor", "sensor", "update");
        app("DeleteSensor", "sensor", "delete");
        app("CreateGateway", "gateway", "create");
        app("DeleteGateway", "gateway", "delete");
        app("CreateSite", "site", "create");
        app("UpdateSite", "site", "update");
        app("DeleteSite", "site", "delete");
        app("CreateAsset", "asset", "create");
        app("UpdateAsset", "asset", "update");
        app("DeleteAsset", "asset", "delete");
        app("CreateAssetStateTransition", "asset_state", "transition");
        app("CreateUserAccessRoleAssociation", "user_access_role", "create");
        app("UpdateUserAccessRoleAssociation", "user_access_role", "update");
        app("DeleteUserAccessRoleAssociation", "user_access_role", "delete");
    }

    /** The 27 actions the table knows, by name. */
    static Map<String, MonitronAction> table() {
        return Map.copyOf(KNOWN);
    }

    /**
     * Classifies a Monitron eventName, with or without the {@code AmazonMonitronApp:} prefix. An unknown prefixed
     * name belongs to the app API, an unknown plain one to the project API.
     */
    static MonitronAction classify(String eventName) {
        boolean prefixed = eventName.startsWith(APP_PREFIX);
        String action = prefixed ? eventName.substring(APP_PREFIX.length()) : eventName;
        MonitronAction known = KNOWN.get(action);
        if (known != null) {
            return known;
        }
        ActionName name = ActionName.parse(action);
        String resource = name.resource();
        String operation = name.operation();
        String category = isAccessControl(resource) ? Categorization.IAM : Categorization.CONFIGURATION;
        return new MonitronAction(
                action,
                prefixed ? APP_API : PROJECT_API,
                resource,
                operation,
                Categorization.of(category, operation, null),
                false);
    }

    /** Strips the app prefix: {@code AmazonMonitronApp:CreateSite} → {@code CreateSite}. */
    static String withoutPrefix(String eventName) {
        return eventName.startsWith(APP_PREFIX) ? eventName.substring(APP_PREFIX.length()) : eventName;
    }

    private static boolean isAccessControl(String resource) {
        return resource != null
                && (resource.contains("user") || resource.contains("role") || resource.contains("admin"));
    }

    private static void project(String action, String resource, String operation) {
        add(action, PROJECT_API, resource, operation);
    }

    private static void app(String action, String resource, String operation) {
        add(action, APP_API, resource, operation);
    }

    private static void add(String action, String api, String resource, String operation) {
        Categorization categorization =
                switch (resource) {
                    // who may administer a project, and who may do what in it, are access-control changes
                    case "project_admin_user" -> Categorization.of(Categorization.IAM, operation, "admin");
                    case "user_access_role" -> Categorization.of(Categorization.IAM, operation, "user");
                    default -> Categorization.of(Categorization.CONFIGURATION, operation, null);
                };
        KNOWN.put(action, new MonitronAction(action, api, resource, operation, categorization, true));
    }
}
