package io.monitron.indexer.kibana.content;

import static io.monitron.indexer.kibana.content.Dashboard.Panel.lens;
import static io.monitron.indexer.kibana.content.Dashboard.Panel.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.kibana.content.Dashboard.Row;
import io.monitron.indexer.kibana.content.LensChart.Metric;
import io.monitron.indexer.kibana.content.LensChart.Pie;
import io.monitron.indexer.kibana.content.LensChart.Table;
import io.monitron.indexer.kibana.content.LensChart.Xy;
import io.monitron.indexer.kibana.content.LensColumn.Count;
import io.monitron.indexer.kibana.content.LensColumn.DateHistogram;
import io.monitron.indexer.kibana.content.LensColumn.FirstSeen;
import io.monitron.indexer.kibana.content.LensColumn.Terms;
import io.monitron.indexer.kibana.content.LensColumn.UniqueCount;
import java.util.ArrayList;
import java.util.List;

/**
 * The readable source of {@code kibana/monitron.ndjson}: every saved search, Lens visualization and dashboard.
 * {@link KibanaNdjson} renders it; {@code KibanaNdjsonUpToDateTest} fails when the committed file differs.
 */
final class MonitronContent {

    private MonitronContent() {}

    private static final String EVENTS = "events";

    // ---- saved searches -------------------------------------------------------------------------------------------

    static final SavedSearch ALL_ACTIVITY = new SavedSearch(
            "monitron-search-all-activity",
            "Monitron: all activity",
            "Every Monitron API call, newest first.",
            MonitronQueries.ALL,
            List.of(
                    "event.action",
                    "event.outcome",
                    "user.name",
                    "monitron.project.name",
                    "monitron.site.name",
                    "cloud.account.id",
                    "cloud.region",
                    "monitron.client.type",
                    "source.address"));

    static final SavedSearch FAILED_CALLS = new SavedSearch(
            "monitron-search-failed-calls",
            "Monitron: failed calls",
            "Calls that failed, with the error code and message CloudTrail recorded.",
            MonitronQueries.FAILED,
            List.of(
                    "event.action",
                    "error.code",
                    "error.message",
                    "user.name",
                    "aws.cloudtrail.user_identity.arn",
                    "monitron.project.name",
                    "source.address"));

    static final SavedSearch ROOT_ACTIVITY = new SavedSearch(
            "monitron-search-root-user",
            "Monitron: root user activity",
            "Calls made with the account's root user.",
            MonitronQueries.ROOT,
            List.of(
                    "event.action",
                    "event.outcome",
                    "cloud.account.id",
                    "monitron.project.name",
                    "source.address",
                    "user_agent.original",
                    "aws.cloudtrail.user_identity.session_context.mfa_authenticated"));

    static final SavedSearch WITHOUT_MFA = new SavedSearch(
            "monitron-search-without-mfa",
            "Monitron: calls without MFA",
            "Calls whose session does not show MFA (false, or no session context as with access keys);"
                    + " calls by AWS services, and by Identity Center users (whose events carry no MFA flag), are"
                    + " left out.",
            MonitronQueries.WITHOUT_MFA,
            List.of(
                    "event.action",
                    "user.name",
                    "aws.cloudtrail.user_identity.type",
                    "aws.cloudtrail.user_identity.access_key_id",
                    "aws.cloudtrail.user_identity.session_context.mfa_authenticated",
                    "monitron.client.type",
                    "source.address"));

    static final SavedSearch PROJECT_LIFECYCLE = new SavedSearch(
            "monitron-search-project-lifecycle",
            "Monitron: project lifecycle",
            "Projects created, updated and deleted: who, when, from where.",
            MonitronQueries.PROJECT_LIFECYCLE,
            List.of(
                    "event.action",
                    "monitron.project.name",
                    "event.outcome",
                    "user.name",
                    "cloud.account.id",
                    "cloud.region",
                    "source.address"));

    static final SavedSearch ROLE_CHANGES = new SavedSearch(
            "monitron-search-role-changes",
            "Monitron: project admin and user access role changes",
            "Project admins added or removed and user access roles granted, changed or revoked.",
            MonitronQueries.ROLE_CHANGES,
            List.of(
                    "event.action",
                    "monitron.project.name",
                    // role association requests name the site by id only: the name comes from the estate
                    "monitron.site.name",
                    "monitron.target_user.name",
                    "monitron.role",
                    "user.name",
                    "event.outcome"));

    static final SavedSearch RESOURCE_LIFECYCLE = new SavedSearch(
            "monitron-search-resource-lifecycle",
            "Monitron: site, gateway, sensor and asset lifecycle",
            "Sites, gateways, sensors and assets created, updated and deleted, per project and site.",
            MonitronQueries.RESOURCE_LIFECYCLE,
            List.of(
                    "event.action",
                    "monitron.project.name",
                    "monitron.site.name",
                    "monitron.gateway.name",
                    "monitron.asset.name",
                    "monitron.sensor.name",
                    "monitron.sensor.id",
                    "user.name",
                    "event.outcome"));

