package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** Renders saved objects as Kibana's import format: compact JSON, one object per line, LF, UTF-8. */
final class KibanaNdjson {

    /** Where the built file is committed, relative to the project root (Maven runs tests there). */
    static final Path COMMITTED = Path.of("kibana", "monitron.ndjson");

    private KibanaNdjson() {}

    static String render(List<ObjectNode> objects) {
        StringBuilder text = new StringBuilder();
        objects.forEach(object -> text.append(SavedObjectJson.encode(object)).append('\n'));
        return text.toString();
    }

    static String renderMonitronContent() {
        return render(MonitronContent.savedObjects());
    }
}
