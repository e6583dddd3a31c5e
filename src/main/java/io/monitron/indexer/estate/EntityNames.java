package io.monitron.indexer.estate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The current names of sites, assets, gateways and sensors by id, as the estate index holds them, for events that
 * name an entity only by its id (a gateway's site, an update naming a sensor's asset by id). {@link #decorate} fills
 * the missing name into such an event document before it is indexed; a name the event carries itself is never
 * replaced (it is the name at the time of the event). Loaded once at the start of a run; what the run itself adds
 * is filled in afterwards by {@link EstateIndex#update}, so the result does not depend on file order.
 */
public final class EntityNames {

    /** The kinds events name by id alone, in the order their names are filled. */
    static final List<EntityKind> NAMED_BY_ID =
            List.of(EntityKind.SITE, EntityKind.ASSET, EntityKind.GATEWAY, EntityKind.SENSOR);

    private static final int PAGE = 5000;

    private final Map<EntityKind, Map<String, String>> names;

    EntityNames(Map<EntityKind, Map<String, String>> names) {
        this.names = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : NAMED_BY_ID) {
            this.names.put(kind, Map.copyOf(names.getOrDefault(kind, Map.of())));
        }
    }

    /** No names: what a run without an estate index decorates with. */
    public static EntityNames none() {
        return new EntityNames(Map.of());
    }

    /** Reads every named site, asset, gateway and sensor from the estate index; an absent index gives no names. */
    public static EntityNames load(ElasticsearchClient client, String estateIndex) {
        return load(new ElasticsearchJson(client), estateIndex);
    }

    static EntityNames load(ElasticsearchJson es, String estateIndex) {
        Map<EntityKind, Map<String, String>> names = new EnumMap<>(EntityKind.class);
        NAMED_BY_ID.forEach(kind -> names.put(kind, new HashMap<>()));
        JsonNode after = null;
        while (true) {
            ObjectNode body = ElasticsearchJson.JSON.createObjectNode().put("size", PAGE);
            ObjectNode bool = body.putObject("query").putObject("bool");
            bool.putArray("filter")
                    .add(termsOfKinds())
                    .addObject()
                    .putObject("exists")
                    .put("field", "entity.name");
            body.putArray("sort").addObject().put("entity.key", "asc");
            body.putArray("_source").add("entity.kind").add("entity.id").add("entity.name");
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode response = es.send(
                    "POST",
                    "/" + estateIndex + "/_search",
                    Map.of(),
                    body.toString(),
                    "read names from " + estateIndex,
                    true);
            if (response == null) {
                return new EntityNames(names);
            }
            JsonNode hits = response.path("hits").path("hits");
            for (JsonNode hit : hits) {
                JsonNode entity = hit.path("_source").path("entity");
                EntityKind.ofLabel(entity.path("kind").asText()).ifPresent(kind -> names.get(kind)
                        .put(entity.path("id").asText(), entity.path("name").asText()));
                after = hit.path("sort");
            }
            if (hits.size() < PAGE) {
                return new EntityNames(names);
            }
        }
    }

    private static ObjectNode termsOfKinds() {
        ObjectNode terms = ElasticsearchJson.JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode kinds =
                terms.putObject("terms").putArray("entity.kind");
        NAMED_BY_ID.forEach(kind -> kinds.add(kind.label()));
        return terms;
    }

    /** The current name of an entity, if the estate knows it. */
    public Optional<String> name(EntityKind kind, String id) {
        return Optional.ofNullable(names.getOrDefault(kind, Map.of()).get(id));
    }

    /** These names with others laid over them (the others win). */
    EntityNames with(EntityNames newer) {
        Map<EntityKind, Map<String, String>> merged = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : NAMED_BY_ID) {
            Map<String, String> map = new HashMap<>(names.get(kind));
            map.putAll(newer.names.get(kind));
            merged.put(kind, map);
        }
        return new EntityNames(merged);
    }

    Map<String, String> names(EntityKind kind) {
        return names.getOrDefault(kind, Map.of());
    }

    /**
     * Fills {@code monitron.site.name}, {@code monitron.asset.name}, {@code monitron.gateway.name} and {@code
     * monitron.sensor.name} where the document has the id but not the name and the estate knows the name.
     *
     * @return whether the document changed
     */
    public boolean decorate(ObjectNode document) {
        boolean changed = false;
        for (EntityKind kind : NAMED_BY_ID) {
            String idField = kind.keyFields().get(0);
            Optional<String> id = DottedPath.text(document, idField);
            if (id.isEmpty() || DottedPath.text(document, kind.nameField()).isPresent()) {
                continue;
            }
            Optional<String> name = name(kind, id.get());
            if (name.isPresent()) {
                DottedPath.put(document, kind.nameField(), name.get());
                changed = true;
            }
        }
        return changed;
    }
}