    static final SavedSearch ASSET_STATE_TRANSITIONS = new SavedSearch(
            "monitron-search-asset-state-transitions",
            "Monitron: asset state transitions",
            "Asset state changes (for example ALARM to ACKNOWLEDGED) and who made them.",
            MonitronQueries.ASSET_STATE_TRANSITIONS,
            List.of(
                    "monitron.asset.name",
                    "monitron.asset_state.from",
                    "monitron.asset_state.to",
                    "monitron.site.name",
                    "monitron.project.name",
                    "user.name",
                    "event.outcome"));

    static final SavedSearch TAG_CHANGES = new SavedSearch(
            "monitron-search-tag-changes",
            "Monitron: tag changes",
            "Tags added to or removed from projects.",
            MonitronQueries.TAG_CHANGES,
            List.of(
                    "event.action",
                    "monitron.project.name",
                    "monitron.tag.keys",
                    "aws.cloudtrail.request_parameters",
                    "user.name",
                    "event.outcome"));

    // ---- Lens: overview -------------------------------------------------------------------------------------------

    private static final Count COUNT = new Count(EVENTS, "Events");

    /**
     * Beside {@code user.name} wherever a table lists users: the same person can act as an Identity Center user in
     * the app and through an assumed role in the console, and a role session or service reads differently from a
     * person.
     */
    private static final Terms IDENTITY_TYPE =
            new Terms("identity", "Identity type", "aws.cloudtrail.user_identity.type", 5, EVENTS);

    static final LensVisualization KPI_EVENTS = metric(
            "monitron-lens-kpi-events",
            "Monitron: events",
            "How many Monitron API calls CloudTrail recorded in the time range.",
            MonitronQueries.ALL,
            COUNT);
    static final LensVisualization KPI_FAILURES = metric(
            "monitron-lens-kpi-failures",
            "Monitron: failed calls",
            "How many Monitron calls failed (CloudTrail recorded an error code or message).",
            MonitronQueries.FAILED,
            new Count(EVENTS, "Failed calls"));
    static final LensVisualization KPI_USERS = metric(
            "monitron-lens-kpi-users",
            "Monitron: distinct users",
            "How many different users called Monitron.",
            MonitronQueries.ALL,
            new UniqueCount("users", "Distinct users", "user.name"));
    static final LensVisualization KPI_PROJECTS = metric(
            "monitron-lens-kpi-projects",
            "Monitron: projects touched",
            "How many different Monitron projects the calls named.",
            MonitronQueries.ALL,
            new UniqueCount("projects", "Projects touched", "monitron.project.name"));

    static final LensVisualization EVENTS_BY_ACTION = overTime(
            "monitron-lens-events-by-action",
            "Monitron: events over time by action",
            "Which Monitron actions were called when: the ten most frequent actions over the whole range.",
            MonitronQueries.ALL,
            "bar_stacked",
            "event.action",
            "Action");
    static final LensVisualization OUTCOMES = donut(
            "monitron-lens-outcomes",
            "Monitron: outcome",
            "The share of Monitron calls that succeeded and failed.",
            MonitronQueries.ALL,
            "event.outcome",
            "Outcome",
            3);
    static final LensVisualization CLIENT_TYPES = donut(
            "monitron-lens-client-types",
            "Monitron: client type",
            "Where Monitron calls came from: console, mobile app, CLI/SDK or an AWS service.",
            MonitronQueries.ALL,
            "monitron.client.type",
            "Client",
            5);
    static final LensVisualization TOP_USERS = new LensVisualization(
            "monitron-lens-top-users",
            "Monitron: top users",
            "Who called Monitron most, and how many different actions each used.",
            MonitronQueries.ALL,
            List.of(
                    new Terms("user", "Acting user", "user.name", 10, EVENTS),
                    IDENTITY_TYPE,
                    COUNT,
                    new UniqueCount("actions", "Distinct actions", "event.action")),
            new Table(List.of("user", "identity", EVENTS, "actions"), EVENTS));
    static final LensVisualization ACCOUNTS_REGIONS = new LensVisualization(
            "monitron-lens-accounts-regions",
            "Monitron: accounts and regions",
            "Monitron calls per AWS account and region.",
            MonitronQueries.ALL,
            List.of(
                    new Terms("account", "Account", "cloud.account.id", 10, EVENTS),
                    new Terms("region", "Region", "cloud.region", 10, EVENTS),
                    COUNT),
            new Table(List.of("account", "region", EVENTS), EVENTS));
    static final LensVisualization ACTIVITY_BY_ACCOUNT = overTime(
            "monitron-lens-activity-by-account",
            "Monitron: activity per account over time",
            "Monitron calls over time for the ten busiest AWS accounts.",
            MonitronQueries.ALL,
            "line",
            "cloud.account.id",
            "Account");
    static final LensVisualization ACTIVITY_BY_REGION = overTime(
            "monitron-lens-activity-by-region",
            "Monitron: activity per region over time",
            "Monitron calls over time for the ten busiest AWS regions.",
            MonitronQueries.ALL,
            "line",
            "cloud.region",
            "Region");

