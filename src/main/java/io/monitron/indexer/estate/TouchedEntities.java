package io.monitron.indexer.estate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The estate entities a run's documents name, collected while the run builds them ({@link #add}, safe from several
 * threads), so that {@link EstateIndex#update} recomputes only those. A document names an entity when it is a
 * Monitron event with every key field of the entity's kind ({@link EntityKind}); project-admin and user-access
 * associations only through their own actions.
 */
public final class TouchedEntities {

    private static final String MONITRON = "monitron.amazonaws.com";

    private final Map<EntityKind, Set<List<String>>> keys = new EnumMap<>(EntityKind.class);

    public TouchedEntities() {
        for (EntityKind kind : EntityKind.values()) {
            keys.put(kind, ConcurrentHashMap.newKeySet());
        }
    }

    /** Notes the entities an event document (as indexed: nested objects) names. Other documents are ignored. */
    public void add(JsonNode document) {
        if (!DottedPath.text(document, "event.provider")
                .filter(MONITRON::equals)
                .isPresent()) {
            return;
        }
        Optional<String> resourceType = DottedPath.text(document, "monitron.resource.type");
        for (EntityKind kind : EntityKind.values()) {
            if (kind.onlyOwnEvents()
                    && !resourceType.filter(kind.ownResourceTypes()::contains).isPresent()) {
                continue;
            }
            List<String> key = new ArrayList<>(kind.keyFields().size());
            for (String field : kind.keyFields()) {
                Optional<String> value = DottedPath.text(document, field);
                if (value.isEmpty()) {
                    break;
                }
                key.add(value.get());
            }
            if (key.size() == kind.keyFields().size()) {
                keys.get(kind).add(List.copyOf(key));
            }
        }
    }

    /** The keys noted for a kind (the values of its key fields, in order). */
    Set<List<String>> keys(EntityKind kind) {
        return Set.copyOf(keys.get(kind));
    }

    /** The estate document ids of every entity noted. */
    public Set<String> ids() {
        Set<String> ids = new java.util.TreeSet<>();
        keys.forEach((kind, set) -> set.forEach(key -> ids.add(kind.documentId(key))));
        return ids;
    }

    public boolean isEmpty() {
        return keys.values().stream().allMatch(Set::isEmpty);
    }
}
