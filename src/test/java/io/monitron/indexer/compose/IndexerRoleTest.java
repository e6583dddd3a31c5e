package io.monitron.indexer.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.sink.ElasticsearchStateStore;
import io.monitron.indexer.sink.IndexNames;
import io.monitron.indexer.sink.IndexerRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexerRoleTest {
    private static List<String> names(JsonNode role) {
        List<String> names = new ArrayList<>();
        role.path("indices").forEach(entry -> entry.path("names").forEach(n -> names.add(n.asText())));
        return names;
    }

    @Test
    void theDefaultRoleCoversTheDefaultDataIndicesAndTheStateIndexTheIndexerUses() {
        JsonNode role = IndexerRole.bundled(
                        new IndexNames(IndexNames.DEFAULT_PREFIX), ElasticsearchStateStore.DEFAULT_INDEX)
                .body();

        assertThat(names(role))
                .containsExactly("monitron-cloudtrail-*", ElasticsearchStateStore.DEFAULT_INDEX, "monitron-estate");
    }

    @Test
    void aRoleForAnotherPrefixGrantsNothingOnTheDefaultIndices() {
        JsonNode role = IndexerRole.bundled(new IndexNames("audit"), "audit-state", "estate-audit")
                .body();

        assertThat(names(role)).containsExactly("audit-*", "audit-state", "estate-audit");
    }

    @Test
    void grantsNoClusterPrivilegeBeyondMonitorAndNoIndexManagement() {
        JsonNode role =
                IndexerRole.bundled(new IndexNames("audit"), "audit-state").body();

        assertThat(role.path("cluster").toString()).isEqualTo("[\"monitor\"]");
        assertThat(role.path("indices").findValues("privileges").toString())
                .doesNotContain("\"all\"")
                .doesNotContain("\"manage\"")
                .doesNotContain("\"delete_index\"");
        assertThat(role.path("indices").get(0).path("privileges").toString())
                .as("documents are never deleted")
                .doesNotContain("\"delete\"")
                .doesNotContain("\"write\"");
    }

    @Test
    void anInvalidStateIndexIsAUsageError() {
        assertThatThrownBy(() -> IndexerRole.bundled(new IndexNames("audit"), "State/../x"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--state-index");
    }

    @Test
    void theBodyIsACopy() {
        IndexerRole role = IndexerRole.bundled(new IndexNames("audit"), "audit-state");
        role.body().putArray("cluster").add("all");

        assertThat(role.json()).doesNotContain("\"all\"");
    }
}
