package io.monitron.indexer.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes estate documents from the events indices: one composite aggregation per kind, bucketed on the kind's key
 * fields, whose sub-aggregations pick, among all the entity's events, the latest successful one that names it, its first and
 * latest successful creation, its latest successful deletion and change, and (assets) its latest state transition.
 * Every value is a maximum or minimum over the entity's events ordered by {@code @timestamp} then {@code event.id},
 * so the result does not depend on the order events were indexed in, and an event that arrives late or again cannot
 * move an entity back to an older state.
 *
 * <p>State: {@code deleted} when the latest successful deletion (disassociation) is at or after the latest successful
 * creation (association); else {@code active} when any successful call names it (also an entity created before the
 * trail starts); else {@code unconfirmed}: only refused calls name it (a sensor whose creation failed, an admin
 * association that was denied), so it may never have existed.
 */
final class EstateBuilder {

    private static final int PAGE = 200;
    private static final int KEYS_PER_QUERY = 1000;
    private static final List<String> READ_OPERATIONS = List.of("get", "list");

    private final ElasticsearchJson es;
    private final String eventsPattern;

    EstateBuilder(ElasticsearchJson es, String eventsPattern) {
        this.es = es;
        this.eventsPattern = eventsPattern;
    }

    /** Every entity of the kind found in the events. */
    List<ObjectNode> buildAll(EntityKind kind) {
        return build(kind, Optional.empty());
    }

