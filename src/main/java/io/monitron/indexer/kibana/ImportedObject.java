package io.monitron.indexer.kibana;

import java.util.Optional;

/**
 * One object Kibana reports in {@code successResults}.
 *
 * @param object type and id as sent
 * @param title the title Kibana read from the object ({@code meta.title}), empty when absent
 * @param destinationId the id Kibana stored the object under when it differs from the id sent
 */
public record ImportedObject(SavedObjectRef object, String title, Optional<String> destinationId) {}
