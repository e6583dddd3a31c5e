package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Monitron estate as an auditor would work it out by hand from the raw CloudTrail events ({@link RawEvent}), for
 * checking the estate panels: for each project, site, gateway, asset, sensor, project admin and user access
 * association, its current name (latest successful call naming it, its own calls first), its state (deleted when its
 * latest successful delete is not older than its latest successful create), who deleted it, its asset condition and
 * its parents. It shares no code with the indexer's estate builder or transform.
 */
final class EstateOracle {

    private static final Comparator<RawEvent> CHRONOLOGICAL =
            Comparator.comparing(RawEvent::time).thenComparing(RawEvent::id);

    /** One entity: its estate document id and the value of each estate field the panels use. */
    record Entity(String key, Map<String, String> fields) {
        Optional<String> field(String name) {
            return Optional.ofNullable(fields.get(name));
        }
    }

    /** What identifies a kind's entities in an event, and which events are their own. */
    private record Kind(
            String label,
            List<Function<RawEvent, Optional<String>>> key,
            String nameParameter,
            Predicate<RawEvent> own,
            String createVerb,
            String deleteVerb,
            boolean onlyOwn) {}

    private final Map<String, Entity> entities = new TreeMap<>();

    private EstateOracle() {}

    static EstateOracle of(List<RawEvent> events) {
        EstateOracle oracle = new EstateOracle();
        List<RawEvent> sorted = new ArrayList<>(events);
        sorted.sort(CHRONOLOGICAL);
        Map<String, Kind> kinds = kinds();
        Map<String, Map<List<String>, List<RawEvent>>> byKey = new LinkedHashMap<>();
        for (Kind kind : kinds.values()) {
            Map<List<String>, List<RawEvent>> groups = new LinkedHashMap<>();
            for (RawEvent event : sorted) {
                if (kind.onlyOwn() && !kind.own().test(event)) {
                    continue;
                }
                List<String> key = new ArrayList<>();
                for (Function<RawEvent, Optional<String>> part : kind.key()) {
                    part.apply(event).ifPresent(key::add);
                }
                if (key.size() == kind.key().size()) {
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
                }
            }
            byKey.put(kind.label(), groups);
        }
        // names first, so that children can show their parents' current names
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (Kind kind : kinds.values()) {
            Map<String, String> kindNames = new LinkedHashMap<>();
            byKey.get(kind.label()).forEach((key, list) -> name(kind, key, list)
                    .ifPresent(name -> kindNames.put(key.get(key.size() - 1), name)));
            names.put(kind.label(), kindNames);
        }
        for (Kind kind : kinds.values()) {
            byKey.get(kind.label()).forEach((key, list) -> {
                Entity entity = entity(kind, key, list, names);
                oracle.entities.put(entity.key(), entity);
            });
        }
        return oracle;
    }

    List<Entity> entities() {
        return List.copyOf(entities.values());
    }

    /** A site's current name, as gateway events that name the site only by id get it. */
    Optional<String> siteName(String siteId) {
        return Optional.ofNullable(entities.get("site:" + siteId)).flatMap(site -> site.field("entity.name"));
    }

    private static Map<String, Kind> kinds() {
        Function<RawEvent, Optional<String>> account = RawEvent::account;
        Function<RawEvent, Optional<String>> region = event -> Optional.of(event.region());
        Function<RawEvent, Optional<String>> project = RawEvent::project;
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put(
                "site", new Kind("site", List.of(p("siteId")), "siteName", nounIn("Site"), "Create", "Delete", false));
        kinds.put(
                "asset",
                new Kind(
                        "asset",
                        List.of(p("assetId")),
                        "assetName",
                        nounIn("Asset", "AssetStateTransition"),
                        "Create",
                        "Delete",
                        false));
        kinds.put(
                "gateway",
                new Kind(
                        "gateway",
                        List.of(p("gatewayId")),
                        "gatewayName",
                        nounIn("Gateway"),
                        "Create",
                        "Delete",
                        false));
        kinds.put(
                "sensor",
                new Kind("sensor", List.of(p("sensorId")), "sensorName", nounIn("Sensor"), "Create", "Delete", false));
        kinds.put(
                "project",
                new Kind(
                        "project",
                        List.of(account, region, project),
                        null,
                        event -> Set.of("Project", "Projects").contains(event.noun())
                                || Set.of("TagResource", "UntagResource", "ListTagsForResource")
                                        .contains(event.action()),
                        "Create",
                        "Delete",
                        false));
        kinds.put(
                "project_admin",
                new Kind(
                        "project_admin",
                        List.of(account, region, project, p("AdminUserId")),
                        "AdminUserName",
                        nounIn("ProjectAdminUser", "ProjectAdminUsers"),
                        "Associate",
                        "Disassociate",
                        true));
        kinds.put(
                "user_access",
                new Kind(
                        "user_access",
                        List.of(account, region, project, p("userId")),
                        "userName",
                        nounIn("UserAccessRoleAssociation", "UserAccessRoleAssociations"),
                        "Create",
                        "Delete",
                        true));
        return kinds;
    }

