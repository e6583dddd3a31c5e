package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BundledSavedObjectsTest {

    private static final String NDJSON = "{\"type\":\"index-pattern\",\"id\":\"monitron-cloudtrail\",\"attributes\":"
            + "{\"title\":\"monitron-cloudtrail-*\",\"name\":\"Monitron CloudTrail\"},\"references\":[]}\n"
            + "{\"type\":\"lens\",\"id\":\"monitron-lens-x\",\"attributes\":{\"title\":\"monitron-cloudtrail-*\"}}\n";

    @Test
    void replacesThePatternOfTheNamedDataViewOnly() {
        String changed = BundledSavedObjects.withDataViewPatterns(NDJSON, Map.of("monitron-cloudtrail", "acme-*"));

        String[] lines = changed.split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("\"title\":\"acme-*\"").contains("\"name\":\"Monitron CloudTrail\"");
        assertThat(lines[1]).isEqualTo(NDJSON.split("\n")[1]);
        assertThat(changed).endsWith("\n");
    }

    @Test
    void theBundledFileHasTheEventsDataView() {
        String changed = new String(
                BundledSavedObjects.withDataViewPatterns(Map.of(BundledSavedObjects.EVENTS_DATA_VIEW, "x-*")),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(changed).contains("\"title\":\"x-*\"").doesNotContain("\"title\":\"monitron-cloudtrail-*\"");
    }

    @Test
    void anUnknownDataViewIsAnError() {
        assertThatThrownBy(() -> BundledSavedObjects.withDataViewPatterns(NDJSON, Map.of("nope", "x-*")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }
}
