package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.config.Secret;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexTemplate;
import io.monitron.indexer.testing.Credentials;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Another index template of higher priority on our index names would win silently (documents indexed with guessed
 * mappings): {@code setup} and the check {@code index} uses find out from Elasticsearch and stop, naming it.
 */
class TemplatePrecedenceIT {
    private static final String PREFIX = "rel-tmpl";
    private static final String ROGUE = "rel-tmpl-rogue";
    private static final String ROGUE_BODY = "{\"index_patterns\":[\"rel-tmpl-*\"],\"priority\":500,"
            + "\"template\":{\"mappings\":{\"dynamic\":true}}}";

    private ElasticsearchFixture es;

    @AfterEach
    void removeTheOtherTemplate() {
        if (es != null) {
            es.request("DELETE", "/_index_template/" + ROGUE, null);
        }
    }

    private static void put(ElasticsearchFixture es, String name, String body) {
        HttpResult put = es.request("PUT", "/_index_template/" + name, body);
        assertThat(put.isSuccessful()).as(put.body()).isTrue();
    }

    @Test
    void setupStopsWhenAHigherPriorityTemplateWouldWinAndNamesIt() {
        es = ElasticsearchFixture.shared();
        CliResult first = InProcessCli.against(es.url()).run("setup", "--index-prefix", PREFIX);
        assertThat(first.exitCode()).as(first.transcript()).isZero();
        put(es, ROGUE, ROGUE_BODY);

        CliResult second = InProcessCli.against(es.url()).run("setup", "--index-prefix", PREFIX);

        assertThat(second.exitCode()).as(second.transcript()).isEqualTo(2);
        assertThat(second.err())
                .contains("the index template " + ROGUE + " (priority 500, index patterns [rel-tmpl-*])")
                .contains("takes precedence over ours, " + PREFIX + " (priority 200)");
        assertThat(second.out()).doesNotContain("installed");
    }

    @Test
    void aLowerPriorityTemplateOnTheSameNamesIsFine() {
        es = ElasticsearchFixture.shared();
        put(es, ROGUE, ROGUE_BODY.replace("500", "100"));

        CliResult setup = InProcessCli.against(es.url()).run("setup", "--index-prefix", PREFIX);

        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
        assertThat(setup.out()).contains("installed");
    }

    @Test
    void theIndexersOwnUserWithOnlyMonitorFindsTheWinnerFromTheTemplatesItMayRead() throws IOException {
        es = ElasticsearchFixture.secured();
        es.createRole("rel_tmpl_reader", "{\"cluster\":[\"monitor\"]}");
        Credentials reader = es.createUser("rel_tmpl_reader_user", "Pw-rel-tmpl-reader-1", "rel_tmpl_reader");
        CliResult setup = new InProcessCli(Map.of(
                        "ES_URL", es.url(), "ES_USERNAME", es.adminUsername(), "ES_PASSWORD", es.adminPassword()))
                .run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
        IndexNames names = new IndexNames(PREFIX);
        IndexTemplate template = IndexTemplate.bundled(names);
        String index = names.indexFor(java.time.Instant.parse("2026-05-01T00:00:00Z"));
        ElasticsearchClient client = ElasticsearchClients.create(new ElasticsearchSettings(
                List.of(URI.create(es.url())),
                Optional.of(reader.username()),
                Optional.of(Secret.of(reader.password())),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false));
        try {
            assertThatCode(() -> template.requireApplied(client, names.templateName(), index))
                    .doesNotThrowAnyException();

            put(es, ROGUE, ROGUE_BODY);

            assertThatThrownBy(() -> template.requireApplied(client, names.templateName(), index))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("the index template " + ROGUE + " (priority 500")
                    .hasMessageContaining("for " + index);
        } finally {
            client._transport().close();
        }
    }
}
