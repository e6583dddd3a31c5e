package io.monitron.indexer.cli;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.Secret;
import io.monitron.indexer.config.ServerUrl;
import io.monitron.indexer.config.TlsContexts;
import io.monitron.indexer.kibana.AlertRuleInstaller;
import io.monitron.indexer.kibana.KibanaAuthorization;
import io.monitron.indexer.kibana.KibanaImporter;
import io.monitron.indexer.kibana.MonitronAlertRules;
import io.monitron.indexer.sink.ElasticsearchClients;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where Kibana is and how to log in. Credentials come from KIBANA_USERNAME with KIBANA_PASSWORD(_FILE), or
 * KIBANA_API_KEY(_FILE); without them, the Elasticsearch credentials are used (Kibana accepts the same users).
 */
public final class KibanaOptions {
    @Option(
            names = "--kibana-url",
            paramLabel = "URL",
            description = "Kibana base URL; imports the saved objects and creates the alerting rules (env"
                    + " KIBANA_URL). Logs in with KIBANA_USERNAME and KIBANA_PASSWORD (or KIBANA_PASSWORD_FILE), or"
                    + " KIBANA_API_KEY (or KIBANA_API_KEY_FILE), from the environment; without them, with the"
                    + " Elasticsearch credentials.")
    String url;

    @Option(
            names = "--space",
            paramLabel = "SPACE",
            description = "Kibana space to import into (default: the default space).")
    String space;

    @Option(
            names = "--kibana-ca-cert",
            paramLabel = "PEM",
            description = "CA certificate to trust for Kibana over https (env KIBANA_CA_CERT).")
    Path caCertificate;

    @Option(names = "--kibana-insecure", description = "Do not verify Kibana's TLS certificate (prints a warning).")
    boolean insecure;

    @Option(
            names = "--enable-rules",
            description = "Enable the Kibana alerting rules (new rules are created disabled; existing ones keep their"
                    + " state unless this enables them).")
    boolean enableRules;

    @Option(
            names = "--access-denied-threshold",
            paramLabel = "N",
            description =
                    "N of the rule 'N or more AccessDenied in 5 minutes for one user' (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + MonitronAlertRules.DEFAULT_ACCESS_DENIED_THRESHOLD)
    int accessDeniedThreshold;

    /** Where Kibana credentials go instead of the URL. */
    private static final String CREDENTIALS =
            "KIBANA_USERNAME and KIBANA_PASSWORD (or _FILE), KIBANA_API_KEY (or _FILE), or the Elasticsearch ones";

    /**
     * The Kibana URL, if one was given.
     *
     * @throws ConfigException when it is not an http(s) URL or holds credentials (the message never shows them)
     */
    Optional<URI> url(Environment env) {
        if (url != null) {
            return Optional.of(ServerUrl.parse(url, "--kibana-url", CREDENTIALS));
        }
        return env.get("KIBANA_URL").map(value -> ServerUrl.parse(value, "KIBANA_URL", CREDENTIALS));
    }

    Optional<String> space() {
        return Optional.ofNullable(space);
    }

    KibanaImporter importer(Environment env, Optional<ElasticsearchSettings> elasticsearch) {
        Connection kibana = connection(env, elasticsearch);
        return new KibanaImporter(kibana.base(), kibana.authorization(), kibana.ssl(), Duration.ofMinutes(2));
    }

    /** Checks the rule options before anything is sent. */
    void checkRuleOptions() {
        if (accessDeniedThreshold < 1) {
            throw new ConfigException("--access-denied-threshold must be at least 1");
        }
    }

    AlertRuleInstaller ruleInstaller(Environment env, Optional<ElasticsearchSettings> elasticsearch) {
        checkRuleOptions();
        Connection kibana = connection(env, elasticsearch);
        return new AlertRuleInstaller(kibana.base(), kibana.authorization(), kibana.ssl(), Duration.ofMinutes(1));
    }

    private record Connection(URI base, Optional<String> authorization, javax.net.ssl.SSLContext ssl) {}

    private Connection connection(Environment env, Optional<ElasticsearchSettings> elasticsearch) {
        URI base =
                url(env).orElseThrow(() -> new ConfigException("no Kibana URL: give --kibana-url or set KIBANA_URL"));
        Optional<String> authorization =
                authorization(env).or(() -> elasticsearch.flatMap(ElasticsearchClients::authorizationValue));
        Optional<Path> ca = Optional.ofNullable(caCertificate)
                .or(() -> env.get("KIBANA_CA_CERT").map(Path::of));
        javax.net.ssl.SSLContext ssl = base.getScheme().equals("https")
                ? TlsContexts.trusting("Kibana", ca, Optional.empty(), insecure)
                : TlsContexts.trusting("Kibana", Optional.empty(), Optional.empty(), false);
        return new Connection(base, authorization, ssl);
    }

    private static Optional<String> authorization(Environment env) {
        Optional<Secret> apiKey = ElasticsearchOptions.secret(null, env, "KIBANA_API_KEY_FILE", "KIBANA_API_KEY");
        if (apiKey.isPresent()) {
            return Optional.of(KibanaAuthorization.apiKey(apiKey.get().reveal()));
        }
        Optional<String> user = env.get("KIBANA_USERNAME");
        Optional<Secret> password = ElasticsearchOptions.secret(null, env, "KIBANA_PASSWORD_FILE", "KIBANA_PASSWORD");
        if (user.isPresent() != password.isPresent()) {
            throw new ConfigException("Kibana basic auth needs both KIBANA_USERNAME and KIBANA_PASSWORD (or _FILE)");
        }
        return user.map(u -> KibanaAuthorization.basic(u, password.get().reveal()));
    }
}
