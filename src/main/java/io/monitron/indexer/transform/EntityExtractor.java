package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the Monitron projects, sites, assets, sensors, gateways, users, roles, states and tag keys an event names.
 * The Monitron API is not public, so this is best effort: parameter names match in any case and through aliases,
 * the request is searched before the response (top-level keys first, then keys of objects one level down), and the
 * first value found wins. Project ARNs ({@code arn:PARTITION:monitron:REGION:ACCOUNT:project/NAME}) give the project
 * name too, from any ARN-valued parameter and from {@code resources[].ARN}. docs/fields.md lists every alias.
 */
final class EntityExtractor {
    private static final Map<String, MonitronEntity> ALIASES = new HashMap<>();
    /** Parameters that name the target user only on actions about users, where they cannot be the caller. */
    private static final Map<String, MonitronEntity> USER_ALIASES = Map.of(
            "userid", MonitronEntity.TARGET_USER_ID,
            "username", MonitronEntity.TARGET_USER_NAME);

    private static final Set<String> ARN_KEYS = Set.of("projectarn", "resourcearn", "arn");
    private static final Set<String> TAG_KEY_KEYS = Set.of("tagkeys", "tagkeylist");
    private static final Set<String> TAG_MAP_KEYS = Set.of("tags", "taglist");

    static {
        alias(MonitronEntity.PROJECT_NAME, "projectname");
        alias(MonitronEntity.SITE_ID, "siteid");
        alias(MonitronEntity.SITE_NAME, "sitename");
        alias(MonitronEntity.ASSET_ID, "assetid");
        alias(MonitronEntity.ASSET_NAME, "assetname");
        alias(MonitronEntity.SENSOR_ID, "sensorid", "sensorserialnumber", "serialnumber", "sensorserial");
        alias(MonitronEntity.SENSOR_NAME, "sensorname", "sensorposition");
        alias(MonitronEntity.GATEWAY_ID, "gatewayid", "gatewayserialnumber");
        alias(MonitronEntity.GATEWAY_NAME, "gatewayname");
        alias(MonitronEntity.TARGET_USER_ID, "adminuserid", "targetuserid", "identityid");
        alias(MonitronEntity.TARGET_USER_NAME, "adminusername", "targetusername");
        alias(MonitronEntity.ROLE, "role", "rolename", "accessrole", "userrole");
        alias(MonitronEntity.ASSET_STATE_FROM, "fromstate", "previousstate", "oldstate");
        alias(MonitronEntity.ASSET_STATE_TO, "tostate", "newstate", "targetstate");
    }

    /** What an event names. */
    record Entities(Map<MonitronEntity, String> values, List<String> tagKeys) {
        String get(MonitronEntity entity) {
            return values.get(entity);
        }
    }

    private EntityExtractor() {}

    static Entities extract(ObjectNode event, MonitronAction action) {
        Search search = new Search(action);
        JsonNode request = event.get("requestParameters");
        JsonNode response = event.get("responseElements");
        search.topLevel(request);
        search.topLevel(response);
        search.nested(request);
        search.nested(response);
        JsonNode resources = event.get("resources");
        if (resources != null && resources.isArray()) {
            for (JsonNode resource : resources) {
                search.arn(Lenient.text(resource, "ARN"));
            }
        }
        return new Entities(search.found, List.copyOf(search.tagKeys));
    }

    /**
     * Reads {@code arn:PARTITION:monitron:REGION:ACCOUNT:project/NAME}; returns NAME, or {@code null} for anything
     * else.
     */
    static String projectNameFromArn(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        int colons = 0;
        int resourceStart = -1;
        int serviceStart = -1;
        for (int i = 0; i < arn.length(); i++) {
            if (arn.charAt(i) == ':') {
                colons++;
                if (colons == 2) {
                    serviceStart = i + 1;
                } else if (colons == 5) {
                    resourceStart = i + 1;
                    break;
                }
            }
        }
        if (resourceStart < 0 || !arn.startsWith("monitron:", serviceStart)) {
            return null;
        }
        if (!arn.startsWith("project/", resourceStart)) {
            return null;
        }
        int nameStart = resourceStart + "project/".length();
        int end = arn.indexOf('/', nameStart);
        String name = end < 0 ? arn.substring(nameStart) : arn.substring(nameStart, end);
        return name.isEmpty() ? null : name;
    }

