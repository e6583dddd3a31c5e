package io.monitron.indexer.bench;

import io.monitron.indexer.config.ElasticsearchSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The packaged indexer as users run it, {@code java -jar monitron-cloudtrail-indexer.jar ...}, in a child process with
 * the JVM's defaults. Secrets go into the child's environment, never onto its command line (which {@code ps} shows to
 * every user of the machine).
 */
final class IndexerJar {
    private final Launcher launcher;

    private IndexerJar(Launcher launcher) {
        this.launcher = launcher;
    }

    /** The jar the benchmark itself runs from, started through the launcher beside it, as users run it. */
    static IndexerJar running() {
        return new IndexerJar(Launcher.find());
    }

    /**
     * Starts the indexer with {@code args}; its environment is this one without any {@code ES_*} or {@code AWS_*}
     * variable, plus {@code environment}. Standard output and error go to {@code log}.
     */
    Process start(List<String> args, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(launcher.command(args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("ES_") || name.startsWith("AWS_"));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BenchmarkException("cannot start " + launcher.script() + ": " + e.getMessage(), e);
        }
    }

    /** The variables that make a child reach Elasticsearch as {@code es} says, credentials included. */
    static Map<String, String> elasticsearchEnvironment(ElasticsearchSettings es) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ES_URL", es.urls().stream().map(URI::toString).collect(Collectors.joining(",")));
        es.username().ifPresent(user -> environment.put("ES_USERNAME", user));
        es.password().ifPresent(password -> environment.put("ES_PASSWORD", password.reveal()));
        es.apiKey().ifPresent(key -> environment.put("ES_API_KEY", key.reveal()));
        es.caCertificate().ifPresent(ca -> environment.put("ES_CA_CERT", ca.toString()));
        es.caFingerprint().ifPresent(fingerprint -> environment.put("ES_CA_FINGERPRINT", fingerprint));
        return environment;
    }

    /** What the environment cannot say: {@code --insecure}, when asked for. */
    static List<String> elasticsearchArguments(ElasticsearchSettings es) {
        return es.insecure() ? List.of("--insecure") : List.of();
    }
}