    // ---- Lens: security -------------------------------------------------------------------------------------------

    static final LensVisualization FAILURES_BY_ERROR = overTime(
            "monitron-lens-failures-by-error",
            "Monitron: failures over time by error code",
            "Which Monitron calls failed, and why: the ten most frequent error codes over time.",
            MonitronQueries.FAILED,
            "bar_stacked",
            "error.code",
            "Error code");
    static final LensVisualization ACCESS_DENIED = new LensVisualization(
            "monitron-lens-access-denied",
            "Monitron: AccessDenied by user and action",
            "Who was denied which Monitron action (AccessDenied or AccessDeniedException).",
            MonitronQueries.ACCESS_DENIED,
            List.of(
                    new Terms("user", "Acting user", "user.name", 20, EVENTS),
                    IDENTITY_TYPE,
                    new Terms("action", "Action", "event.action", 20, EVENTS),
                    new Count(EVENTS, "Denied calls")),
            new Table(List.of("user", "identity", "action", EVENTS), EVENTS));
    static final LensVisualization ROOT_CALLS = metric(
            "monitron-lens-root-calls",
            "Monitron: root user calls",
            "Was the root user used? The number of Monitron calls made with an account's root user.",
            MonitronQueries.ROOT,
            new Count(EVENTS, "Root user calls"));
    static final LensVisualization WITHOUT_MFA_BY_USER = new LensVisualization(
            "monitron-lens-without-mfa",
            "Monitron: calls without MFA by user",
            "Which calls lacked MFA: sessions that say MFA was not used, or have no session at all (access keys)."
                    + " Identity Center users are shown apart (their events carry no MFA flag) and AWS services"
                    + " are left out.",
            MonitronQueries.WITHOUT_MFA,
            List.of(
                    new Terms("user", "Acting user", "user.name", 20, EVENTS),
                    new Terms("identity", "Identity type", "aws.cloudtrail.user_identity.type", 5, EVENTS),
                    new Count(EVENTS, "Calls without MFA")),
            new Table(List.of("user", "identity", EVENTS), EVENTS));
    static final LensVisualization IDENTITY_CENTER_BY_USER = new LensVisualization(
            "monitron-lens-identity-center-users",
            "Monitron: calls by Identity Center users (MFA not recorded)",
            "Calls by IAM Identity Center users of the Monitron app. CloudTrail records no MFA flag for them:"
                    + " whether they used MFA is set by Identity Center's sign-in policy, so they are not counted"
                    + " as calls without MFA.",
            MonitronQueries.IDENTITY_CENTER,
            List.of(new Terms("user", "Identity Center user", "user.name", 20, EVENTS), new Count(EVENTS, "Calls")),
            new Table(List.of("user", EVENTS), EVENTS));
    static final LensVisualization IDENTITY_TYPES = donut(
            "monitron-lens-identity-types",
            "Monitron: identity types",
            "Which kinds of identity called Monitron: IAM users, assumed roles, Identity Center users, root, AWS"
                    + " services.",
            MonitronQueries.ALL,
            "aws.cloudtrail.user_identity.type",
            "Identity type",
            10);
    static final LensVisualization CHANGE_SOURCES = new LensVisualization(
            "monitron-lens-change-sources",
            "Monitron: source addresses of changes",
            "From which addresses Monitron changes (every action but Get and List) came, and by how many users.",
            MonitronQueries.CHANGES,
            List.of(
                    new Terms("address", "Source address", "source.address", 20, EVENTS),
                    new Count(EVENTS, "Changes"),
                    new UniqueCount("users", "Distinct users", "user.name")),
            new Table(List.of("address", EVENTS, "users"), EVENTS));
    static final LensVisualization CHANGE_CLIENTS = new LensVisualization(
            "monitron-lens-change-clients",
            "Monitron: clients and user agents of changes",
            "With which clients and user agents Monitron changes were made.",
            MonitronQueries.CHANGES,
            List.of(
                    new Terms("client", "Client", "monitron.client.type", 5, EVENTS),
                    new Terms("agent", "User agent", "user_agent.original", 20, EVENTS),
                    new Count(EVENTS, "Changes")),
            new Table(List.of("client", "agent", EVENTS), EVENTS));
    static final LensVisualization FAILURE_REASONS = new LensVisualization(
            "monitron-lens-failure-reasons",
            "Monitron: failures by reason",
            "Why Monitron calls failed: each error code with the messages CloudTrail recorded for it, how often and"
                    + " for how many users.",
            MonitronQueries.FAILED,
            List.of(
                    new Terms("code", "Error code", "error.code", 10, EVENTS),
                    new Terms("reason", "Error message", "error.message.keyword", 20, EVENTS),
                    new Count(EVENTS, "Failed calls"),
                    new UniqueCount("users", "Distinct users", "user.name")),
            new Table(List.of("code", "reason", EVENTS, "users"), EVENTS));

