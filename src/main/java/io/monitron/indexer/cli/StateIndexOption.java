package io.monitron.indexer.cli;

import io.monitron.indexer.sink.ElasticsearchStateStore;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --state-index}, shared by the commands that keep or set up the run state. */
public final class StateIndexOption {
    @Option(
            names = "--state-index",
            paramLabel = "INDEX",
            description = "Elasticsearch index holding the run state (default: ${DEFAULT-VALUE}).",
            defaultValue = ElasticsearchStateStore.DEFAULT_INDEX)
    String index = ElasticsearchStateStore.DEFAULT_INDEX;

    /** The problem with the name, if any. */
    Optional<String> problem() {
        return index.matches("[a-z0-9][a-z0-9_.-]*")
                ? Optional.empty()
                : Optional.of("--state-index must be a lowercase index name: " + index);
    }
}
