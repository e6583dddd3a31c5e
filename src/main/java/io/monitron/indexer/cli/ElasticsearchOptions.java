package io.monitron.indexer.cli;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> raw = new ArrayList<>(urls);
        if (raw.isEmpty()) {
            env.get("ES_URL").ifPresent(v -> raw.addAll(List.of(v.split(","))));
        }
        List<URI> parsed = new ArrayList<>();
        for (String url : raw) {
            try {
                parsed.add(URI.create(url.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("not a URL: --es-url " + url);
            }
        }
        Optional<String> user = Optional.ofNullable(username).or(() -> env.get("ES_USERNAME"));
        Optional<Secret> password = secret(passwordFile, env, "ES_PASSWORD_FILE", "ES_PASSWORD");
        Optional<Secret> apiKey = secret(apiKeyFile, env, "ES_API_KEY_FILE", "ES_API_KEY");
        Optional<Path> ca = Optional.ofNullable(caCertificate)
                .or(() -> env.get("ES_CA_CERT").map(Path::of));
        Optional<String> fingerprint = Optional.ofNullable(caFingerprint).or(() -> env.get("ES_CA_FINGERPRINT"));
        return new ElasticsearchSettings(parsed, user, password, apiKey, ca, fingerprint, insecure);
    }

    static Optional<Secret> secret(Path file, Environment env, String fileVariable, String valueVariable) {
        Path path = file != null ? file : env.get(fileVariable).map(Path::of).orElse(null);
        if (path != null) {
            try {
                String value = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new ConfigException("the secret file " + path + " is empty");
                }
                return Optional.of(Secret.of(value));
            } catch (IOException e) {
                throw new ConfigException("cannot read the secret file " + path + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return env.get(valueVariable).map(Secret::of);
    }
}
