package io.monitron.indexer.transform;

/** A Monitron thing an event names, and where it goes in the document ({@code monitron.<group>.<leaf>}). */
enum MonitronEntity {
    PROJECT_NAME("project", "name"),
    PROJECT_ARN("project", "arn"),
    SITE_ID("site", "id"),
    SITE_NAME("site", "name"),
    ASSET_ID("asset", "id"),
    ASSET_NAME("asset", "name"),
    SENSOR_ID("sensor", "id"),
    SENSOR_NAME("sensor", "name"),
    GATEWAY_ID("gateway", "id"),
    GATEWAY_NAME("gateway", "name"),
    TARGET_USER_ID("target_user", "id"),
    TARGET_USER_NAME("target_user", "name"),
    ROLE(null, "role"),
    ASSET_STATE_FROM("asset_state", "from"),
    ASSET_STATE_TO("asset_state", "to");

    /** The object under {@code monitron} holding the field, or {@code null} for a field directly under it. */
    final String group;

    final String leaf;

    MonitronEntity(String group, String leaf) {
        this.group = group;
        this.leaf = leaf;
    }

    /** The full field name, e.g. {@code monitron.site.id}. */
    String field() {
        return group == null ? "monitron." + leaf : "monitron." + group + "." + leaf;
    }
}
