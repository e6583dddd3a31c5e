package io.monitron.indexer.estate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of Monitron entity the estate holds, described by the event fields that identify and name it and by the
 * events that are its own ({@code monitron.resource.type}): those give its state, who created, changed and deleted
 * it, and its event count. Other events may name it too (a sensor event names its asset); they give its name and
 * parents only when its own events do not.
 */
public enum EntityKind {
    PROJECT(
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT),
            Fields.PROJECT,
            List.of("project", "tag"),
            List.of("create"),
            List.of("delete"),
            List.of()),
    SITE(
            List.of("monitron.site.id"),
            "monitron.site.name",
            List.of("site"),
            List.of("create"),
            List.of("delete"),
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT)),
    GATEWAY(
            List.of("monitron.gateway.id"),
            "monitron.gateway.name",
            List.of("gateway"),
            List.of("create"),
            List.of("delete"),
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT, "monitron.site.id")),
    ASSET(
            List.of("monitron.asset.id"),
            "monitron.asset.name",
            List.of("asset", "asset_state"),
            List.of("create"),
            List.of("delete"),
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT, "monitron.site.id")),
    SENSOR(
            List.of("monitron.sensor.id"),
            "monitron.sensor.name",
            List.of("sensor"),
            List.of("create"),
            List.of("delete"),
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT, "monitron.site.id", "monitron.asset.id")),
    PROJECT_ADMIN(
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT, "monitron.target_user.id"),
            "monitron.target_user.name",
            List.of("project_admin_user"),
            List.of("associate"),
            List.of("disassociate"),
            List.of()),
    USER_ACCESS(
            List.of(Fields.ACCOUNT, Fields.REGION, Fields.PROJECT, "monitron.target_user.id"),
            "monitron.target_user.name",
            List.of("user_access_role"),
            List.of("create"),
            List.of("delete"),
            List.of("monitron.site.id"));

    /** The event fields the kinds share. */
    static final class Fields {
        static final String ACCOUNT = "cloud.account.id";
        static final String REGION = "cloud.region";
        static final String PROJECT = "monitron.project.name";

        private Fields() {}
    }

    /** Kibana's and the estate document's largest id, in bytes. */
    private static final int MAX_ID_BYTES = 512;

    private final List<String> keyFields;
    private final String nameField;
    private final List<String> ownResourceTypes;
    private final List<String> createOperations;
    private final List<String> deleteOperations;
    private final List<String> parentFields;

    EntityKind(
            List<String> keyFields,
            String nameField,
            List<String> ownResourceTypes,
            List<String> createOperations,
            List<String> deleteOperations,
            List<String> parentFields) {
        this.keyFields = keyFields;
        this.nameField = nameField;
        this.ownResourceTypes = ownResourceTypes;
        this.createOperations = createOperations;
        this.deleteOperations = deleteOperations;
        this.parentFields = parentFields;
    }

    /** The value of {@code entity.kind}: {@code project}, {@code site}, ... {@code project_admin}, {@code user_access}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EntityKind> ofLabel(String label) {
        for (EntityKind kind : values()) {
            if (kind.label().equals(label)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The event fields whose values, together, identify one entity of this kind. */
    List<String> keyFields() {
        return keyFields;
    }

    String nameField() {
        return nameField;
    }

    /** Whether every event naming the entity is its own (associations exist only through their own events). */
    boolean onlyOwnEvents() {
        return this == PROJECT_ADMIN || this == USER_ACCESS;
    }

    List<String> ownResourceTypes() {
        return ownResourceTypes;
    }

    List<String> createOperations() {
        return createOperations;
    }

    List<String> deleteOperations() {
        return deleteOperations;
    }

    /** Event fields that name the entity's parents (beyond its key), taken from its latest event that has them. */
    List<String> parentFields() {
        return parentFields;
    }

    /**
     * The estate document id: {@code KIND:KEY1:KEY2...}, e.g. {@code site:ca489ed6-...} or {@code
     * project:123456789012:eu-west-1:plant-a}; a SHA-256 in hex after the kind when that would pass 512 bytes.
     */
    String documentId(List<String> key) {
        String id = label() + ":" + String.join(":", key);
        if (id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return label() + ":sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