    /** The entities of the kind with these keys (those without any event are left out). */
    List<ObjectNode> build(EntityKind kind, Set<List<String>> keys) {
        List<ObjectNode> documents = new ArrayList<>();
        List<List<String>> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            List<List<String>> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
            Set<List<String>> wanted = new HashSet<>(chunk);
            for (ObjectNode document : build(kind, Optional.of(chunk))) {
                if (wanted.contains(keyOf(kind, document))) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    private List<ObjectNode> build(EntityKind kind, Optional<List<List<String>>> keys) {
        List<ObjectNode> documents = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = request(kind, keys, after);
            JsonNode response = es.send(
                    "POST",
                    "/" + eventsPattern + "/_search",
                    Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
                    body.toString(),
                    "read the " + kind.label() + " entities from " + eventsPattern,
                    false);
            JsonNode entities = response.path("aggregations").path("entities");
            for (JsonNode bucket : entities.path("buckets")) {
                documents.add(document(kind, bucket));
            }
            after = entities.get("after_key");
            if (after == null || entities.path("buckets").size() < PAGE) {
                return documents;
            }
        }
    }

    private static ObjectNode request(EntityKind kind, Optional<List<List<String>>> keys, JsonNode after) {
        ObjectNode body = ElasticsearchJson.JSON.createObjectNode().put("size", 0);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("event.provider", "monitron.amazonaws.com");
        kind.keyFields().forEach(field -> filter.addObject().putObject("exists").put("field", field));
        if (kind.onlyOwnEvents()) {
            filter.add(terms("monitron.resource.type", kind.ownResourceTypes()));
        }
        keys.ifPresent(list -> {
            String last = kind.keyFields().get(kind.keyFields().size() - 1);
            filter.add(terms(
                    last,
                    list.stream().map(key -> key.get(key.size() - 1)).distinct().toList()));
        });

        ObjectNode composite = body.putObject("aggs").putObject("entities");
        ObjectNode compositeSpec = composite.putObject("composite").put("size", PAGE);
        ArrayNode sources = compositeSpec.putArray("sources");
        for (int i = 0; i < kind.keyFields().size(); i++) {
            sources.addObject()
                    .putObject("k" + i)
                    .putObject("terms")
                    .put("field", kind.keyFields().get(i));
        }
        if (after != null) {
            compositeSpec.set("after", after);
        }
        ObjectNode aggs = composite.putObject("aggs");
        List<String> shown = List.of("@timestamp", "user.name", kind.nameField());
        // names only from calls that succeeded: a refused rename renamed nothing
        latest(aggs, "latest", succeeded(exists(kind.nameField())), shown, false);
        for (String parent : kind.parentFields()) {
            latest(aggs, "parent:" + parent, exists(parent), List.of(parent), false);
        }

        ObjectNode confirmed = aggs.putObject("succeeded");
        confirmed.putObject("filter").putObject("term").put("event.outcome", "success");
        ObjectNode own = aggs.putObject("own");
        own.set("filter", terms("monitron.resource.type", kind.ownResourceTypes()));
        ObjectNode ownAggs = own.putObject("aggs");
        latest(ownAggs, "named", succeeded(exists(kind.nameField())), shown, false);
        latest(ownAggs, "first_created", succeeded(terms("monitron.operation", kind.createOperations())), shown, true);
        latest(ownAggs, "last_created", succeeded(terms("monitron.operation", kind.createOperations())), shown, false);
        latest(ownAggs, "last_deleted", succeeded(terms("monitron.operation", kind.deleteOperations())), shown, false);
        ObjectNode change = ElasticsearchJson.JSON.createObjectNode();
        change.putObject("bool").putArray("must_not").add(terms("monitron.operation", READ_OPERATIONS));
        latest(ownAggs, "last_changed", succeeded(change), shown, false);
        if (kind == EntityKind.ASSET) {
            ObjectNode transition = exists("monitron.asset_state.to");
            latest(ownAggs, "condition", succeeded(transition), List.of("monitron.asset_state.to"), false);
        }
        if (kind == EntityKind.USER_ACCESS) {
            latest(ownAggs, "role", succeeded(exists("monitron.role")), List.of("monitron.role"), false);
        }
        return body;
    }

    /** A filter aggregation holding the first or latest matching event ({@code @timestamp}, then {@code event.id}). */
    private static void latest(ObjectNode aggs, String name, ObjectNode filter, List<String> fields, boolean first) {
        ObjectNode agg = aggs.putObject(name);
        agg.set("filter", filter);
        ObjectNode hits =
                agg.putObject("aggs").putObject("hit").putObject("top_hits").put("size", 1);
        String order = first ? "asc" : "desc";
        ArrayNode sort = hits.putArray("sort");
        sort.addObject().put("@timestamp", order);
        sort.addObject().put("event.id", order);
        ArrayNode source = hits.putArray("_source");
        fields.forEach(source::add);
    }

    private static ObjectNode succeeded(ObjectNode condition) {
        ObjectNode query = ElasticsearchJson.JSON.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.add(condition);
        filter.addObject().putObject("term").put("event.outcome", "success");
        return query;
    }

    private static ObjectNode exists(String field) {
        ObjectNode query = ElasticsearchJson.JSON.createObjectNode();
        query.putObject("exists").put("field", field);
        return query;
    }

    private static ObjectNode terms(String field, List<String> values) {
        ObjectNode query = ElasticsearchJson.JSON.createObjectNode();
        ArrayNode list = query.putObject("terms").putArray(field);
        values.forEach(list::add);
        return query;
    }

    private static ObjectNode document(EntityKind kind, JsonNode bucket) {
        List<String> key = new ArrayList<>();
        for (int i = 0; i < kind.keyFields().size(); i++) {
            key.add(bucket.path("key").path("k" + i).asText());
        }
        JsonNode own = bucket.path("own");
        ObjectNode document = ElasticsearchJson.JSON.createObjectNode();
        ObjectNode entity = document.putObject("entity")
                .put("kind", kind.label())
                .put("key", kind.documentId(key))
                .put("id", key.get(key.size() - 1));
        for (int i = 0; i < key.size(); i++) {
            DottedPath.put(document, kind.keyFields().get(i), key.get(i));
        }
        for (String parent : kind.parentFields()) {
            hit(bucket, "parent:" + parent)
                    .flatMap(hit -> DottedPath.text(hit, parent))
                    .ifPresent(value -> DottedPath.put(document, parent, value));
        }
        Optional<String> name = hit(own, "named")
                .or(() -> kind.onlyOwnEvents() ? Optional.empty() : hit(bucket, "latest"))
                .flatMap(hit -> DottedPath.text(hit, kind.nameField()));
        name.ifPresent(value -> {
            entity.put("name", value);
            DottedPath.put(document, kind.nameField(), value);
        });

        Optional<JsonNode> lastCreated = hit(own, "last_created");
        Optional<JsonNode> lastDeleted = hit(own, "last_deleted");
        boolean deleted = lastDeleted.isPresent()
                && (lastCreated.isEmpty() || !time(lastDeleted.get()).isBefore(time(lastCreated.get())));
        boolean seenInASuccessfulCall =
                bucket.path("succeeded").path("doc_count").asLong() > 0;
        entity.put("state", deleted ? "deleted" : seenInASuccessfulCall ? "active" : "unconfirmed");
        hit(own, "first_created").ifPresent(hit -> who(entity, "created", hit));
        hit(own, "last_changed").ifPresent(hit -> who(entity, "changed", hit));
        lastDeleted.ifPresent(hit -> who(entity, "deleted", hit));
        hit(own, "condition")
                .flatMap(hit -> DottedPath.text(hit, "monitron.asset_state.to"))
                .ifPresent(condition -> entity.put("condition", condition));
        hit(own, "role").flatMap(hit -> DottedPath.text(hit, "monitron.role")).ifPresent(role -> {
            entity.put("role", role);
            DottedPath.put(document, "monitron.role", role);
        });
        entity.put("event_count", own.path("doc_count").asLong());
        return document;
    }

    private static void who(ObjectNode entity, String what, JsonNode hit) {
        DottedPath.text(hit, "user.name").ifPresent(user -> entity.put(what + "_by", user));
        DottedPath.text(hit, "@timestamp").ifPresent(at -> entity.put(what + "_at", at));
    }

    private static java.time.Instant time(JsonNode hit) {
        return java.time.Instant.parse(DottedPath.text(hit, "@timestamp").orElse("1970-01-01T00:00:00Z"));
    }

    private static Optional<JsonNode> hit(JsonNode parent, String aggregation) {
        JsonNode hits = parent.path(aggregation).path("hit").path("hits").path("hits");
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.get(0).path("_source"));
    }

    private static List<String> keyOf(EntityKind kind, JsonNode document) {
        List<String> key = new ArrayList<>();
        for (String field : kind.keyFields()) {
            key.add(DottedPath.text(document, field).orElse(""));
        }
        return key;
    }
}
