package io.monitron.indexer.estate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.sink.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The estate index: the current Monitron estate, one document per entity ({@link EntityKind}), with deterministic ids
 * ({@code KIND:KEY}), computed from the events in the events indices ({@link EstateBuilder}) and kept outside their
 * index pattern, so event panels never see it. Call {@link #update} after a successful index run with the entities
 * the run's documents named, or {@link #rebuild} after a {@code --full} run; both recompute each entity from all of
 * its events, so running them again changes nothing.
 *
 * <p>Both also fill the names of sites, assets, gateways and sensors into event documents that name them only by id
 * and were indexed without the name (their file was read before the one that names the entity; see {@link
 * EntityNames}), and keep the parent names in the estate's own documents current when a parent is renamed.
 */
public final class EstateIndex {

    public static final String DEFAULT_INDEX = "monitron-estate";
    public static final String RESOURCE = "/estate-index.json";

    /** Kinds in the order they are built: parents before the entities that name them. */
    private static final List<EntityKind> ORDER = List.of(
            EntityKind.SITE,
            EntityKind.ASSET,
            EntityKind.GATEWAY,
            EntityKind.SENSOR,
            EntityKind.PROJECT,
            EntityKind.PROJECT_ADMIN,
            EntityKind.USER_ACCESS);

    private static final int BULK_DOCUMENTS = 500;
    private static final int IDS_PER_UPDATE = 1000;
    private static final int PAGE = 5000;

    private final ElasticsearchJson es;
    private final String eventsPattern;
    private final String index;
    private final EstateBuilder builder;

    /**
     * @param eventsPattern the events indices, e.g. {@code monitron-cloudtrail-*} ({@code IndexNames.pattern()})
     * @param estateIndex the estate index, e.g. {@link #DEFAULT_INDEX}; must not match {@code eventsPattern}
     */
    public EstateIndex(ElasticsearchClient client, String eventsPattern, String estateIndex) {
        this(new ElasticsearchJson(client), eventsPattern, estateIndex);
    }

    EstateIndex(ElasticsearchJson es, String eventsPattern, String estateIndex) {
        String prefix = eventsPattern.endsWith("*") ? eventsPattern.substring(0, eventsPattern.length() - 1) : "";
        if (estateIndex.isBlank() || (!prefix.isEmpty() && estateIndex.startsWith(prefix))) {
            throw new IllegalArgumentException("the estate index " + estateIndex + " must lie outside the events"
                    + " indices " + eventsPattern + ", or the event panels would count its documents");
        }
        this.es = es;
        this.eventsPattern = eventsPattern;
        this.index = estateIndex;
        this.builder = new EstateBuilder(es, eventsPattern);
    }

    public String name() {
        return index;
    }

    /** What an update or rebuild did. */
    public record Summary(int written, int removed) {}

    /** Creates the index with the bundled mapping, or adds the mapping's fields to an index that exists. */
    public void install() {
        ObjectNode body = bundledBody();
        JsonNode existing = es.send("GET", "/" + index, Map.of(), null, "look for the estate index " + index, true);
        if (existing == null) {
            es.send("PUT", "/" + index, Map.of(), body.toString(), "create the estate index " + index, false);
        } else {
            es.send(
                    "PUT",
                    "/" + index + "/_mapping",
                    Map.of(),
                    body.path("mappings").toString(),
                    "update the mapping of the estate index " + index,
                    false);
        }
    }

    /**
     * Recomputes the entities the run's documents named, and fills the names they give into event and estate
     * documents naming them by id.
     */
    public Summary update(TouchedEntities touched) {
        if (touched.isEmpty()) {
            return new Summary(0, 0);
        }
        List<ObjectNode> documents = new ArrayList<>();
        for (EntityKind kind : ORDER) {
            Set<List<String>> keys = touched.keys(kind);
            if (!keys.isEmpty()) {
                documents.addAll(builder.build(kind, keys));
            }
        }
        EntityNames fresh = namesOf(documents);
        EntityNames names = EntityNames.load(es, index).with(fresh);
        fillParentNames(documents, names);
        write(documents);
        fillNames(index, fresh, true);
        fillNames(eventsPattern, fresh, false);
        return new Summary(documents.size(), 0);
    }

    /** Recomputes every entity from all events, removes estate documents no event names any more, fills names. */
    public Summary rebuild() {
        List<ObjectNode> documents = new ArrayList<>();
        for (EntityKind kind : ORDER) {
            documents.addAll(builder.buildAll(kind));
        }
        EntityNames names = namesOf(documents);
        fillParentNames(documents, names);
        write(documents);
        Set<String> kept = new HashSet<>();
        documents.forEach(
                document -> kept.add(document.path("entity").path("key").asText()));
        int removed = removeAllBut(kept);
        fillNames(eventsPattern, names, false);
        return new Summary(documents.size(), removed);
    }

    private static EntityNames namesOf(List<ObjectNode> documents) {
        Map<EntityKind, Map<String, String>> names = new EnumMap<>(EntityKind.class);
        for (ObjectNode document : documents) {
            JsonNode entity = document.path("entity");
            Optional<EntityKind> kind = EntityKind.ofLabel(entity.path("kind").asText());
            if (kind.isPresent() && EntityNames.NAMED_BY_ID.contains(kind.get()) && entity.hasNonNull("name")) {
                names.computeIfAbsent(kind.get(), k -> new HashMap<>())
                        .put(entity.path("id").asText(), entity.path("name").asText());
            }
        }
        return new EntityNames(names);
    }

    /** The current name of each parent an estate document names by id (its own name stays as built). */
    private static void fillParentNames(List<ObjectNode> documents, EntityNames names) {
        for (ObjectNode document : documents) {
            String ownKind = document.path("entity").path("kind").asText();
            for (EntityKind parent : EntityNames.NAMED_BY_ID) {
                if (parent.label().equals(ownKind)) {
                    continue;
                }
                DottedPath.text(document, parent.keyFields().get(0))
                        .flatMap(id -> names.name(parent, id))
                        .ifPresent(name -> DottedPath.put(document, parent.nameField(), name));
            }
        }
    }

    private void write(List<ObjectNode> documents) {
        for (int from = 0; from < documents.size(); from += BULK_DOCUMENTS) {
            StringBuilder body = new StringBuilder();
            for (ObjectNode document : documents.subList(from, Math.min(documents.size(), from + BULK_DOCUMENTS))) {
                ObjectNode action = ElasticsearchJson.JSON.createObjectNode();
                action.putObject("index")
                        .put("_index", index)
                        .put("_id", document.path("entity").path("key").asText());
                body.append(action).append('\n').append(document).append('\n');
            }
            bulk(body.toString(), "write the estate to " + index);
        }
        es.send("POST", "/" + index + "/_refresh", Map.of(), null, "refresh the estate index " + index, false);
    }

    private int removeAllBut(Set<String> kept) {
        List<String> stale = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body =
                    ElasticsearchJson.JSON.createObjectNode().put("size", PAGE).put("_source", false);
            body.putObject("query").putObject("match_all");
            body.putArray("sort").addObject().put("entity.key", "asc");
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = es.send(
                            "POST",
                            "/" + index + "/_search",
                            Map.of(),
                            body.toString(),
                            "list the estate index " + index,
                            false)
                    .path("hits")
                    .path("hits");
            for (JsonNode hit : hits) {
                if (!kept.contains(hit.path("_id").asText())) {
                    stale.add(hit.path("_id").asText());
                }
                after = hit.path("sort");
            }
            if (hits.size() < PAGE) {
                break;
            }
        }
        for (int from = 0; from < stale.size(); from += BULK_DOCUMENTS) {
            StringBuilder body = new StringBuilder();
            for (String id : stale.subList(from, Math.min(stale.size(), from + BULK_DOCUMENTS))) {
                ObjectNode action = ElasticsearchJson.JSON.createObjectNode();
                action.putObject("delete").put("_index", index).put("_id", id);
                body.append(action).append('\n');
            }
            bulk(body.toString(), "remove stale entities from " + index);
        }
        if (!stale.isEmpty()) {
            es.send("POST", "/" + index + "/_refresh", Map.of(), null, "refresh the estate index " + index, false);
        }
        return stale.size();
    }

    private void bulk(String ndjson, String what) {
        bulk(ndjson, what, false);
    }

    /** @param conflictsOk a version conflict (the document changed since it was read) is not an error */
    private void bulk(String ndjson, String what, boolean conflictsOk) {
        // every write here is idempotent (whole documents, or updates guarded by sequence numbers), so a body whose
        // items were pushed back (429, 5xx) is sent again whole, with the one retry policy
        for (int attempt = 1; ; attempt++) {
            JsonNode response = es.sendNdjson("/_bulk", ndjson, what);
            if (!response.path("errors").asBoolean(false)) {
                return;
            }
            boolean pushedBack = false;
            for (JsonNode item : response.path("items")) {
                JsonNode result = item.elements().next();
                int status = result.path("status").asInt();
                if (!result.has("error") || (conflictsOk && status == 409)) {
                    continue;
                }
                if (RetryPolicy.retryableStatus(status) && RetryPolicy.DEFAULT.allowsAnotherAfter(attempt)) {
                    pushedBack = true;
                    continue;
                }
                throw new EstateException(
                        "cannot " + what + ": " + result.path("_id").asText() + " refused: "
                                + result.path("error").path("reason").asText(),
                        null);
            }
            if (!pushedBack) {
                return;
            }
            try {
                Thread.sleep(RetryPolicy.DEFAULT.delayAfter(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EstateException("interrupted while writing the estate", e);
            }
        }
    }

    /**
     * Sets {@code monitron.KIND.name} from {@code names} in the documents of {@code target} that name the entity by
     * id: where the name is missing, or (estate documents, {@code replace}) where it differs. Partial updates through
     * the bulk API, each only if the document is still the one read (a concurrent write wins, and is itself decorated
     * at indexing time), so no scripting or update-by-query module is needed.
     */
    private void fillNames(String target, EntityNames names, boolean replace) {
        boolean changed = false;
        for (EntityKind kind : EntityNames.NAMED_BY_ID) {
            String idField = kind.keyFields().get(0);
            List<Map.Entry<String, String>> entries =
                    new ArrayList<>(names.names(kind).entrySet());
            for (int from = 0; from < entries.size(); from += IDS_PER_UPDATE) {
                Map<String, String> chunk = new HashMap<>();
                entries.subList(from, Math.min(entries.size(), from + IDS_PER_UPDATE))
                        .forEach(entry -> chunk.put(entry.getKey(), entry.getValue()));
                ObjectNode query = ElasticsearchJson.JSON.createObjectNode();
                ObjectNode bool = query.putObject("bool");
                com.fasterxml.jackson.databind.node.ArrayNode ids =
                        bool.putArray("filter").addObject().putObject("terms").putArray(idField);
                chunk.keySet().forEach(ids::add);
                if (!replace) {
                    bool.putArray("must_not").addObject().putObject("exists").put("field", kind.nameField());
                }
                changed |= fillNames(target, kind, query, chunk);
            }
        }
        if (changed) {
            es.send(
                    "POST",
                    "/" + target + "/_refresh",
                    Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
                    null,
                    "refresh " + target,
                    false);
        }
    }

    private boolean fillNames(String target, EntityKind kind, ObjectNode query, Map<String, String> names) {
        String idField = kind.keyFields().get(0);
        boolean changed = false;
        JsonNode after = null;
        while (true) {
            ObjectNode body =
                    ElasticsearchJson.JSON.createObjectNode().put("size", PAGE).put("seq_no_primary_term", true);
            body.set("query", query);
            // a unique keyword on both kinds of documents, as search_after needs
            body.putArray("sort").addObject().put(target.equals(index) ? "entity.key" : "event.id", "asc");
            body.putArray("_source").add(idField).add(kind.nameField());
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = es.send(
                            "POST",
                            "/" + target + "/_search",
                            Map.of("ignore_unavailable", "true", "allow_no_indices", "true"),
                            body.toString(),
                            "find documents naming a " + kind.label() + " by id in " + target,
                            false)
                    .path("hits")
                    .path("hits");
            StringBuilder updates = new StringBuilder();
            for (JsonNode hit : hits) {
                after = hit.path("sort");
                JsonNode source = hit.path("_source");
                Optional<String> id = DottedPath.text(source, idField);
                String name = id.map(names::get).orElse(null);
                if (name == null
                        || DottedPath.text(source, kind.nameField())
                                .filter(name::equals)
                                .isPresent()) {
                    continue;
                }
                ObjectNode action = ElasticsearchJson.JSON.createObjectNode();
                action.putObject("update")
                        .put("_index", hit.path("_index").asText())
                        .put("_id", hit.path("_id").asText())
                        .put("if_seq_no", hit.path("_seq_no").asLong())
                        .put("if_primary_term", hit.path("_primary_term").asLong());
                ObjectNode doc = ElasticsearchJson.JSON.createObjectNode();
                DottedPath.put(doc.putObject("doc"), kind.nameField(), name);
                updates.append(action).append('\n').append(doc).append('\n');
            }
            if (updates.length() > 0) {
                bulk(updates.toString(), "fill " + kind.label() + " names into " + target, true);
                changed = true;
            }
            if (hits.size() < PAGE) {
                return changed;
            }
        }
    }

    private static ObjectNode bundledBody() {
        try (InputStream in = EstateIndex.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            ObjectNode body = (ObjectNode) ElasticsearchJson.JSON.readTree(in);
            ObjectNode mappings = (ObjectNode) body.path("mappings");
            mappings.set("_meta", body.remove("_meta"));
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
