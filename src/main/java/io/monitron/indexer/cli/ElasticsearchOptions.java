package io.monitron.indexer.cli;

import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.Secret;
import io.monitron.indexer.config.ServerUrl;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Connection options shared by the commands that talk to Elasticsearch. Secrets are never options: they come from
 * environment variables or files.
 */
public final class ElasticsearchOptions {
    @Option(
            names = "--es-url",
            split = ",",
            paramLabel = "URL",
            description = "Elasticsearch URL(s), repeatable or comma-separated (env ES_URL).")
    List<String> urls = new ArrayList<>();

    @Option(names = "--es-username", paramLabel = "USER", description = "Basic-auth user (env ES_USERNAME).")
    String username;

    @Option(
            names = "--es-password-file",
            paramLabel = "FILE",
            description = "File holding the basic-auth password (env ES_PASSWORD_FILE; or ES_PASSWORD).")
    Path passwordFile;

    @Option(
            names = "--es-api-key-file",
            paramLabel = "FILE",
            description = "File holding an API key, base64 'encoded' form (env ES_API_KEY_FILE; or ES_API_KEY).")
    Path apiKeyFile;

    @Option(
            names = "--es-ca-cert",
            paramLabel = "PEM",
            description = "CA certificate to trust for https (env ES_CA_CERT).")
    Path caCertificate;

    @Option(
            names = "--es-ca-fingerprint",
            paramLabel = "SHA256",
            description = "Trust the CA certificate with this SHA-256 fingerprint (env ES_CA_FINGERPRINT).")
    String caFingerprint;

    @Option(
            names = "--insecure",
            description = "Do not verify the server's TLS certificate (prints a warning; for tests only).")
    boolean insecure;

    public ElasticsearchSettings settings(Environment env) {
        List<URI> parsed;
        if (!urls.isEmpty()) {
            parsed = ServerUrl.parseAll(urls, "--es-url", ElasticsearchSettings.CREDENTIALS);
        } else {
            parsed = env.get("ES_URL")
                    .map(value ->
                            ServerUrl.parseAll(List.of(value.split(",")), "ES_URL", ElasticsearchSettings.CREDENTIALS))
                    .orElse(List.of());
        }
        Optional<String> user = Optional.ofNullable(username).or(() -> env.get("ES_USERNAME"));
        Optional<Secret> password = secret(passwordFile, env, "ES_PASSWORD_FILE", "ES_PASSWORD");
        Optional<Secret> apiKey = secret(apiKeyFile, env, "ES_API_KEY_FILE", "ES_API_KEY");
        Optional<Path> ca = Optional.ofNullable(caCertificate)
                .or(() -> env.get("ES_CA_CERT").map(Path::of));
        Optional<String> fingerprint = Optional.ofNullable(caFingerprint).or(() -> env.get("ES_CA_FINGERPRINT"));
        return new ElasticsearchSettings(parsed, user, password, apiKey, ca, fingerprint, insecure);
    }

    /**
     * A secret from {@code file} (an option's value), else from the file named by {@code fileVariable}, else from
     * {@code valueVariable} itself. A file's content is used as written except for one line break at its end.
     */
    static Optional<Secret> secret(Path file, Environment env, String fileVariable, String valueVariable) {
        if (file != null) {
            return Optional.of(Secret.fromFile(file, optionFor(fileVariable)));
        }
        Optional<Path> named = env.get(fileVariable).map(Path::of);
        if (named.isPresent()) {
            return Optional.of(Secret.fromFile(named.get(), fileVariable));
        }
        return env.get(valueVariable).map(Secret::of);
    }

    /** The option that names the same file as {@code variable}: ES_PASSWORD_FILE, --es-password-file. */
    private static String optionFor(String variable) {
        return "--" + variable.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