    // ---- Lens: who and from where (source.geo.* and source.as.* need --geoip-db) ----------------------------------

    static final LensVisualization CHANGE_COUNTRIES = new LensVisualization(
            "monitron-lens-change-countries",
            "Monitron: countries changes came from",
            "From which countries Monitron changes came (GeoIP of the source address, --geoip-db), and by how many"
                    + " users. Changes from private or service addresses, or indexed without a GeoIP database, have no"
                    + " country and are not counted.",
            MonitronQueries.changesWith("source.geo.country_name"),
            List.of(
                    new Terms("country", "Country", "source.geo.country_name", 20, EVENTS),
                    new Count(EVENTS, "Changes"),
                    new UniqueCount("users", "Distinct users", "user.name")),
            new Table(List.of("country", EVENTS, "users"), EVENTS));
    static final LensVisualization CHANGE_NETWORKS = new LensVisualization(
            "monitron-lens-change-networks",
            "Monitron: networks (AS organisations) changes came from",
            "From which networks Monitron changes came: the organisation owning the source address's autonomous"
                    + " system (GeoIP ASN database, --geoip-db), and by how many users.",
            MonitronQueries.changesWith("source.as.organization.name"),
            List.of(
                    new Terms("network", "AS organisation", "source.as.organization.name", 20, EVENTS),
                    new Count(EVENTS, "Changes"),
                    new UniqueCount("users", "Distinct users", "user.name")),
            new Table(List.of("network", EVENTS, "users"), EVENTS));
    static final LensVisualization CHANGE_LOCATIONS = new LensVisualization(
            "monitron-lens-change-locations",
            "Monitron: where changes came from, by country and city",
            "Where Monitron changes came from, by country and city of the source address (GeoIP City database,"
                    + " --geoip-db), and by how many users. Addresses the database places in a country but no city"
                    + " are counted in Countries changes came from only.",
            MonitronQueries.changesWith("source.geo.city_name"),
            List.of(
                    new Terms("country", "Country", "source.geo.country_name", 20, EVENTS),
                    new Terms("city", "City", "source.geo.city_name", 20, EVENTS),
                    new Count(EVENTS, "Changes"),
                    new UniqueCount("users", "Distinct users", "user.name")),
            new Table(List.of("country", "city", EVENTS, "users"), EVENTS));
    static final LensVisualization USER_COUNTRIES = new LensVisualization(
            "monitron-lens-user-countries",
            "Monitron: countries each user changed things from, first seen",
            "Changes from a country a user had not used before: each user's countries with the first change from"
                    + " each, newest first, so a user's new country is at the top. First seen is within the time"
                    + " range: widen it to cover the history you compare with.",
            MonitronQueries.changesWith("source.geo.country_iso_code"),
            List.of(
                    new Terms("user", "Acting user", "user.name", 50, EVENTS),
                    IDENTITY_TYPE,
                    new Terms("country", "Country", "source.geo.country_iso_code", 10, EVENTS),
                    new FirstSeen("first", "First seen"),
                    new Count(EVENTS, "Changes")),
            new Table(List.of("user", "identity", "country", "first", EVENTS), "first"));

    // ---- Lens: resource lifecycle ---------------------------------------------------------------------------------

