package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.DirectoryUser;
import io.monitron.indexer.model.PartitionState;
import io.monitron.indexer.port.ResolvedUserStore;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.transform.identity.DirectoryResolver;
import io.monitron.indexer.transform.identity.UserDirectory;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resolved Identity Center users kept in the state index of the real Elasticsearch, beside the partition states. */
class ElasticsearchResolvedUserStoreIT {
    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final String INDEX = "it-resolved-users-state";

    private RestClient client;

    @BeforeEach
    void connect() {
        ES.deleteIndices(INDEX);
        client = RestClient.builder(HttpHost.create(ES.url())).build();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        ES.deleteIndices(INDEX);
    }

    @Test
    void noStateIndexYetMeansNobodyResolvedSoFar() {
        assertThat(new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC()).loadAll())
                .isEmpty();
    }

    @Test
    void usersSavedInOneRunAreLoadedPageByPageInTheNext() {
        ElasticsearchResolvedUserStore store = new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC(), 2);
        Map<ResolvedUserStore.Key, DirectoryUser> saved = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            var key = new ResolvedUserStore.Key("d-9067642ac7", "user-" + i);
            var user = new DirectoryUser("user-" + i, "name" + i, i % 2 == 0 ? "u" + i + "@example.com" : null, null);
            store.save(key, user);
            saved.put(key, user);
        }
        store.save(new ResolvedUserStore.Key(null, "no-store"), new DirectoryUser("no-store", "x", null, "X Y"));
        saved.put(new ResolvedUserStore.Key("", "no-store"), new DirectoryUser("no-store", "x", null, "X Y"));
        ES.refresh(INDEX);

        Map<ResolvedUserStore.Key, DirectoryUser> loaded =
                new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC(), 2).loadAll();

        assertThat(loaded).isEqualTo(saved);
    }

    @Test
    void theStateStoreWorksOnAnIndexTheUserStoreCreatedAndNeitherSeesTheOthersDocuments() {
        new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC())
                .save(new ResolvedUserStore.Key("d-1", "u-1"), new DirectoryUser("u-1", "rpatel", null, null));
        ElasticsearchStateStore states =
                new ElasticsearchStateStore(client, INDEX, RetryPolicy.DEFAULT, Clock.systemUTC());
        PartitionState state =
                new PartitionState("scope-a", "111122223333/eu-west-1", Optional.empty(), Map.of(), Optional.empty());

        assertThat(states.save(state)).isPresent();
        ES.refresh(INDEX);

        assertThat(states.load("scope-a")).hasSize(1);
        assertThat(new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC()).loadAll())
                .containsOnlyKeys(new ResolvedUserStore.Key("d-1", "u-1"));
    }

    @Test
    void aUserResolvedInOneRunCostsNoLookupInTheNext() {
        AtomicInteger calls = new AtomicInteger();
        UserDirectory directory = (store, id) -> {
            calls.incrementAndGet();
            return new UserDirectory.Lookup.Found(new DirectoryUser(id, "rpatel", "raj.patel@example.com", null));
        };
        DirectoryResolver first = DirectoryResolver.create(
                directory, new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC()));
        assertThat(first.resolve("d-1", "u-1")).isPresent();
        ES.refresh(INDEX);

        DirectoryResolver second = DirectoryResolver.create(
                directory, new ElasticsearchResolvedUserStore(client, INDEX, Clock.systemUTC()));

        assertThat(second.resolve("d-1", "u-1")).map(DirectoryUser::email).contains("raj.patel@example.com");
        assertThat(calls).hasValue(1);
        assertThat(second.stats().preloaded()).isEqualTo(1);
    }
}
