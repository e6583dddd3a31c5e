package io.monitron.indexer.kibana;

import java.util.List;

/**
 * One entry of the import response's {@code errors} array: an object Kibana refused, and why.
 *
 * @param object type and id as sent
 * @param title the object's title as Kibana read it, empty when absent
 * @param errorType Kibana's {@code error.type}: {@code conflict}, {@code ambiguous_conflict},
 *     {@code missing_references}, {@code unsupported_type} or {@code unknown}
 * @param message Kibana's {@code error.message} when it sent one (type {@code unknown}), else empty
 * @param missingReferences for {@code missing_references}: the referenced objects that do not exist
 */
public record ObjectImportError(
        SavedObjectRef object, String title, String errorType, String message, List<SavedObjectRef> missingReferences) {

    public ObjectImportError {
        missingReferences = List.copyOf(missingReferences);
    }

    /** A one-line description naming the object, the error type and what to do about it. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append(object)
                .append(title.isEmpty() ? "" : " \"" + title + "\"")
                .append(": ")
                .append(errorType);
        if (!missingReferences.isEmpty()) {
            text.append(" (missing: ").append(missingReferences).append(')');
        }
        if (!message.isEmpty()) {
            text.append(" (").append(message).append(')');
        }
        text.append(" - ").append(hint());
        return text.toString();
    }

    private String hint() {
        return switch (errorType) {
            case "conflict", "ambiguous_conflict" -> "an object with this id or origin exists; import with overwrite";
            case "missing_references" -> "import the referenced objects first or fix the references";
            case "unsupported_type" -> "this Kibana does not know the type; check the Kibana version";
            default -> "see the message and the Kibana server log";
        };
    }
}
