package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The audit question behind each saved search and Lens layer, and the meaning of each field a panel buckets on, in
 * plain Java over raw CloudTrail events ({@link RawEvent}). Nothing here reads the KQL, the query translation or the
 * transform: an object's query and fields must agree with these independent answers.
 *
 * <p>One field is the exception: {@code monitron.client.type} is read from the indexed document, because an oracle
 * for it would re-implement the whole client classification. Panels splitting on it ({@code
 * monitron-lens-client-types}, {@code monitron-lens-change-clients}) therefore check the query and the aggregation
 * against the indexed documents, while their conditions are still checked against raw events.
 */
final class AuditOracle {

    /**
     * A raw event joined with the document the indexer made of it, and the estate the raw events make (for names an
     * event gives only by id).
     */
    record IndexedEvent(RawEvent raw, JsonNode source, EstateOracle estate) {}

    private AuditOracle() {}

    private static final Set<String> READ_ONLY_VERBS = Set.of("Get", "List");
    private static final Set<String> CREATE_OR_DELETE = Set.of("Create", "Delete");
    private static final Set<String> CREATE_UPDATE_DELETE = Set.of("Create", "Update", "Delete");
    private static final Set<String> LIFECYCLE_RESOURCES = Set.of("Site", "Gateway", "Sensor", "Asset");
    private static final Set<String> CREATABLE_RESOURCES = Set.of("Project", "Site", "Gateway", "Sensor", "Asset");
    private static final Set<String> ACCESS_RESOURCES = Set.of("ProjectAdminUser", "UserAccessRoleAssociation");

    static boolean all(RawEvent event) {
        return true;
    }

    static boolean failed(RawEvent event) {
        return event.failed();
    }

    static boolean accessDenied(RawEvent event) {
        return event.failed()
                && event.errorCode()
                        .filter(code -> code.equals("AccessDenied") || code.equals("AccessDeniedException"))
                        .isPresent();
    }

    static boolean root(RawEvent event) {
        return event.identityType().equals("Root");
    }

    /**
     * No MFA on the session (or no session at all). AWS services acting for a user have no MFA to show, and neither
     * do Identity Center users: CloudTrail records no MFA flag for them, so they are counted apart.
     */
    static boolean withoutMfa(RawEvent event) {
        return !event.mfaUsed() && !Set.of("AWSService", "IdentityCenterUser").contains(event.identityType());
    }

    static boolean identityCenterUser(RawEvent event) {
        return event.identityType().equals("IdentityCenterUser");
    }

    /** A change is any call that is not a read (Get, List). */
    static boolean change(RawEvent event) {
        return !READ_ONLY_VERBS.contains(event.verb());
    }

    /**
     * A change whose source address the test GeoIP databases place ({@link LocatedTrail#location}): they know every
     * location field of it, country, city and network alike.
     */
    static boolean locatedChange(RawEvent event) {
        return change(event) && LocatedTrail.location(event.sourceAddress()).isPresent();
    }

    static boolean projectLifecycle(RawEvent event) {
        return event.noun().equals("Project") && CREATE_UPDATE_DELETE.contains(event.verb());
    }

    static boolean projectDeletion(RawEvent event) {
        return event.noun().equals("Project") && event.verb().equals("Delete");
    }

    static boolean resourceLifecycle(RawEvent event) {
        return LIFECYCLE_RESOURCES.contains(event.noun()) && CREATE_UPDATE_DELETE.contains(event.verb());
    }

    static boolean createdOrDeleted(RawEvent event) {
        return CREATABLE_RESOURCES.contains(event.noun()) && CREATE_OR_DELETE.contains(event.verb());
    }

    static boolean sensorOrGatewayAddedOrRemoved(RawEvent event) {
        return Set.of("Sensor", "Gateway").contains(event.noun()) && CREATE_OR_DELETE.contains(event.verb());
    }

    /** Project admins added or removed, user access roles granted, changed or revoked (reads excluded). */
    static boolean accessChange(RawEvent event) {
        return ACCESS_RESOURCES.contains(event.noun()) && !READ_ONLY_VERBS.contains(event.verb());
    }

