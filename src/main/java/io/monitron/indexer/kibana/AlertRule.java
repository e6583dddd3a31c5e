package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kibana Elasticsearch query rule ({@code .es-query}, query DSL) with a fixed id, so that creating it again finds
 * and updates the same rule. The bodies follow Kibana's alerting API: {@link #createBody(boolean)} for {@code POST
 * /api/alerting/rule/{id}}, {@link #updateBody(JsonNode)} for {@code PUT /api/alerting/rule/{id}}, which accepts
 * neither the rule type, the consumer nor {@code enabled}.
 *
 * @param id a UUID (Kibana takes only a v1 or v4 UUID as a chosen rule id)
 * @param params the rule type's parameters; {@code esQuery} is the query DSL as a JSON string
 */
public record AlertRule(String id, String name, String interval, List<String> tags, ObjectNode params) {

    /** The Elasticsearch query rule type. */
    public static final String RULE_TYPE = ".es-query";
    /** The Stack Management rules feature: the rule shows under Stack Management → Rules. */
    public static final String CONSUMER = "stackAlerts";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_V1_OR_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[14][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    /** What an action of an existing rule may carry back into an update (the update schema rejects other keys). */
    private static final Set<String> ACTION_KEYS =
            Set.of("group", "id", "params", "frequency", "uuid", "alerts_filter", "use_alert_data_for_template");

    public AlertRule {
        Objects.requireNonNull(id, "id");
        if (!UUID_V1_OR_V4.matcher(id).matches()) {
            throw new IllegalArgumentException("a Kibana rule id must be a lowercase v1 or v4 UUID: " + id);
        }
        tags = List.copyOf(tags);
        params = params.deepCopy();
    }

    /** The query DSL the rule runs ({@code params.esQuery} parsed): {@code {"query": {...}}}. */
    public ObjectNode esQuery() {
        try {
            return (ObjectNode) JSON.readTree(params.path("esQuery").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("rule " + id + " has an esQuery that is not JSON", e);
        }
    }

    /** The create request: no actions, so connectors stay the user's choice. */
    public ObjectNode createBody(boolean enabled) {
        ObjectNode body = common();
        body.put("rule_type_id", RULE_TYPE).put("consumer", CONSUMER).put("enabled", enabled);
        body.putArray("actions");
        return body;
    }

    /**
     * The update request. An update replaces the rule's actions, so those of the existing rule (as {@code GET} returns
     * it) are sent back: connectors a user attached in Kibana survive a re-run of {@code setup}.
     */
    public ObjectNode updateBody(JsonNode existing) {
        ObjectNode body = common();
        ArrayNode actions = body.putArray("actions");
        for (JsonNode action : existing.path("actions")) {
            ObjectNode kept = actions.addObject();
            action.fields().forEachRemaining(field -> {
                if (ACTION_KEYS.contains(field.getKey())) {
                    kept.set(field.getKey(), field.getValue());
                }
            });
        }
        return body;
    }

    private ObjectNode common() {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        ArrayNode tagsJson = body.putArray("tags");
        tags.forEach(tagsJson::add);
        body.putObject("schedule").put("interval", interval);
        body.set("params", params.deepCopy());
        return body;
    }
}
