package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexerJarTest {
    @Test
    void elasticsearchCredentialsGoToTheChildsEnvironmentNeverItsArguments() {
        ElasticsearchSettings es = new ElasticsearchSettings(
                List.of(URI.create("https://127.0.0.1:9200"), URI.create("https://127.0.0.2:9200")),
                Optional.of("elastic"),
                Optional.of(Secret.of("s3cret-password")),
                Optional.empty(),
                Optional.of(Path.of("/certs/ca.pem")),
                Optional.empty(),
                false);

        assertThat(IndexerJar.elasticsearchEnvironment(es))
                .containsEntry("ES_URL", "https://127.0.0.1:9200,https://127.0.0.2:9200")
                .containsEntry("ES_USERNAME", "elastic")
                .containsEntry("ES_PASSWORD", "s3cret-password")
                .containsEntry("ES_CA_CERT", "/certs/ca.pem")
                .doesNotContainKeys("ES_API_KEY", "ES_CA_FINGERPRINT");
        assertThat(IndexerJar.elasticsearchArguments(es)).isEmpty();
    }

    @Test
    void anApiKeyAndInsecureAreCarriedToo() {
        ElasticsearchSettings es = new ElasticsearchSettings(
                List.of(URI.create("https://es:9200")),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Secret.of("a2V5")),
                Optional.empty(),
                Optional.empty(),
                true);

        assertThat(IndexerJar.elasticsearchEnvironment(es)).containsEntry("ES_API_KEY", "a2V5");
        assertThat(IndexerJar.elasticsearchArguments(es)).containsExactly("--insecure");
    }
}
