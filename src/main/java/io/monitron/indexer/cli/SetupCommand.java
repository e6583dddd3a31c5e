package io.monitron.indexer.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.kibana.BundledSavedObjects;
import io.monitron.indexer.kibana.ImportReport;
import io.monitron.indexer.sink.ClusterCheck;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Optional;
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
        description = {
            "Installs or upgrades the index template in Elasticsearch and, with --kibana-url, imports the Kibana"
                    + " data view, saved searches, visualizations and dashboards. Safe to run again.",
            "Exit codes: 0 success; 1 could not run (unreachable, refused, Kibana reported errors); 2 invalid usage."
        })
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

    @Mixin
    KibanaOptions kibana = new KibanaOptions();

    @Option(names = "--skip-template", description = "Only import the Kibana objects.")
    boolean skipTemplate;

    SetupCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        IndexNames names = new IndexNames(indexPrefix);
        PrintWriter out = spec.commandLine().getOut();
        boolean withKibana = kibana.url(env).isPresent();
        if (skipTemplate && !withKibana) {
            throw new ConfigException("--skip-template leaves nothing to do without --kibana-url");
        }
        Optional<ElasticsearchSettings> settings = Optional.empty();
        if (!skipTemplate) {
            settings = Optional.of(elasticsearch.settings(env));
            installTemplate(settings.get(), names, out);
        } else if (!elasticsearch.urls.isEmpty() || env.get("ES_URL").isPresent()) {
            settings = Optional.of(elasticsearch.settings(env));
        }
        if (withKibana) {
            if (!names.prefix().equals(IndexNames.DEFAULT_PREFIX)) {
                out.println("note: the Kibana data view reads " + IndexNames.DEFAULT_PREFIX + "-*; edit its index"
                        + " pattern in Kibana to read " + names.pattern());
            }
            try (InputStream ndjson = BundledSavedObjects.open()) {
                ImportReport report = kibana.importer(env, settings).importSavedObjects(ndjson, kibana.space(), true);
                out.println("Kibana: imported " + report.successCount() + " saved objects"
                        + kibana.space().map(s -> " into space " + s).orElse(""));
            }
        }
        return ExitCodes.OK;
    }

    private static void installTemplate(ElasticsearchSettings settings, IndexNames names, PrintWriter out) {
        ElasticsearchClient client = ElasticsearchClients.create(settings);
        try {
            ClusterCheck.requireReachable(client, settings);
            IndexTemplate template = IndexTemplate.bundled(names);
            template.install(client, names.templateName());
            out.println("index template " + names.templateName() + " (version " + template.version()
                    + ") installed for " + names.pattern());
        } finally {
            try {
                client._transport().close();
            } catch (IOException e) {
                // closing a client we are done with: nothing to act on
            }
        }
    }
}
