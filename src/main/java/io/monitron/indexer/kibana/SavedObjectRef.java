package io.monitron.indexer.kibana;

/**
 * A saved object named by type and id, as Kibana lists it in import results and {@code missing_references} errors.
 *
 * @param type the saved object type, e.g. {@code index-pattern}
 * @param id the saved object id
 */
public record SavedObjectRef(String type, String id) {
    @Override
    public String toString() {
        return type + "/" + id;
    }
}