    static boolean assetStateTransition(RawEvent event) {
        return event.noun().equals("AssetStateTransition") && event.verb().equals("Create");
    }

    static boolean tagChange(RawEvent event) {
        return event.noun().equals("Resource") && Set.of("Tag", "Untag").contains(event.verb());
    }

    /** The events each saved search should list, by saved object id. */
    static final Map<String, Predicate<RawEvent>> SEARCHES = Map.of(
            "monitron-search-all-activity", AuditOracle::all,
            "monitron-search-failed-calls", AuditOracle::failed,
            "monitron-search-root-user", AuditOracle::root,
            "monitron-search-without-mfa", AuditOracle::withoutMfa,
            "monitron-search-project-lifecycle", AuditOracle::projectLifecycle,
            "monitron-search-role-changes", AuditOracle::accessChange,
            "monitron-search-resource-lifecycle", AuditOracle::resourceLifecycle,
            "monitron-search-asset-state-transitions", AuditOracle::assetStateTransition,
            "monitron-search-tag-changes", AuditOracle::tagChange);

    /**
     * A Lens layer's audit question: which events it counts, and by what, i.e. the fields of its bucket columns in
     * nesting order ({@code @timestamp} for time) followed by the fields of its unique counts.
     */
    record PanelQuestion(Predicate<RawEvent> selects, List<String> fields) {}

    private static Map.Entry<String, PanelQuestion> panel(String id, Predicate<RawEvent> selects, String... fields) {
        return Map.entry(id, new PanelQuestion(selects, List.of(fields)));
    }

    /** The question each Lens layer answers, by saved object id. */
    static final Map<String, PanelQuestion> LAYERS = Map.ofEntries(
            panel("monitron-lens-kpi-events", AuditOracle::all),
            panel("monitron-lens-kpi-failures", AuditOracle::failed),
            panel("monitron-lens-kpi-users", AuditOracle::all, "user.name"),
            panel("monitron-lens-kpi-projects", AuditOracle::all, "monitron.project.name"),
            panel("monitron-lens-events-by-action", AuditOracle::all, "event.action", "@timestamp"),
            panel("monitron-lens-outcomes", AuditOracle::all, "event.outcome"),
            panel("monitron-lens-client-types", AuditOracle::all, "monitron.client.type"),
            panel(
                    "monitron-lens-top-users",
                    AuditOracle::all,
                    "user.name",
                    "aws.cloudtrail.user_identity.type",
                    "event.action"),
            panel("monitron-lens-accounts-regions", AuditOracle::all, "cloud.account.id", "cloud.region"),
            panel("monitron-lens-activity-by-account", AuditOracle::all, "cloud.account.id", "@timestamp"),
            panel("monitron-lens-activity-by-region", AuditOracle::all, "cloud.region", "@timestamp"),
            panel("monitron-lens-failures-by-error", AuditOracle::failed, "error.code", "@timestamp"),
            panel(
                    "monitron-lens-access-denied",
                    AuditOracle::accessDenied,
                    "user.name",
                    "aws.cloudtrail.user_identity.type",
                    "event.action"),
            panel("monitron-lens-root-calls", AuditOracle::root),
            panel(
                    "monitron-lens-without-mfa",
                    AuditOracle::withoutMfa,
                    "user.name",
                    "aws.cloudtrail.user_identity.type"),
            panel("monitron-lens-identity-center-users", AuditOracle::identityCenterUser, "user.name"),
            panel("monitron-lens-identity-types", AuditOracle::all, "aws.cloudtrail.user_identity.type"),
            panel("monitron-lens-change-sources", AuditOracle::change, "source.address", "user.name"),
            panel("monitron-lens-change-clients", AuditOracle::change, "monitron.client.type", "user_agent.original"),
            panel(
                    "monitron-lens-failure-reasons",
                    AuditOracle::failed,
                    "error.code",
                    "error.message.keyword",
                    "user.name"),
            panel("monitron-lens-change-countries", AuditOracle::locatedChange, "source.geo.country_name", "user.name"),
            panel(
                    "monitron-lens-change-networks",
                    AuditOracle::locatedChange,
                    "source.as.organization.name",
                    "user.name"),
            panel(
                    "monitron-lens-change-locations",
                    AuditOracle::locatedChange,
                    "source.geo.country_name",
                    "source.geo.city_name",
                    "user.name"),
            panel(
                    "monitron-lens-user-countries",
                    AuditOracle::locatedChange,
                    "user.name",
                    "aws.cloudtrail.user_identity.type",
                    "source.geo.country_iso_code"),
            panel("monitron-lens-created-deleted", AuditOracle::createdOrDeleted, "event.action", "@timestamp"),
            panel(
                    "monitron-lens-created-deleted-per-project",
                    AuditOracle::createdOrDeleted,
                    "monitron.project.name",
                    "event.action"),
            panel(
                    "monitron-lens-project-deletions",
                    AuditOracle::projectDeletion,
                    "monitron.project.name",
                    "user.name",
                    "aws.cloudtrail.user_identity.type",
                    "event.outcome"),
            panel(
                    "monitron-lens-sensors-gateways-per-site",
                    AuditOracle::sensorOrGatewayAddedOrRemoved,
                    "monitron.project.name",
                    "monitron.site.name",
                    "event.action"),
            panel(
                    "monitron-lens-asset-states",
                    AuditOracle::assetStateTransition,
                    "monitron.asset_state.to",
                    "@timestamp"),
            panel(
                    "monitron-lens-asset-states-by-asset",
                    AuditOracle::assetStateTransition,
                    "monitron.asset.name",
                    "monitron.asset_state.to",
                    "user.name",
                    "aws.cloudtrail.user_identity.type"),
            panel(
                    "monitron-lens-role-changes",
                    AuditOracle::accessChange,
                    "user.name",
                    "aws.cloudtrail.user_identity.type",
                    "event.action",
                    "monitron.project.name"));