    static final LensVisualization CREATED_DELETED_OVER_TIME = overTime(
            "monitron-lens-created-deleted",
            "Monitron: resources created and deleted over time",
            "When projects, sites, gateways, sensors and assets were created and deleted.",
            MonitronQueries.CREATED_OR_DELETED,
            "bar_stacked",
            "event.action",
            "Action");
    static final LensVisualization CREATED_DELETED_PER_PROJECT = new LensVisualization(
            "monitron-lens-created-deleted-per-project",
            "Monitron: resources created and deleted per project",
            "In which projects resources were created and deleted, by action.",
            MonitronQueries.CREATED_OR_DELETED,
            List.of(
                    new Terms("project", "Project", "monitron.project.name", 20, EVENTS),
                    new Terms("action", "Action", "event.action", 10, EVENTS),
                    COUNT),
            new Xy("bar_horizontal_stacked", "project", "action", EVENTS));
    static final LensVisualization PROJECT_DELETIONS = new LensVisualization(
            "monitron-lens-project-deletions",
            "Monitron: deleted projects and who deleted them",
            "Who deleted which project, and whether the call succeeded.",
            MonitronQueries.PROJECT_DELETIONS,
            List.of(
                    new Terms("project", "Project", "monitron.project.name", 50, EVENTS),
                    new Terms("user", "Deleted by", "user.name", 10, EVENTS),
                    IDENTITY_TYPE,
                    new Terms("outcome", "Outcome", "event.outcome", 2, EVENTS),
                    new Count(EVENTS, "Delete calls")),
            new Table(List.of("project", "user", "identity", "outcome", EVENTS), EVENTS));
    static final LensVisualization SENSORS_GATEWAYS_PER_SITE = new LensVisualization(
            "monitron-lens-sensors-gateways-per-site",
            "Monitron: sensors and gateways added or removed per site",
            "Which sensors and gateways were added or removed, per project and site.",
            MonitronQueries.SENSORS_AND_GATEWAYS_ADDED_OR_REMOVED,
            List.of(
                    new Terms("project", "Project", "monitron.project.name", 20, EVENTS),
                    // gateway requests name the site by id only: the indexer fills the name in from the estate
                    new Terms("site", "Site", "monitron.site.name", 50, EVENTS),
                    new Terms("action", "Action", "event.action", 4, EVENTS),
                    COUNT),
            new Table(List.of("project", "site", "action", EVENTS), EVENTS));
    static final LensVisualization ASSET_STATES_OVER_TIME = overTime(
            "monitron-lens-asset-states",
            "Monitron: asset state transitions over time",
            "Into which states assets were moved, over time.",
            MonitronQueries.ASSET_STATE_TRANSITIONS,
            "bar_stacked",
            "monitron.asset_state.to",
            "Asset state after");
    static final LensVisualization ASSET_STATES_BY_ASSET = new LensVisualization(
            "monitron-lens-asset-states-by-asset",
            "Monitron: asset state transitions by asset and user",
            "Which assets changed state, into which state, and who changed them.",
            MonitronQueries.ASSET_STATE_TRANSITIONS,
            List.of(
                    new Terms("asset", "Asset", "monitron.asset.name", 20, EVENTS),
                    new Terms("state", "Asset state after", "monitron.asset_state.to", 10, EVENTS),
                    new Terms("user", "Acting user", "user.name", 10, EVENTS),
                    IDENTITY_TYPE,
                    new Count(EVENTS, "Transitions")),
            new Table(List.of("asset", "state", "user", "identity", EVENTS), EVENTS));
    static final LensVisualization ROLE_CHANGES_BY_USER = new LensVisualization(
            "monitron-lens-role-changes",
            "Monitron: who changed project admins and user roles",
            "Who added or removed project admins and granted, changed or revoked user access roles, per project.",
            MonitronQueries.ROLE_CHANGES,
            List.of(
                    new Terms("user", "Changed by", "user.name", 20, EVENTS),
                    IDENTITY_TYPE,
                    new Terms("action", "Action", "event.action", 5, EVENTS),
                    new Terms("project", "Project", "monitron.project.name", 20, EVENTS),
                    new Count(EVENTS, "Changes")),
            new Table(List.of("user", "identity", "action", "project", EVENTS), EVENTS));

    // ---- the estate -----------------------------------------------------------------------------------------------

    private static final String ESTATE = SavedObjectJson.ESTATE_DATA_VIEW_ID;
    private static final String ENTITIES = "entities";

    static final SavedSearch ESTATE_DELETED = new SavedSearch(
            "monitron-search-estate-deleted",
            "Monitron estate: deleted entities",
            "Projects, sites, gateways, assets, sensors and admin or user access associations that are deleted now:"
                    + " who deleted them and when, latest first.",
            EstateQueries.DELETED,
            List.of(
                    "entity.kind",
                    "entity.name",
                    "entity.id",
                    "monitron.project.name",
                    "entity.deleted_by",
                    "entity.deleted_at",
                    "entity.created_by"),
            "entity.deleted_at",
            ESTATE);

