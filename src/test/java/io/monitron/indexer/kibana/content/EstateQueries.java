package io.monitron.indexer.kibana.content;

/** The conditions of the estate panels, over the estate index (docs/fields.md, "The estate index"). */
final class EstateQueries {

    static final String DELETED = "entity.state: deleted";
    static final String SITES = "entity.kind: site";
    static final String ACTIVE_GATEWAYS = "entity.kind: gateway and entity.state: active";
    static final String ACTIVE_SENSORS = "entity.kind: sensor and entity.state: active";
    static final String ACTIVE_ASSETS_WITH_CONDITION =
            "entity.kind: asset and entity.state: active and entity.condition: *";
    static final String ACTIVE_ADMINS = "entity.kind: project_admin and entity.state: active";

    private EstateQueries() {}
}