    /**
     * The Lens layers whose fields come from the GeoIP databases ({@code --geoip-db}). The sample trail's addresses
     * are documentation and service names, which get no location, so these are checked on {@link LocatedTrail}.
     */
    static final Set<String> LOCATED_LAYERS = Set.of(
            "monitron-lens-change-countries",
            "monitron-lens-change-networks",
            "monitron-lens-change-locations",
            "monitron-lens-user-countries");

    /**
     * What each field a panel buckets or counts on means for an event; empty when the event has no such value
     * (Elasticsearch then leaves the event out of that terms or unique count).
     */
    static final Map<String, Function<IndexedEvent, Optional<String>>> FIELDS = Map.ofEntries(
            Map.entry("event.action", e -> Optional.of(e.raw().action())),
            Map.entry("event.outcome", e -> Optional.of(e.raw().failed() ? "failure" : "success")),
            Map.entry("user.name", e -> e.raw().actingUser()),
            Map.entry("cloud.account.id", e -> e.raw().account()),
            Map.entry("cloud.region", e -> Optional.of(e.raw().region())),
            Map.entry("error.code", e -> e.raw().errorCode()),
            // the keyword sub-field keeps messages up to its ignore_above of 1024 characters
            Map.entry("error.message.keyword", e -> e.raw().errorMessage().filter(message -> message.length() <= 1024)),
            Map.entry(
                    "source.geo.country_iso_code",
                    e -> LocatedTrail.location(e.raw().sourceAddress()).map(LocatedTrail.Location::countryIsoCode)),
            Map.entry(
                    "source.geo.country_name",
                    e -> LocatedTrail.location(e.raw().sourceAddress()).map(LocatedTrail.Location::countryName)),
            Map.entry("source.geo.city_name", e -> LocatedTrail.location(e.raw().sourceAddress())
                    .map(LocatedTrail.Location::cityName)),
            Map.entry(
                    "source.as.organization.name",
                    e -> LocatedTrail.location(e.raw().sourceAddress()).map(LocatedTrail.Location::asOrganization)),
            Map.entry(
                    "aws.cloudtrail.user_identity.type",
                    e -> Optional.of(e.raw().identityType())),
            Map.entry("source.address", e -> Optional.of(e.raw().sourceAddress())),
            Map.entry("user_agent.original", e -> Optional.of(e.raw().userAgent())),
            Map.entry("monitron.project.name", e -> e.raw().project()),
            Map.entry("monitron.site.id", e -> e.raw().siteId()),
            // gateway requests name the site by id only: the name is the site's current name in the estate
            Map.entry(
                    "monitron.site.name",
                    e -> e.raw().siteName().or(() -> e.raw().siteId().flatMap(e.estate()::siteName))),
            Map.entry("monitron.asset.name", e -> e.raw().asset()),
            Map.entry("monitron.asset_state.to", e -> e.raw().stateAfter()),
            // from the indexed document: see the class comment
            Map.entry("monitron.client.type", e -> indexed(e.source(), "monitron", "client", "type")));

