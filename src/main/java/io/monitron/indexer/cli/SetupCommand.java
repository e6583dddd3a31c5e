package io.monitron.indexer.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.Secret;
import io.monitron.indexer.estate.EstateIndex;
import io.monitron.indexer.kibana.AlertRuleInstaller;
import io.monitron.indexer.kibana.AlertRuleInstaller.InstalledRule;
import io.monitron.indexer.kibana.BundledSavedObjects;
import io.monitron.indexer.kibana.ImportReport;
import io.monitron.indexer.kibana.KibanaImportException;
import io.monitron.indexer.kibana.KibanaImporter;
import io.monitron.indexer.kibana.MonitronAlertRules;
import io.monitron.indexer.sink.ClusterCheck;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.ElasticsearchStateStore;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexTemplate;
import io.monitron.indexer.sink.IndexerRole;
import io.monitron.indexer.sink.SecuritySetup;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
            "Installs or upgrades the index template in Elasticsearch; optionally sets the kibana_system password,"
                    + " creates a least-privilege role and user for the indexer and, with --kibana-url, imports the"
                    + " Kibana data view, saved searches, visualizations and dashboards and creates the alerting rules."
                    + " Safe to run again.",
            "Exit codes: 0 success; 1 could not run (unreachable, refused, Kibana reported errors); 2 invalid usage."
        })
final class SetupCommand implements Callable<Integer> {
    /** How often to ask again while Kibana is starting. */
    private static final Duration KIBANA_RETRY_PAUSE = Duration.ofSeconds(3);

    private final Environment env;

    @Spec
    CommandSpec spec;

    @Mixin
    ElasticsearchOptions elasticsearch = new ElasticsearchOptions();

    @Mixin
    IndexPrefixOption indexPrefix = new IndexPrefixOption();

    @Option(
            names = "--create-indexer-user",
            paramLabel = "NAME",
            description = "Create (or update) the user NAME for the index command, holding only the indexer role;"
                    + " its password comes from INDEXER_PASSWORD, INDEXER_PASSWORD_FILE or --indexer-password-file."
                    + " Needs the manage_security privilege and the native realm.")
    String indexerUser;

    @Option(
            names = "--indexer-role",
            paramLabel = "ROLE",
            description = "Name of the indexer role made with --create-indexer-user (default: ${DEFAULT-VALUE}).",
            defaultValue = IndexerRole.DEFAULT_NAME)
    String indexerRole;

    @Option(
            names = "--indexer-password-file",
            paramLabel = "FILE",
            description = "File holding the indexer user's password (env INDEXER_PASSWORD_FILE; or INDEXER_PASSWORD).")
    Path indexerPasswordFile;

    @Mixin
    StateIndexOption stateIndex = new StateIndexOption();

    @Option(
            names = "--estate-index",
            paramLabel = "INDEX",
            description = "The estate index (the Monitron estate rebuilt from the events) to create with its mapping;"
                    + " outside PREFIX-* (default: ${DEFAULT-VALUE}).",
            defaultValue = EstateIndex.DEFAULT_INDEX)
    String estateIndex;

    @Option(
            names = "--kibana-system-password-file",
            paramLabel = "FILE",
            description = "Set the password of the built-in kibana_system user (the one Kibana logs in with) to the"
                    + " one in FILE (env KIBANA_SYSTEM_PASSWORD_FILE; or KIBANA_SYSTEM_PASSWORD).")
    Path kibanaSystemPasswordFile;

    @Mixin
    KibanaOptions kibana = new KibanaOptions();

    @Option(
            names = "--kibana-wait",
            paramLabel = "DURATION",
            description = "How long to keep trying while Kibana is unreachable or not ready yet (ISO-8601, e.g."
                    + " PT5M; default: ${DEFAULT-VALUE}, one attempt).",
            defaultValue = "PT0S")
    Duration kibanaWait;

    @Option(names = "--skip-template", description = "Do not install the index template.")
    boolean skipTemplate;

    SetupCommand(Environment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        // everything is checked before anything is changed: a bad option never leaves a half-done setup behind
        IndexNames names = indexPrefix.indexNames();
        stateIndex.problem().ifPresent(problem -> {
            throw new ConfigException(problem);
        });
        PrintWriter out = spec.commandLine().getOut();
        boolean withKibana = kibana.url(env).isPresent();
        Optional<Secret> kibanaSystemPassword = ElasticsearchOptions.secret(
                kibanaSystemPasswordFile, env, "KIBANA_SYSTEM_PASSWORD_FILE", "KIBANA_SYSTEM_PASSWORD");
        Optional<IndexerUser> indexer = indexerUser(names);
        boolean security = kibanaSystemPassword.isPresent() || indexer.isPresent();
        kibana.checkRuleOptions();
        if (estateIndex.startsWith(names.prefix() + "-")) {
            throw new ConfigException("--estate-index " + estateIndex + " must lie outside " + names.pattern()
                    + ", or the event panels would count the estate; e.g. " + EstateIndex.DEFAULT_INDEX);
        }
        if (kibanaWait.isNegative()) {
            throw new ConfigException("--kibana-wait must not be negative");
        }
        if (skipTemplate && !withKibana && !security) {
            throw new ConfigException("--skip-template leaves nothing to do without --kibana-url, --create-indexer-user"
                    + " or a kibana_system password");
        }
        boolean elasticsearchWork = !skipTemplate || security;
        Optional<ElasticsearchSettings> settings = elasticsearchWork
                        || !elasticsearch.urls.isEmpty()
                        || env.get("ES_URL").isPresent()
                ? Optional.of(elasticsearch.settings(env))
                : Optional.empty();
        Optional<KibanaImporter> importer = withKibana ? Optional.of(kibana.importer(env, settings)) : Optional.empty();
        Optional<AlertRuleInstaller> ruleInstaller =
                withKibana ? Optional.of(kibana.ruleInstaller(env, settings)) : Optional.empty();
        if (elasticsearchWork) {
            setUpElasticsearch(settings.get(), names, kibanaSystemPassword, indexer, out);
        }
        if (importer.isPresent()) {
            byte[] savedObjects = BundledSavedObjects.withDataViewPatterns(Map.of(
                    BundledSavedObjects.EVENTS_DATA_VIEW,
                    names.pattern(),
                    BundledSavedObjects.ESTATE_DATA_VIEW,
                    estateIndex));
            ImportReport report = importWhenReady(importer.get(), savedObjects, out);
            out.println("Kibana: imported " + report.successCount() + " saved objects (data view " + names.pattern()
                    + ")" + kibana.space().map(s -> " into space " + s).orElse(""));
            List<InstalledRule> rules = ruleInstaller
                    .get()
                    .install(
                            MonitronAlertRules.forIndices(names.pattern(), kibana.accessDeniedThreshold),
                            kibana.space(),
                            kibana.enableRules);
            long enabled = rules.stream().filter(InstalledRule::enabled).count();
            out.println("Kibana: " + rules.size() + " alerting rules created or updated, " + enabled + " enabled"
                    + (enabled < rules.size()
                            ? " (enable them in Stack Management → Rules, or run with --enable-rules)"
                            : ""));
        }
        return ExitCodes.OK;
    }

