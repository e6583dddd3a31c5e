package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data view over {@code monitron-cloudtrail-*} (spec §2.1): readable labels for the fields people pick in Lens
 * and Discover, and lookup formats that turn codes into words. Field list stays {@code "[]"}: Kibana reads it from
 * Elasticsearch.
 */
final class DataView {

    static final Map<String, String> LABELS = labels();

    private DataView() {}

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("@timestamp", "Time");
        labels.put("event.action", "Action");
        labels.put("event.outcome", "Outcome");
        labels.put("event.id", "Event ID");
        labels.put("user.name", "Acting user");
        labels.put("user.id", "Acting user ID");
        labels.put("cloud.account.id", "Account");
        labels.put("cloud.region", "Region");
        labels.put("source.address", "Source address");
        labels.put("source.ip", "Source IP");
        labels.put("source.domain", "Source domain (AWS service)");
        labels.put("user_agent.original", "User agent");
        labels.put("user_agent.name", "Client software");
        labels.put("monitron.client.type", "Client");
        labels.put("error.code", "Error code");
        labels.put("error.message", "Error message");
        labels.put("monitron.api", "Monitron API");
        labels.put("monitron.resource.type", "Resource type");
        labels.put("monitron.operation", "Operation");
        labels.put("monitron.project.name", "Project");
        labels.put("monitron.project.arn", "Project ARN");
        labels.put("monitron.site.id", "Site ID");
        labels.put("monitron.site.name", "Site");
        labels.put("monitron.gateway.id", "Gateway ID");
        labels.put("monitron.gateway.name", "Gateway");
        labels.put("monitron.sensor.id", "Sensor serial");
        labels.put("monitron.sensor.name", "Sensor");
        labels.put("monitron.asset.id", "Asset ID");
        labels.put("monitron.asset.name", "Asset");
        labels.put("monitron.asset_state.from", "Asset state before");
        labels.put("monitron.asset_state.to", "Asset state after");
        labels.put("monitron.target_user.id", "Target user ID");
        labels.put("monitron.target_user.name", "Target user");
        labels.put("monitron.role", "Role");
        labels.put("monitron.tag.keys", "Tag keys");
        labels.put("aws.cloudtrail.user_identity.type", "Identity type");
        labels.put("aws.cloudtrail.user_identity.arn", "Identity ARN");
        labels.put("aws.cloudtrail.user_identity.access_key_id", "Access key");
        labels.put("aws.cloudtrail.user_identity.invoked_by", "Invoked by (AWS service)");
        labels.put("aws.cloudtrail.user_identity.session_context.mfa_authenticated", "MFA used");
        labels.put("aws.cloudtrail.read_only", "Read-only call");
        labels.put("aws.cloudtrail.request_parameters", "Request parameters");
        labels.put("aws.cloudtrail.response_elements", "Response elements");
        labels.put("log.file.path", "Source file");
        labels.put("log.file.record", "Record in source file");
        return labels;
    }

    static ObjectNode toSavedObject() {
        ObjectNode fieldAttrs = SavedObjectJson.object();
        LABELS.forEach((field, label) -> fieldAttrs.putObject(field).put("customLabel", label));

        ObjectNode formats = SavedObjectJson.object();
        formats.set("event.outcome", lookup("success", "Succeeded", "failure", "Failed"));
        formats.set(
                "monitron.client.type",
                lookup(
                        "console", "Console",
                        "mobile_app", "Mobile app",
                        "cli_sdk", "CLI / SDK",
                        "aws_service", "AWS service",
                        "other", "Other"));
        formats.set(
                "monitron.resource.type",
                lookup(
                        "project", "Project",
                        "project_admin_user", "Project admin",
                        "tag", "Tag",
                        "site", "Site",
                        "gateway", "Gateway",
                        "sensor", "Sensor",
                        "asset", "Asset",
                        "asset_state", "Asset state",
                        "user_access_role", "User access role"));
        formats.putObject("log.file.record")
                .put("id", "number")
                .putObject("params")
                .put("pattern", "0");

        ObjectNode attributes = SavedObjectJson.object()
                .put("title", "monitron-cloudtrail-*")
                .put("name", "Monitron CloudTrail")
                .put("timeFieldName", "@timestamp")
                .put("fields", "[]")
                .put("fieldFormatMap", SavedObjectJson.encode(formats))
                .put("fieldAttrs", SavedObjectJson.encode(fieldAttrs))
                .put("runtimeFieldMap", "{}")
                .put("sourceFilters", "[]")
                .put("allowNoIndex", true);
        return SavedObjectJson.envelope(
                "index-pattern", SavedObjectJson.DATA_VIEW_ID, attributes, SavedObjectJson.array());
    }

    /** Labels of the estate index's fields (docs/fields.md, "The estate index"). */
    static final Map<String, String> ESTATE_LABELS = estateLabels();

    private static Map<String, String> estateLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("entity.kind", "Kind");
        labels.put("entity.id", "ID");
        labels.put("entity.name", "Name");
        labels.put("entity.state", "State");
        labels.put("entity.condition", "Asset condition");
        labels.put("entity.role", "Role");
        labels.put("entity.created_by", "Created by");
        labels.put("entity.created_at", "Created at");
        labels.put("entity.changed_by", "Last changed by");
        labels.put("entity.changed_at", "Last changed at");
        labels.put("entity.deleted_by", "Deleted by");
        labels.put("entity.deleted_at", "Deleted at");
        labels.put("entity.event_count", "Events");
        labels.put("cloud.account.id", "Account");
        labels.put("cloud.region", "Region");
        labels.put("monitron.project.name", "Project");
        labels.put("monitron.site.name", "Site");
        labels.put("monitron.gateway.name", "Gateway");
        labels.put("monitron.asset.name", "Asset");
        labels.put("monitron.sensor.id", "Sensor serial");
        labels.put("monitron.sensor.name", "Sensor");
        labels.put("monitron.target_user.name", "User");
        return labels;
    }

    /**
     * The data view over the estate index ({@code monitron-estate}, which {@code setup --estate-index} may rename), with
     * no time field: the estate is the current state, which the time picker must not filter.
     */
    static ObjectNode estateSavedObject() {
        ObjectNode fieldAttrs = SavedObjectJson.object();
        ESTATE_LABELS.forEach((field, label) -> fieldAttrs.putObject(field).put("customLabel", label));
        ObjectNode formats = SavedObjectJson.object();
        formats.set(
                "entity.kind",
                lookup(
                        "project", "Project",
                        "site", "Site",
                        "gateway", "Gateway",
                        "asset", "Asset",
                        "sensor", "Sensor",
                        "project_admin", "Project admin",
                        "user_access", "User access"));
        formats.set("entity.state", lookup("active", "Active", "deleted", "Deleted"));
        ObjectNode attributes = SavedObjectJson.object()
                .put("title", "monitron-estate")
                .put("name", "Monitron estate")
                .put("fields", "[]")
                .put("fieldFormatMap", SavedObjectJson.encode(formats))
                .put("fieldAttrs", SavedObjectJson.encode(fieldAttrs))
                .put("runtimeFieldMap", "{}")
                .put("sourceFilters", "[]")
                .put("allowNoIndex", true);
        return SavedObjectJson.envelope(
                "index-pattern", SavedObjectJson.ESTATE_DATA_VIEW_ID, attributes, SavedObjectJson.array());
    }

    /** Kibana's {@code static_lookup} format: {@code lookupEntries} of key/value, unknown keys shown as they are. */
    private static ObjectNode lookup(String... keyValues) {
        ObjectNode format = SavedObjectJson.object().put("id", "static_lookup");
        ObjectNode params = format.putObject("params");
        ArrayNode entries = params.putArray("lookupEntries");
        for (int i = 0; i < keyValues.length; i += 2) {
            entries.addObject().put("key", keyValues[i]).put("value", keyValues[i + 1]);
        }
        params.putNull("unknownKeyValue");
        return format;
    }
}