    static final LensVisualization ESTATE_BY_KIND = new LensVisualization(
            "monitron-lens-estate-by-kind",
            "Monitron estate: entities by kind and state",
            "How many projects, sites, gateways, assets, sensors and associations exist now, and how many were"
                    + " deleted.",
            "",
            List.of(
                    new Terms("kind", "Kind", "entity.kind", 10, ENTITIES),
                    new Terms("state", "State", "entity.state", 2, ENTITIES),
                    new Count(ENTITIES, "Entities")),
            new Table(List.of("kind", "state", ENTITIES), ENTITIES),
            ESTATE);
    static final LensVisualization ESTATE_SITES = new LensVisualization(
            "monitron-lens-estate-sites",
            "Monitron estate: projects and their sites",
            "Each project's sites, by current name, with their state.",
            EstateQueries.SITES,
            List.of(
                    new Terms("project", "Project", "monitron.project.name", 50, ENTITIES),
                    new Terms("site", "Site", "entity.name", 200, ENTITIES),
                    new Terms("state", "State", "entity.state", 2, ENTITIES),
                    new Count(ENTITIES, "Sites")),
            new Table(List.of("project", "site", "state", ENTITIES), ENTITIES),
            ESTATE);
    static final LensVisualization ESTATE_GATEWAYS = new LensVisualization(
            "monitron-lens-estate-gateways",
            "Monitron estate: gateways per site",
            "How many gateways each site has now (deleted gateways left out).",
            EstateQueries.ACTIVE_GATEWAYS,
            List.of(
                    new Terms("project", "Project", "monitron.project.name", 50, ENTITIES),
                    new Terms("site", "Site", "monitron.site.name", 200, ENTITIES),
                    new Count(ENTITIES, "Gateways")),
            new Table(List.of("project", "site", ENTITIES), ENTITIES),
            ESTATE);
    static final LensVisualization ESTATE_SENSORS = new LensVisualization(
            "monitron-lens-estate-sensors",
            "Monitron estate: sensors per asset",
            "How many sensors each asset has now, per site (deleted sensors left out).",
            EstateQueries.ACTIVE_SENSORS,
            List.of(
                    new Terms("site", "Site", "monitron.site.name", 100, ENTITIES),
                    new Terms("asset", "Asset", "monitron.asset.name", 200, ENTITIES),
                    new Count(ENTITIES, "Sensors")),
            new Table(List.of("site", "asset", ENTITIES), ENTITIES),
            ESTATE);
    static final LensVisualization ESTATE_ASSET_CONDITIONS = new LensVisualization(
            "monitron-lens-estate-asset-conditions",
            "Monitron estate: assets by condition",
            "The condition of the assets that exist now, as their latest state transition left it; assets that"
                    + " never had one are not counted.",
            EstateQueries.ACTIVE_ASSETS_WITH_CONDITION,
            List.of(
                    new Terms("condition", "Condition", "entity.condition", 10, ENTITIES),
                    new Count(ENTITIES, "Assets")),
            new Pie("condition", ENTITIES),
            ESTATE);
    static final LensVisualization ESTATE_DELETED_BY = new LensVisualization(
            "monitron-lens-estate-deleted-by",
            "Monitron estate: deleted entities by who deleted them",
            "Who deleted the projects, sites, gateways, assets and sensors that are gone, and admins removed.",
            EstateQueries.DELETED,
            List.of(
                    new Terms("user", "Deleted by", "entity.deleted_by", 20, ENTITIES),
                    new Terms("kind", "Kind", "entity.kind", 10, ENTITIES),
                    new Count(ENTITIES, "Deleted")),
            new Table(List.of("user", "kind", ENTITIES), ENTITIES),
            ESTATE);
    static final LensVisualization ESTATE_ADMINS = new LensVisualization(
            "monitron-lens-estate-admins",
            "Monitron estate: admins per project",
            "Who is a project admin of each project now (admins removed left out).",
            EstateQueries.ACTIVE_ADMINS,
            List.of(
                    new Terms("project", "Project", "monitron.project.name", 50, ENTITIES),
                    new Terms("admin", "Admin", "entity.name", 100, ENTITIES),
                    new Count(ENTITIES, "Admins")),
            new Table(List.of("project", "admin", ENTITIES), ENTITIES),
            ESTATE);

    // ---- dashboards -----------------------------------------------------------------------------------------------

    /** The same links on every dashboard: each opens another dashboard in the same space (relative links). */
    private static Row navigation() {
        return Row.of(
                4,
                Dashboard.Panel.markdown(
                        "navigation",
                        48,
                        "**Monitron dashboards:** [Audit overview](#/view/monitron-dashboard-overview) ·"
                                + " [Security](#/view/monitron-dashboard-security) ·"
                                + " [Resource lifecycle](#/view/monitron-dashboard-lifecycle) ·"
                                + " [Estate](#/view/monitron-dashboard-estate). Open any chart's panel menu →"
                                + " *Explore in Discover* for the events behind it, with the dashboard's filters."));
    }

    static final Dashboard OVERVIEW = new Dashboard(
            "monitron-dashboard-overview",
            "Monitron audit overview",
            "Who did what in Amazon Monitron, from CloudTrail: volume, outcomes, users, accounts, regions and clients.",
            List.of(
                    navigation(),
                    Row.of(
                            7,
                            lens("kpi-events", 12, "Events", KPI_EVENTS),
                            lens("kpi-failures", 12, "Failed calls", KPI_FAILURES),
                            lens("kpi-users", 12, "Distinct users", KPI_USERS),
                            lens("kpi-projects", 12, "Projects touched", KPI_PROJECTS)),
                    Row.of(
                            15,
                            lens("events-by-action", 32, "Events over time by action", EVENTS_BY_ACTION),
                            lens("outcomes", 16, "Outcome", OUTCOMES)),
                    Row.of(
                            15,
                            lens("top-users", 16, "Top users", TOP_USERS),
                            lens("accounts-regions", 16, "Accounts and regions", ACCOUNTS_REGIONS),
                            lens("client-types", 16, "Client type", CLIENT_TYPES)),
                    Row.of(
                            12,
                            lens("activity-by-account", 24, "Activity per account", ACTIVITY_BY_ACCOUNT),
                            lens("activity-by-region", 24, "Activity per region", ACTIVITY_BY_REGION)),
                    Row.of(18, search("latest-events", 48, "Latest events", ALL_ACTIVITY))));

