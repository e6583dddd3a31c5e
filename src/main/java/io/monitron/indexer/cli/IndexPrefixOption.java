package io.monitron.indexer.cli;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.sink.IndexNames;
import picocli.CommandLine.Option;

/** {@code --index-prefix}, shared by the commands that write or set up the event indices. */
public final class IndexPrefixOption {
    @Option(
            names = "--index-prefix",
            paramLabel = "PREFIX",
            description = "Index name prefix; documents go to PREFIX-YYYY.MM (default: ${DEFAULT-VALUE}).",
            defaultValue = IndexNames.DEFAULT_PREFIX)
    String prefix = IndexNames.DEFAULT_PREFIX;

    /** @throws ConfigException when the prefix is not a valid index name start */
    IndexNames indexNames() {
        return new IndexNames(prefix);
    }
}
