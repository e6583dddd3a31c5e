package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The alerting rules {@code setup --kibana-url} creates: Elasticsearch query rules over the events indices, each on
 * Monitron events only. Their window is on {@code event.ingested}, not on the event time: CloudTrail delivers events
 * 5 to 15 minutes after they happen, so a window on {@code @timestamp} ending now would never see them. The other side
 * of that choice: events indexed again (a {@code --full} run) are new to the rules and fire them again.
 *
 * <p>A rule an auditor might want that a query rule cannot express: "a change from a source address the user has not
 * used in the last 30 days" needs each user's own history, which one query over a time window cannot compare against;
 * {@link #CHANGE_WITHOUT_MFA} alerts on the changes that most need a second look instead.
 */
public final class MonitronAlertRules {

    public static final String PROJECT_OR_SITE_DELETED = "5a0f3c1e-8d2b-4e7a-9c41-6b1d2e3f4a01";
    public static final String ROOT_USER_USED = "5a0f3c1e-8d2b-4e7a-9c41-6b1d2e3f4a02";
    public static final String ACCESS_DENIED_BURST = "5a0f3c1e-8d2b-4e7a-9c41-6b1d2e3f4a03";
    public static final String PROJECT_ADMIN_CHANGED = "5a0f3c1e-8d2b-4e7a-9c41-6b1d2e3f4a04";
    public static final String CHANGE_WITHOUT_MFA = "5a0f3c1e-8d2b-4e7a-9c41-6b1d2e3f4a05";

    /** Default N of "N or more AccessDenied in 5 minutes for one user". */
    public static final int DEFAULT_ACCESS_DENIED_THRESHOLD = 5;

    static final String TIME_FIELD = "event.ingested";
    private static final String CHECK_EVERY = "1m";
    private static final int WINDOW_MINUTES = 5;
    private static final int HITS_FOR_ACTIONS = 100;
    private static final List<String> TAGS = List.of("monitron", "cloudtrail", "audit");
    private static final List<String> READ_ONLY_ACTIONS = List.of(
            "GetProject", "ListProjects", "GetProjectAdminUser", "ListProjectAdminUsers", "ListTagsForResource");

    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitronAlertRules() {}

    /**
     * @param indexPattern the events indices, e.g. {@code monitron-cloudtrail-*}
     * @param accessDeniedThreshold N for the AccessDenied burst rule, at least 1
     */
    public static List<AlertRule> forIndices(String indexPattern, int accessDeniedThreshold) {
        if (accessDeniedThreshold < 1) {
            throw new IllegalArgumentException(
                    "the AccessDenied threshold must be at least 1: " + accessDeniedThreshold);
        }
        return List.of(
                everyMatch(
                        PROJECT_OR_SITE_DELETED,
                        "Monitron: project or site deleted",
                        indexPattern,
                        monitron(
                                terms("event.action", "DeleteProject", "DeleteSite"),
                                term("event.outcome", "success"))),
                everyMatch(
                        ROOT_USER_USED,
                        "Monitron: root user used",
                        indexPattern,
                        monitron(term("aws.cloudtrail.user_identity.type", "Root"))),
                accessDeniedBurst(indexPattern, accessDeniedThreshold),
                everyMatch(
                        PROJECT_ADMIN_CHANGED,
                        "Monitron: project admin added or removed",
                        indexPattern,
                        monitron(
                                terms("event.action", "AssociateProjectAdminUser", "DisassociateProjectAdminUser"),
                                term("event.outcome", "success"))),
                everyMatch(CHANGE_WITHOUT_MFA, "Monitron: change made without MFA", indexPattern, changeWithoutMfa()));
    }

    /** Fires when at least one event matched in the window; each event is reported once (hits of the last run are left out). */
    private static AlertRule everyMatch(String id, String name, String indexPattern, ObjectNode query) {
        ObjectNode params = base(indexPattern, query);
        params.put("thresholdComparator", ">").putArray("threshold").add(0);
        params.put("excludeHitsFromPreviousRun", true);
        return new AlertRule(id, name, CHECK_EVERY, TAGS, params);
    }

    /** One alert per user with N or more AccessDenied calls indexed within 5 minutes. */
    private static AlertRule accessDeniedBurst(String indexPattern, int threshold) {
        ObjectNode params = base(
                indexPattern,
                monitron(
                        term("event.outcome", "failure"),
                        terms("error.code", "AccessDenied", "AccessDeniedException")));
        params.put("thresholdComparator", ">=").putArray("threshold").add(threshold);
        params.put("groupBy", "top").put("termField", "user.name").put("termSize", 100);
        // a grouped rule cannot leave out the last run's hits; each user's alert stays active while the burst lasts
        params.put("excludeHitsFromPreviousRun", false);
        return new AlertRule(
                ACCESS_DENIED_BURST,
                "Monitron: burst of AccessDenied for one user (" + threshold + " or more in 5 minutes)",
                CHECK_EVERY,
                TAGS,
                params);
    }

    private static ObjectNode changeWithoutMfa() {
        ObjectNode query = monitron();
        ArrayNode mustNot = query.with("query").with("bool").putArray("must_not");
        mustNot.add(terms("event.action", READ_ONLY_ACTIONS.toArray(String[]::new)));
        mustNot.add(term("aws.cloudtrail.user_identity.session_context.mfa_authenticated", true));
        // AWS services and Identity Center users carry no MFA flag at all: see kibana/README.md
        mustNot.add(terms("aws.cloudtrail.user_identity.type", "AWSService", "IdentityCenterUser"));
        return query;
    }

    private static ObjectNode base(String indexPattern, ObjectNode query) {
        ObjectNode params = JSON.createObjectNode().put("searchType", "esQuery");
        params.putArray("index").add(indexPattern);
        params.put("timeField", TIME_FIELD).put("esQuery", query.toString());
        params.put("size", HITS_FOR_ACTIONS)
                .put("timeWindowSize", WINDOW_MINUTES)
                .put("timeWindowUnit", "m")
                .put("aggType", "count")
                .put("groupBy", "all");
        return params;
    }

    /** {@code {"query":{"bool":{"filter":[provider is Monitron, ...conditions]}}}}. */
    private static ObjectNode monitron(ObjectNode... conditions) {
        ObjectNode query = JSON.createObjectNode();
        ArrayNode filter = query.putObject("query").putObject("bool").putArray("filter");
        filter.add(term("event.provider", "monitron.amazonaws.com"));
        for (ObjectNode condition : conditions) {
            filter.add(condition);
        }
        return query;
    }

    private static ObjectNode term(String field, String value) {
        ObjectNode term = JSON.createObjectNode();
        term.putObject("term").put(field, value);
        return term;
    }

    private static ObjectNode term(String field, boolean value) {
        ObjectNode term = JSON.createObjectNode();
        term.putObject("term").put(field, value);
        return term;
    }

    private static ObjectNode terms(String field, String... values) {
        ObjectNode terms = JSON.createObjectNode();
        ArrayNode list = terms.putObject("terms").putArray(field);
        for (String value : values) {
            list.add(value);
        }
        return terms;
    }
}
