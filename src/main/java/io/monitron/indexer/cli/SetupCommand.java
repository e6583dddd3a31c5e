package io.monitron.indexer.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.sink.ClusterCheck;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexTemplate;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Installs or upgrades the index template in Elasticsearch (safe to run again).")
final class SetupCommand implements Callable<Integer> {
    private final Environment env;

    @Spec
    CommandSpec spec;

    @Mixin
    ElasticsearchOptions elasticsearch = new ElasticsearchOptions();

    @Option(
            names = "--index-prefix",
            paramLabel = "PREFIX",
            description = "Index name prefix; the template covers PREFIX-* (default: ${DEFAULT-VALUE}).",
            defaultValue = IndexNames.DEFAULT_PREFIX)
    String indexPrefix;

    SetupCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        IndexNames names = new IndexNames(indexPrefix);
        ElasticsearchSettings settings = elasticsearch.settings(env);
        ElasticsearchClient client = ElasticsearchClients.create(settings);
        try {
            ClusterCheck.requireReachable(client, settings);
            IndexTemplate template = IndexTemplate.bundled(names);
            template.install(client, names.templateName());
            spec.commandLine()
                    .getOut()
                    .println("index template " + names.templateName() + " (version " + template.version()
                            + ") installed for " + names.pattern());
            return ExitCodes.OK;
        } finally {
            client._transport().close();
        }
    }
}