    static final Dashboard SECURITY = new Dashboard(
            "monitron-dashboard-security",
            "Monitron security",
            "Failed and denied calls and why, root user use, calls without MFA; who changed things from where:"
                    + " addresses, clients, countries, networks and each user's new countries.",
            List.of(
                    navigation(),
                    Row.of(
                            15,
                            lens("failures-by-error", 32, "Failures over time by error code", FAILURES_BY_ERROR),
                            lens("identity-types", 16, "Identity types", IDENTITY_TYPES)),
                    Row.of(15, lens("failure-reasons", 48, "Failures by reason", FAILURE_REASONS)),
                    Row.of(
                            15,
                            lens("access-denied", 24, "AccessDenied by user and action", ACCESS_DENIED),
                            lens("root-calls", 8, "Root user calls", ROOT_CALLS),
                            lens("without-mfa", 16, "Calls without MFA by user", WITHOUT_MFA_BY_USER)),
                    Row.of(
                            15,
                            lens(
                                    "identity-center-users",
                                    16,
                                    "Identity Center users (MFA not recorded)",
                                    IDENTITY_CENTER_BY_USER),
                            lens("change-sources", 16, "Source addresses of changes", CHANGE_SOURCES),
                            lens("change-clients", 16, "Clients and user agents of changes", CHANGE_CLIENTS)),
                    // who and from where: empty unless the events were indexed with --geoip-db
                    Row.of(
                            15,
                            lens("change-countries", 16, "Countries changes came from", CHANGE_COUNTRIES),
                            lens("change-networks", 16, "Networks changes came from", CHANGE_NETWORKS),
                            lens("change-locations", 16, "Changes by country and city", CHANGE_LOCATIONS)),
                    Row.of(
                            15,
                            lens(
                                    "user-countries",
                                    48,
                                    "Countries each user changed things from (newest first seen first)",
                                    USER_COUNTRIES)),
                    Row.of(15, search("failed-calls", 48, "Failed calls", FAILED_CALLS)),
                    Row.of(
                            15,
                            search("root-activity", 24, "Root user activity", ROOT_ACTIVITY),
                            search("without-mfa-calls", 24, "Calls without MFA", WITHOUT_MFA))));

    static final Dashboard LIFECYCLE = new Dashboard(
            "monitron-dashboard-lifecycle",
            "Monitron resource lifecycle",
            "Projects, sites, gateways, sensors and assets created and deleted; asset state transitions; admin and"
                    + " role changes; tag changes.",
            List.of(
                    navigation(),
                    Row.of(
                            15,
                            lens("created-deleted", 32, "Created and deleted over time", CREATED_DELETED_OVER_TIME),
                            lens("per-project", 16, "Created and deleted per project", CREATED_DELETED_PER_PROJECT)),
                    Row.of(
                            15,
                            lens("project-deletions", 20, "Deleted projects", PROJECT_DELETIONS),
                            lens(
                                    "sensors-gateways",
                                    28,
                                    "Sensors and gateways added or removed per site",
                                    SENSORS_GATEWAYS_PER_SITE)),
                    Row.of(
                            15,
                            lens("asset-states", 24, "Asset state transitions over time", ASSET_STATES_OVER_TIME),
                            lens(
                                    "asset-states-by-asset",
                                    24,
                                    "Asset state transitions by asset",
                                    ASSET_STATES_BY_ASSET)),
                    Row.of(
                            15,
                            lens("role-changes", 24, "Who changed project admins and user roles", ROLE_CHANGES_BY_USER),
                            search("role-change-events", 24, "Admin and role changes", ROLE_CHANGES)),
                    Row.of(
                            15,
                            search("project-lifecycle", 24, "Project lifecycle", PROJECT_LIFECYCLE),
                            search("tag-changes", 24, "Tag changes", TAG_CHANGES)),
                    Row.of(
                            15,
                            search(
                                    "resource-lifecycle",
                                    48,
                                    "Site, gateway, sensor and asset lifecycle",
                                    RESOURCE_LIFECYCLE)),
                    Row.of(15, search("asset-state-events", 48, "Asset state transitions", ASSET_STATE_TRANSITIONS))));