    /** The user to create, checked before anything is sent. */
    private record IndexerUser(String name, Secret password, String roleName, IndexerRole role) {}

    private Optional<IndexerUser> indexerUser(IndexNames names) {
        if (indexerUser == null) {
            return Optional.empty();
        }
        Secret password = ElasticsearchOptions.secret(
                        indexerPasswordFile, env, "INDEXER_PASSWORD_FILE", "INDEXER_PASSWORD")
                .orElseThrow(() -> new ConfigException("--create-indexer-user needs the user's password: set"
                        + " INDEXER_PASSWORD or INDEXER_PASSWORD_FILE, or give --indexer-password-file"));
        return Optional.of(new IndexerUser(
                indexerUser, password, indexerRole, IndexerRole.bundled(names, stateIndex.index, estateIndex)));
    }

    private void setUpElasticsearch(
            ElasticsearchSettings settings,
            IndexNames names,
            Optional<Secret> kibanaSystemPassword,
            Optional<IndexerUser> indexer,
            PrintWriter out) {
        ElasticsearchClient client = ElasticsearchClients.create(settings);
        try {
            ClusterCheck.requireReachable(client, settings);
            SecuritySetup security = new SecuritySetup(client);
            if (kibanaSystemPassword.isPresent()) {
                security.changeKibanaSystemPassword(kibanaSystemPassword.get());
                out.println("password of " + SecuritySetup.KIBANA_SYSTEM_USER + " set");
            }
            if (indexer.isPresent()) {
                IndexerUser user = indexer.get();
                security.putRole(user.roleName(), user.role());
                security.putUser(user.name(), user.password(), user.roleName());
                out.println("role " + user.roleName() + " (on " + names.pattern() + " and " + stateIndex.index
                        + ") and user " + user.name() + " created or updated");
            }
            if (!skipTemplate) {
                IndexTemplate template = IndexTemplate.bundled(names);
                template.install(client, names.templateName());
                // installed is not enough: a template of higher priority on the same names would still win
                template.requireApplied(client, names.templateName(), names.indexFor(Instant.now()));
                out.println("index template " + names.templateName() + " (version " + template.version()
                        + ") installed for " + names.pattern());
                ElasticsearchStateStore.installTemplate(ElasticsearchClients.restClient(client), stateIndex.index);
                out.println("state index template " + ElasticsearchStateStore.templateName(stateIndex.index)
                        + " installed for " + stateIndex.index);
                new EstateIndex(client, names.pattern(), estateIndex).install();
                out.println("estate index " + estateIndex + " created or its mapping updated");
            }
        } finally {
            try {
                client._transport().close();
            } catch (IOException e) {
                // closing a client we are done with: nothing to act on
            }
        }
    }

    // Kibana answers 503 until it has connected to Elasticsearch, which in a fresh stack happens only after this
    // command set the kibana_system password; so a fresh stack needs this wait, and an import is safe to repeat.
    private ImportReport importWhenReady(KibanaImporter importer, byte[] savedObjects, PrintWriter out)
            throws IOException {
        Instant deadline = Instant.now().plus(kibanaWait);
        boolean told = false;
        while (true) {
            try (InputStream ndjson = new ByteArrayInputStream(savedObjects)) {
                return importer.importSavedObjects(ndjson, kibana.space(), true);
            } catch (KibanaImportException e) {
                boolean notReady = e.status().isEmpty() || e.status().getAsInt() == 503;
                if (!notReady) {
                    throw e;
                }
                if (Instant.now().plus(KIBANA_RETRY_PAUSE).isAfter(deadline)) {
                    throw e.withAdvice(
                            kibanaWait.isZero()
                                    ? "if Kibana is still starting, let setup wait for it with --kibana-wait (e.g."
                                            + " --kibana-wait PT5M)"
                                    : "still not ready after --kibana-wait " + kibanaWait);
                }
                if (!told) {
                    out.println("waiting up to " + kibanaWait + " for Kibana to be ready (" + e.getMessage() + ")");
                    told = true;
                }
                if (!pause()) {
                    throw e;
                }
            }
        }
    }

    /** Waits before the next attempt; false when interrupted (the caller then gives up with the last failure). */
    private static boolean pause() {
        try {
            Thread.sleep(KIBANA_RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