    private static Predicate<RawEvent> nounIn(String... nouns) {
        Set<String> set = Set.of(nouns);
        return event -> set.contains(event.noun());
    }

    private static Function<RawEvent, Optional<String>> p(String name) {
        return event -> parameter(event, name);
    }

    /** A request parameter by name (any case), else a response element of that name. */
    static Optional<String> parameter(RawEvent event, String name) {
        for (String part : List.of("requestParameters", "responseElements")) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            event.json().path(part).fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                if (entry.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))
                        && value.isValueNode()
                        && !value.asText().isBlank()) {
                    return Optional.of(value.asText());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> name(Kind kind, List<String> key, List<RawEvent> events) {
        if (kind.nameParameter() == null) {
            return Optional.of(key.get(key.size() - 1));
        }
        Optional<String> own = events.stream()
                .filter(event -> !event.failed() && kind.own().test(event))
                .map(event -> parameter(event, kind.nameParameter()))
                .flatMap(Optional::stream)
                .reduce((first, second) -> second);
        if (own.isPresent() || kind.onlyOwn()) {
            return own;
        }
        return events.stream()
                .filter(event -> !event.failed())
                .map(event -> parameter(event, kind.nameParameter()))
                .flatMap(Optional::stream)
                .reduce((first, second) -> second);
    }

    private static Entity entity(
            Kind kind, List<String> key, List<RawEvent> events, Map<String, Map<String, String>> names) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("entity.kind", kind.label());
        fields.put("entity.id", key.get(key.size() - 1));
        // the entity's own name (names by id serve parents only: association keys are more than an id)
        name(kind, key, events).ifPresent(name -> fields.put("entity.name", name));
        List<RawEvent> own = events.stream().filter(kind.own()).toList();
        // a state transition is a change of the asset, not its creation
        Predicate<RawEvent> creates = event -> !event.failed()
                && event.verb().equals(kind.createVerb())
                && !event.noun().equals("AssetStateTransition");
        Optional<RawEvent> lastCreate = last(own, creates);
        Optional<RawEvent> lastDelete =
                last(own, event -> !event.failed() && event.verb().equals(kind.deleteVerb()));
        boolean deleted = lastDelete.isPresent()
                && (lastCreate.isEmpty()
                        || !lastDelete.get().time().isBefore(lastCreate.get().time()));
        boolean confirmed = events.stream().anyMatch(event -> !event.failed());
        fields.put("entity.state", deleted ? "deleted" : confirmed ? "active" : "unconfirmed");
        lastDelete.ifPresent(event -> {
            event.actingUser().ifPresent(user -> fields.put("entity.deleted_by", user));
            fields.put("entity.deleted_at", event.time().toString());
        });
        own.stream()
                .filter(creates)
                .findFirst()
                .flatMap(RawEvent::actingUser)
                .ifPresent(user -> fields.put("entity.created_by", user));
        last(own, event -> !event.failed() && event.noun().equals("AssetStateTransition"))
                .flatMap(event -> parameter(event, "toState"))
                .ifPresent(condition -> fields.put("entity.condition", condition));
        // parents: the latest event naming each
        last(events, event -> event.project().isPresent())
                .flatMap(RawEvent::project)
                .ifPresent(value -> fields.put("monitron.project.name", value));
        Optional<String> ownName = Optional.ofNullable(fields.get("entity.name"));
        switch (kind.label()) {
            case "site" -> ownName.ifPresent(name -> fields.put("monitron.site.name", name));
            case "asset" -> {
                ownName.ifPresent(name -> fields.put("monitron.asset.name", name));
                parentName(events, "siteId", names.get("site"))
                        .ifPresent(name -> fields.put("monitron.site.name", name));
            }
            case "gateway" ->
                parentName(events, "siteId", names.get("site"))
                        .ifPresent(name -> fields.put("monitron.site.name", name));
            case "sensor" -> {
                parentName(events, "siteId", names.get("site"))
                        .ifPresent(name -> fields.put("monitron.site.name", name));
                parentName(events, "assetId", names.get("asset"))
                        .ifPresent(name -> fields.put("monitron.asset.name", name));
            }
            default -> {}
        }
        String documentId = kind.label() + ":" + String.join(":", key);
        return new Entity(documentId, Map.copyOf(fields));
    }

    private static Optional<String> parentName(List<RawEvent> events, String idParameter, Map<String, String> names) {
        return last(events, event -> parameter(event, idParameter).isPresent())
                .flatMap(event -> parameter(event, idParameter))
                .flatMap(id -> Optional.ofNullable(names.get(id)));
    }

    private static Optional<RawEvent> last(List<RawEvent> chronological, Predicate<RawEvent> which) {
        RawEvent found = null;
        for (RawEvent event : chronological) {
            if (which.test(event)) {
                found = event;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Entity fields that hold times: compared as Elasticsearch renders dates. */
    static Instant time(Entity entity, String field) {
        return entity.field(field).map(Instant::parse).orElse(Instant.EPOCH);
    }
}