    static final Dashboard ESTATE_DASHBOARD = new Dashboard(
            "monitron-dashboard-estate",
            "Monitron estate",
            "The Monitron estate as the audit trail shows it now: projects and their sites, gateways per site, sensors"
                    + " per asset, assets by condition, admins per project, and what was deleted, by whom and when."
                    + " Rebuilt from the events by the indexer; the time picker does not apply.",
            List.of(
                    navigation(),
                    Row.of(
                            15,
                            lens("by-kind", 16, "Entities by kind and state", ESTATE_BY_KIND),
                            lens("sites", 32, "Projects and their sites", ESTATE_SITES)),
                    Row.of(
                            15,
                            lens("gateways", 16, "Gateways per site", ESTATE_GATEWAYS),
                            lens("sensors", 20, "Sensors per asset", ESTATE_SENSORS),
                            lens("asset-conditions", 12, "Assets by condition", ESTATE_ASSET_CONDITIONS)),
                    Row.of(
                            15,
                            lens("admins", 20, "Admins per project", ESTATE_ADMINS),
                            lens("deleted-by", 28, "Deleted, by who deleted them", ESTATE_DELETED_BY)),
                    Row.of(15, search("deleted", 48, "Deleted entities: who and when", ESTATE_DELETED))),
            "",
            ESTATE,
            List.of(
                    new Dashboard.Control("project", "monitron.project.name", "Project"),
                    new Dashboard.Control("site", "monitron.site.name", "Site")));

    static final List<SavedSearch> SEARCHES = List.of(
            ALL_ACTIVITY,
            FAILED_CALLS,
            ROOT_ACTIVITY,
            WITHOUT_MFA,
            PROJECT_LIFECYCLE,
            ROLE_CHANGES,
            RESOURCE_LIFECYCLE,
            ASSET_STATE_TRANSITIONS,
            TAG_CHANGES,
            ESTATE_DELETED);

    static final List<LensVisualization> VISUALIZATIONS = List.of(
            KPI_EVENTS,
            KPI_FAILURES,
            KPI_USERS,
            KPI_PROJECTS,
            EVENTS_BY_ACTION,
            OUTCOMES,
            CLIENT_TYPES,
            TOP_USERS,
            ACCOUNTS_REGIONS,
            ACTIVITY_BY_ACCOUNT,
            ACTIVITY_BY_REGION,
            FAILURES_BY_ERROR,
            ACCESS_DENIED,
            ROOT_CALLS,
            WITHOUT_MFA_BY_USER,
            IDENTITY_CENTER_BY_USER,
            IDENTITY_TYPES,
            CHANGE_SOURCES,
            CHANGE_CLIENTS,
            FAILURE_REASONS,
            CHANGE_COUNTRIES,
            CHANGE_NETWORKS,
            CHANGE_LOCATIONS,
            USER_COUNTRIES,
            CREATED_DELETED_OVER_TIME,
            CREATED_DELETED_PER_PROJECT,
            PROJECT_DELETIONS,
            SENSORS_GATEWAYS_PER_SITE,
            ASSET_STATES_OVER_TIME,
            ASSET_STATES_BY_ASSET,
            ROLE_CHANGES_BY_USER,
            ESTATE_BY_KIND,
            ESTATE_SITES,
            ESTATE_GATEWAYS,
            ESTATE_SENSORS,
            ESTATE_ASSET_CONDITIONS,
            ESTATE_DELETED_BY,
            ESTATE_ADMINS);

    static final List<Dashboard> DASHBOARDS = List.of(OVERVIEW, SECURITY, LIFECYCLE, ESTATE_DASHBOARD);

    /** Every saved object, data view first, in the order the NDJSON lists them. */
    static List<ObjectNode> savedObjects() {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(DataView.toSavedObject());
        objects.add(DataView.estateSavedObject());
        SEARCHES.forEach(search -> objects.add(search.toSavedObject()));
        VISUALIZATIONS.forEach(lens -> objects.add(lens.toSavedObject()));
        DASHBOARDS.forEach(dashboard -> objects.add(dashboard.toSavedObject()));
        return objects;
    }

    private static LensVisualization metric(
            String id, String title, String description, String query, LensColumn metric) {
        return new LensVisualization(id, title, description, query, List.of(metric), new Metric(metric.id()));
    }

    private static LensVisualization donut(
            String id, String title, String description, String query, String field, String label, int size) {
        return new LensVisualization(
                id,
                title,
                description,
                query,
                List.of(new Terms("group", label, field, size, EVENTS), COUNT),
                new Pie("group", EVENTS));
    }

    /**
     * A time chart split into the top ten series. The terms column comes before the date histogram, as Lens's editor
     * puts it: the top ten are then taken over the whole time range, not per time bucket (which would show a
     * different top ten, and a different "Other", in every bucket).
     */
    private static LensVisualization overTime(
            String id,
            String title,
            String description,
            String query,
            String seriesType,
            String splitField,
            String splitLabel) {
        return new LensVisualization(
                id,
                title,
                description,
                query,
                List.of(
                        new Terms("split", splitLabel, splitField, 10, EVENTS),
                        new DateHistogram("time", "Time"),
                        COUNT),
                new Xy(seriesType, "time", "split", EVENTS));
    }
}
