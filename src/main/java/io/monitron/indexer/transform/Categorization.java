package io.monitron.indexer.transform;

import java.util.List;

/**
 * ECS {@code event.category} and {@code event.type} values for an event. Only values ECS allows for the category are
 * used: {@code configuration} takes access/change/creation/deletion/info, {@code iam} takes
 * admin/change/creation/deletion/group/info/user, {@code authentication} takes start/end/info, {@code session} takes
 * start/end/info.
 */
record Categorization(List<String> categories, List<String> types) {
    static final String CONFIGURATION = "configuration";
    static final String IAM = "iam";
    static final String AUTHENTICATION = "authentication";
    static final String SESSION = "session";

    static final Categorization INFO_ONLY = new Categorization(List.of(), List.of("info"));

    /**
     * The category's type for an operation ({@code create}, {@code get} ...), plus {@code extraType} when not null.
     */
    static Categorization of(String category, String operation, String extraType) {
        String type = typeFor(category, operation);
        List<String> types = extraType == null ? List.of(type) : List.of(extraType, type);
        return new Categorization(List.of(category), types);
    }

    private static String typeFor(String category, String operation) {
        return switch (operation == null ? "" : operation) {
            case "create" -> "creation";
            case "delete" -> "deletion";
            case "update", "associate", "disassociate", "tag", "untag", "transition" -> "change";
            // configuration reads are accesses; iam has no "access" type, its reads are "info"
            case "get", "list" -> category.equals(CONFIGURATION) ? "access" : "info";
            default -> "info";
        };
    }

    /**
     * For events of other services (kept with --all-events): the verb of the action gives the type when it is a
     * known one; identity services are {@code iam}, console sign-in is {@code authentication}; otherwise only
     * {@code event.type: [info]}.
     */
    static Categorization forOtherService(String eventSource, String action) {
        if ("signin.amazonaws.com".equals(eventSource) || isCredentialIssue(eventSource, action)) {
            return new Categorization(List.of(AUTHENTICATION), List.of("start"));
        }
        if ("ssm.amazonaws.com".equals(eventSource) && action != null) {
            switch (action) {
                case "StartSession", "ResumeSession" -> {
                    return new Categorization(List.of(SESSION), List.of("start"));
                }
                case "TerminateSession" -> {
                    return new Categorization(List.of(SESSION), List.of("end"));
                }
                default -> {
                    // other Systems Manager calls are classified by their verb below
                }
            }
        }
        ActionName name = ActionName.parse(action);
        String operation = name.operation();
        if (!isKnownOperation(operation)) {
            return INFO_ONLY;
        }
        String category = isIdentityService(eventSource) ? IAM : CONFIGURATION;
        return of(category, operation, null);
    }

    /**
     * STS calls that hand out credentials start an authenticated session: {@code AssumeRole},
     * {@code AssumeRoleWithSAML}, {@code AssumeRoleWithWebIdentity}, {@code AssumeRoot}, {@code GetSessionToken},
     * {@code GetFederationToken}.
     */
    private static boolean isCredentialIssue(String eventSource, String action) {
        return "sts.amazonaws.com".equals(eventSource)
                && action != null
                && (action.startsWith("AssumeRole")
                        || action.equals("AssumeRoot")
                        || action.equals("GetSessionToken")
                        || action.equals("GetFederationToken"));
    }

    private static boolean isKnownOperation(String operation) {
        return switch (operation) {
            case "create", "update", "delete", "get", "list", "associate", "disassociate", "tag", "untag" -> true;
            default -> false;
        };
    }

    private static boolean isIdentityService(String eventSource) {
        return eventSource != null
                && (eventSource.equals("iam.amazonaws.com")
                        || eventSource.equals("sts.amazonaws.com")
                        || eventSource.equals("sso.amazonaws.com")
                        || eventSource.equals("sso-directory.amazonaws.com")
                        || eventSource.equals("identitystore.amazonaws.com"));
    }
}
