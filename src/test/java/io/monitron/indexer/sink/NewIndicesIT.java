package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.testing.ElasticsearchFixture;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The indices there before a run, as the real Elasticsearch lists them, are not counted as new. */
class NewIndicesIT {
    private static final String PREFIX = "sink-new-indices";

    @Test
    void indicesThatExistBeforeTheRunAreNotNew() throws IOException {
        ElasticsearchFixture es = ElasticsearchFixture.shared();
        es.deleteIndices(PREFIX + "-*");
        IndexNames names = new IndexNames(PREFIX);
        ElasticsearchClient client = ElasticsearchClients.create(new ElasticsearchSettings(
                List.of(URI.create(es.url())),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false));
        try {
            NewIndices none = NewIndices.existingIn(client, names);
            none.writingTo(PREFIX + "-2026.01");
            assertThat(none.count()).isEqualTo(1);

            assertThat(es.request("PUT", "/" + PREFIX + "-2026.01", null).isSuccessful())
                    .isTrue();
            NewIndices one = NewIndices.existingIn(client, names);
            one.writingTo(PREFIX + "-2026.01");
            one.writingTo(PREFIX + "-2026.02");
            assertThat(one.count()).isEqualTo(1);
        } finally {
            client._transport().close();
            es.deleteIndices(PREFIX + "-*");
        }
    }
}
