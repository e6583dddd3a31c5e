package io.monitron.indexer.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EntityNames NAMES = new EntityNames(Map.of(
            EntityKind.SITE, Map.of("s1", "Hall A"),
            EntityKind.ASSET, Map.of("a1", "Pump 1"),
            EntityKind.GATEWAY, Map.of("g1", "gateway-1")));

    @Test
    void fillsTheNameOfAnEntityTheEventNamesOnlyById() throws Exception {
        ObjectNode gatewayEvent = (ObjectNode) JSON.readTree(
                "{\"monitron\":{\"site\":{\"id\":\"s1\"},\"gateway\":{\"id\":\"g1\",\"name\":\"gw as called then\"}}}");

        assertThat(NAMES.decorate(gatewayEvent)).isTrue();

        assertThat(gatewayEvent.at("/monitron/site/name").asText()).isEqualTo("Hall A");
        assertThat(gatewayEvent.at("/monitron/gateway/name").asText())
                .as("a name the event carries is the name at its time, and stays")
                .isEqualTo("gw as called then");
    }

    @Test
    void leavesDocumentsAloneWhenTheEstateDoesNotKnowTheId() throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree("{\"monitron\":{\"site\":{\"id\":\"unknown\"}},\"event\":{}}");
        ObjectNode before = event.deepCopy();

        assertThat(NAMES.decorate(event)).isFalse();
        assertThat(EntityNames.none().decorate(event)).isFalse();
        assertThat(event).isEqualTo(before);
    }

    @Test
    void laterNamesWinWhenMerged() {
        EntityNames merged = NAMES.with(new EntityNames(Map.of(EntityKind.SITE, Map.of("s1", "Hall B"))));

        assertThat(merged.name(EntityKind.SITE, "s1")).contains("Hall B");
        assertThat(merged.name(EntityKind.ASSET, "a1")).contains("Pump 1");
    }
}