    private static void alias(MonitronEntity entity, String... names) {
        for (String name : names) {
            ALIASES.put(name, entity);
        }
    }

    /** One event's search; fills each entity once. */
    private static final class Search {
        final Map<MonitronEntity, String> found = new EnumMap<>(MonitronEntity.class);
        final Set<String> tagKeys = new LinkedHashSet<>();
        private final MonitronEntity nameEntity;
        private final MonitronEntity idEntity;
        private final boolean aboutUsers;

        Search(MonitronAction action) {
            String resource = action.resourceType() == null ? "" : action.resourceType();
            // a bare "Name"/"Id" parameter names the resource the action is about (DeleteProject {"Name": ...})
            this.nameEntity = switch (resource) {
                case "project" -> MonitronEntity.PROJECT_NAME;
                case "site" -> MonitronEntity.SITE_NAME;
                case "asset", "asset_state" -> MonitronEntity.ASSET_NAME;
                case "sensor" -> MonitronEntity.SENSOR_NAME;
                case "gateway" -> MonitronEntity.GATEWAY_NAME;
                default -> null;
            };
            this.idEntity = switch (resource) {
                case "site" -> MonitronEntity.SITE_ID;
                case "asset", "asset_state" -> MonitronEntity.ASSET_ID;
                case "sensor" -> MonitronEntity.SENSOR_ID;
                case "gateway" -> MonitronEntity.GATEWAY_ID;
                default -> null;
            };
            this.aboutUsers = resource.contains("user");
        }

        void topLevel(JsonNode container) {
            if (container instanceof ObjectNode object) {
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    consider(field.getKey(), field.getValue());
                }
            }
        }

        void nested(JsonNode container) {
            if (container instanceof ObjectNode object) {
                for (Map.Entry<String, JsonNode> field : object.properties()) {
                    if (field.getValue() instanceof ObjectNode inner && !TAG_MAP_KEYS.contains(lower(field.getKey()))) {
                        topLevel(inner);
                    }
                }
            }
        }

        private void consider(String key, JsonNode value) {
            String name = lower(key);
            if (TAG_KEY_KEYS.contains(name)) {
                tagKeysFrom(value);
                return;
            }
            if (TAG_MAP_KEYS.contains(name)) {
                tagMapFrom(value);
                return;
            }
            if (ARN_KEYS.contains(name)) {
                arn(Lenient.text(value));
            }
            MonitronEntity entity = ALIASES.get(name);
            if (entity == null && aboutUsers) {
                entity = USER_ALIASES.get(name);
            }
            if (entity == null) {
                if (name.equals("name")) {
                    entity = nameEntity;
                } else if (name.equals("id")) {
                    entity = idEntity;
                }
            }
            if (entity != null) {
                put(entity, Lenient.text(value));
            }
        }

        void arn(String arn) {
            String project = projectNameFromArn(arn);
            if (project != null) {
                put(MonitronEntity.PROJECT_ARN, arn);
                put(MonitronEntity.PROJECT_NAME, project);
            }
        }

        private void put(MonitronEntity entity, String value) {
            if (value != null && !value.isBlank()) {
                found.putIfAbsent(entity, value);
            }
        }

        /** {@code ["env", "team"]} */
        private void tagKeysFrom(JsonNode value) {
            if (value != null && value.isArray()) {
                for (JsonNode key : value) {
                    String text = Lenient.text(key);
                    if (text != null) {
                        tagKeys.add(text);
                    }
                }
            }
        }

        /** {@code {"env": "prod"}} or {@code [{"Key": "env", "Value": "prod"}]} */
        private void tagMapFrom(JsonNode value) {
            if (value instanceof ObjectNode tags) {
                tags.fieldNames().forEachRemaining(tagKeys::add);
            } else if (value != null && value.isArray()) {
                for (JsonNode tag : value) {
                    String key = Lenient.text(tag, "Key");
                    if (key == null) {
                        key = Lenient.text(tag, "key");
                    }
                    if (key != null) {
                        tagKeys.add(key);
                    }
                }
            }
        }
    }

    private static String lower(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                return key.toLowerCase(Locale.ROOT);
            }
        }
        return key;
    }
}