    // ---- the estate ---------------------------------------------------------------------------------------------

    /** The estate entities each saved search over the estate should list, by saved object id. */
    static final Map<String, Predicate<EstateOracle.Entity>> ESTATE_SEARCHES =
            Map.of("monitron-search-estate-deleted", entity -> is(entity, "entity.state", "deleted"));

    /** An estate Lens layer's question: which entities it counts, and by which fields (as {@link PanelQuestion}). */
    record EstateQuestion(Predicate<EstateOracle.Entity> selects, List<String> fields) {}

    private static Map.Entry<String, EstateQuestion> estate(
            String id, Predicate<EstateOracle.Entity> selects, String... fields) {
        return Map.entry(id, new EstateQuestion(selects, List.of(fields)));
    }

    private static boolean is(EstateOracle.Entity entity, String field, String value) {
        return entity.field(field).filter(value::equals).isPresent();
    }

    private static boolean active(EstateOracle.Entity entity, String kind) {
        return is(entity, "entity.kind", kind) && is(entity, "entity.state", "active");
    }

    static final Map<String, EstateQuestion> ESTATE_LAYERS = Map.ofEntries(
            estate("monitron-lens-estate-by-kind", entity -> true, "entity.kind", "entity.state"),
            estate(
                    "monitron-lens-estate-sites",
                    entity -> is(entity, "entity.kind", "site"),
                    "monitron.project.name",
                    "entity.name",
                    "entity.state"),
            estate(
                    "monitron-lens-estate-gateways",
                    entity -> active(entity, "gateway"),
                    "monitron.project.name",
                    "monitron.site.name"),
            estate(
                    "monitron-lens-estate-sensors",
                    entity -> active(entity, "sensor"),
                    "monitron.site.name",
                    "monitron.asset.name"),
            estate(
                    "monitron-lens-estate-asset-conditions",
                    entity -> active(entity, "asset")
                            && entity.field("entity.condition").isPresent(),
                    "entity.condition"),
            estate(
                    "monitron-lens-estate-deleted-by",
                    entity -> is(entity, "entity.state", "deleted"),
                    "entity.deleted_by",
                    "entity.kind"),
            estate(
                    "monitron-lens-estate-admins",
                    entity -> active(entity, "project_admin"),
                    "monitron.project.name",
                    "entity.name"));

    static Predicate<RawEvent> search(String id) {
        Predicate<RawEvent> question = SEARCHES.get(id);
        if (question == null) {
            throw new IllegalStateException(
                    "no audit question for saved search " + id + "; add one to AuditOracle.SEARCHES");
        }
        return question;
    }

    static PanelQuestion layer(String objectId) {
        PanelQuestion question = LAYERS.get(objectId);
        if (question == null) {
            throw new IllegalStateException(
                    "no audit question for Lens layer " + objectId + "; add one to AuditOracle.LAYERS");
        }
        return question;
    }

    static Function<IndexedEvent, Optional<String>> field(String field) {
        Function<IndexedEvent, Optional<String>> meaning = FIELDS.get(field);
        if (meaning == null) {
            throw new IllegalStateException(
                    "the oracle does not know what " + field + " means; add it to AuditOracle.FIELDS");
        }
        return meaning;
    }

    private static Optional<String> indexed(JsonNode source, String... path) {
        JsonNode node = source;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isValueNode() && !node.isNull() ? Optional.of(node.asText()) : Optional.empty();
    }
}
