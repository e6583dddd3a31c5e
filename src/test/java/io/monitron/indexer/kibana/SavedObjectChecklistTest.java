package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spec's checklist holds for the committed NDJSON, and each kind of breakage is caught with its rule. */
class SavedObjectChecklistTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static byte[] committed;

    @BeforeAll
    static void readCommittedNdjson() throws IOException {
        committed = Files.readAllBytes(Path.of("kibana", "monitron.ndjson"));
    }

    @Test
    void theCommittedNdjsonPassesEveryRule() {
        assertThat(SavedObjectChecklist.violations(committed)).isEmpty();
    }

    @Test
    void theCommittedNdjsonHoldsTheExpectedObjects() {
        List<JsonNode> objects = objects(committed);
        assertThat(objects)
                .filteredOn(o -> o.path("type").asText().equals("index-pattern"))
                .hasSize(2);
        assertThat(objects)
                .filteredOn(o -> o.path("type").asText().equals("search"))
                .hasSize(10);
        assertThat(objects)
                .filteredOn(o -> o.path("type").asText().equals("dashboard"))
                .extracting(o -> o.path("id").asText())
                .containsExactly(
                        "monitron-dashboard-overview",
                        "monitron-dashboard-security",
                        "monitron-dashboard-lifecycle",
                        "monitron-dashboard-estate");
        assertThat(objects)
                .filteredOn(o -> o.path("type").asText().equals("lens"))
                .hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theEstateDashboardHasProjectAndSiteControlsOnTheEstate() throws IOException {
        JsonNode estate = objects(committed).stream()
                .filter(o -> o.path("id").asText().equals("monitron-dashboard-estate"))
                .findFirst()
                .orElseThrow();
        JsonNode controls = JSON.readTree(
                estate.at("/attributes/controlGroupInput/panelsJSON").asText());
        List<String> fields = new ArrayList<>();
        controls.forEach(control -> {
            fields.add(control.at("/explicitInput/fieldName").asText());
            assertThat(control.at("/explicitInput/dataViewId").asText()).isEqualTo("monitron-estate");
        });
        assertThat(fields).containsExactly("monitron.project.name", "monitron.site.name");
    }

    @Test
    void everyDashboardLinksToEveryDashboardAndSaysWhatItAnswers() throws IOException {
        List<JsonNode> dashboards = objects(committed).stream()
                .filter(o -> o.path("type").asText().equals("dashboard"))
                .toList();
        for (JsonNode dashboard : dashboards) {
            assertThat(dashboard.at("/attributes/description").asText())
                    .as(dashboard.path("id").asText())
                    .isNotBlank();
            String markdown = JSON.readTree(
                            dashboard.at("/attributes/panelsJSON").asText())
                    .get(0)
                    .at("/embeddableConfig/savedVis/params/markdown")
                    .asText();
            for (JsonNode other : dashboards) {
                assertThat(markdown).contains("(#/view/" + other.path("id").asText() + ")");
            }
        }
    }

    @Test
    void everyLensVisualizationAndSavedSearchSaysWhatItAnswers() {
        assertThat(objects(committed))
                .filteredOn(
                        o -> Set.of("lens", "search").contains(o.path("type").asText()))
                .allSatisfy(o -> assertThat(o.at("/attributes/description").asText())
                        .as(o.path("id").asText())
                        .isNotBlank());
    }

    @Test
    void aNavigationLinkToAMissingDashboardIsCaught() {
        byte[] broken = mutatePanels("monitron-dashboard-security", panels -> {
            ObjectNode params = (ObjectNode) panels.get(0).at("/embeddableConfig/savedVis/params");
            params.put("markdown", "[Gone](#/view/monitron-dashboard-gone)");
        });

        assertThat(SavedObjectChecklist.violations(broken))
                .anyMatch(v -> v.startsWith("[rule 31]") && v.contains("monitron-dashboard-gone"));
    }

    @Test
    void everyEventsDashboardHasTheFiveOptionsListControls() throws IOException {
        for (JsonNode dashboard : objects(committed)) {
            if (dashboard.path("type").asText().equals("dashboard")
                    && !dashboard.path("id").asText().equals("monitron-dashboard-estate")) {
                JsonNode controls = JSON.readTree(
                        dashboard.at("/attributes/controlGroupInput/panelsJSON").asText());
                List<String> fields = new ArrayList<>();
                controls.forEach(control ->
                        fields.add(control.at("/explicitInput/fieldName").asText()));
                assertThat(fields)
                        .as(dashboard.path("id").asText())
                        .containsExactlyInAnyOrder(
                                "cloud.account.id",
                                "cloud.region",
                                "monitron.project.name",
                                "user.name",
                                "event.action");
            }
        }
    }

    @Test
    void aLensLayerWithoutItsDataViewReferenceIsCaught() {
        byte[] broken = mutate("monitron-lens-top-users", lens -> ((ArrayNode) lens.get("references")).removeAll());

        assertThat(SavedObjectChecklist.violations(broken))
                .anyMatch(v -> v.startsWith("[rule 21] lens monitron-lens-top-users")
                        && v.contains("indexpattern-datasource-layer-main"));
    }

    @Test
    void anAccessorNamingAMissingColumnIsCaught() {
        byte[] broken = mutate(
                "monitron-lens-events-by-action",
                lens -> ((ObjectNode) lens.at("/attributes/state/visualization/layers/0")).put("xAccessor", "nope"));

        assertThat(SavedObjectChecklist.violations(broken))
                .anyMatch(v -> v.startsWith("[rule 27]") && v.contains("missing column nope"));
    }

    @Test
    void overlappingPanelsAndPanelIdsWithPanelPrefixAreCaught() {
        byte[] broken = mutatePanels("monitron-dashboard-overview", panels -> {
            ((ObjectNode) panels.get(1).get("gridData")).put("x", 6);
            ObjectNode first = (ObjectNode) panels.get(0);
            first.put("panelIndex", "panel_1");
        });

        List<String> violations = SavedObjectChecklist.violations(broken);
        assertThat(violations).anyMatch(v -> v.startsWith("[rule 29]") && v.contains("overlaps"));
        assertThat(violations).anyMatch(v -> v.startsWith("[rule 28]") && v.contains("panel_1"));
    }

    @Test
    void aMissingTypeMigrationVersionIsCaught() {
        byte[] broken = mutate("monitron-lens-outcomes", lens -> lens.remove("typeMigrationVersion"));

        assertThat(SavedObjectChecklist.violations(broken))
                .contains("[rule 6] lens monitron-lens-outcomes: typeMigrationVersion must be 8.9.0");
    }

    @Test
    void aControlWithoutItsDataViewReferenceIsCaught() {
        byte[] broken = mutate("monitron-dashboard-security", dashboard -> {
            ArrayNode references = (ArrayNode) dashboard.get("references");
            for (int i = references.size() - 1; i >= 0; i--) {
                if (references.get(i).path("name").asText().startsWith("controlGroup_region")) {
                    references.remove(i);
                }
            }
        });

        assertThat(SavedObjectChecklist.violations(broken))
                .contains("[rule 38] dashboard monitron-dashboard-security: has no reference named"
                        + " controlGroup_region:optionsListDataView");
    }

    @Test
    void aDoubleEncodedOrUndecodedStringAttributeIsCaught() {
        byte[] doubleEncoded = mutate("monitron-dashboard-lifecycle", dashboard -> {
            ObjectNode attributes = (ObjectNode) dashboard.get("attributes");
            attributes.put(
                    "panelsJSON",
                    JSON.valueToTree(attributes.get("panelsJSON").asText()).toString());
        });
        byte[] decoded = mutate(
                "monitron-search-tag-changes", search -> ((ObjectNode) search.at("/attributes/kibanaSavedObjectMeta"))
                        .set("searchSourceJSON", JSON.createObjectNode()));

        assertThat(SavedObjectChecklist.violations(doubleEncoded))
                .anyMatch(v -> v.startsWith("[rule 9] dashboard monitron-dashboard-lifecycle: panelsJSON"));
        assertThat(SavedObjectChecklist.violations(decoded))
                .anyMatch(v -> v.startsWith("[rule 9] search monitron-search-tag-changes: searchSourceJSON"));
    }

    @Test
    void aReferenceToAnObjectNotInTheFileAndAnUnknownSearchAttributeAreCaught() {
        byte[] broken = mutate("monitron-search-root-user", search -> {
            ((ObjectNode) search.at("/references/0")).put("id", "some-other-view");
            ((ObjectNode) search.get("attributes")).put("foo", 1);
        });

        List<String> violations = SavedObjectChecklist.violations(broken);
        assertThat(violations).anyMatch(v -> v.startsWith("[rule 12] search monitron-search-root-user"));
        assertThat(violations)
                .contains("[rule 10] search monitron-search-root-user: has attribute foo outside the" + " allowlist");
    }

    @Test
    void aSavedSearchOnNoDashboardIsCaught() {
        byte[] broken = mutatePanels("monitron-dashboard-lifecycle", panels -> {
            for (int i = panels.size() - 1; i >= 0; i--) {
                if (panels.get(i).path("panelIndex").asText().equals("tag-changes")) {
                    panels.remove(i);
                }
            }
        });

        List<String> violations = SavedObjectChecklist.violations(broken);
        assertThat(violations).contains("[rule 40] search monitron-search-tag-changes: is on no dashboard");
        assertThat(violations).anyMatch(v -> v.startsWith("[rule 13]") && v.contains("tag-changes:panel_tag-changes"));
    }

    @Test
    void aByteOrderMarkAndCrLfAreCaught() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] withBom = new byte[committed.length + 3];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(committed, 0, withBom, 3, committed.length);
        byte[] crlf = new String(committed, StandardCharsets.UTF_8)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(SavedObjectChecklist.violations(withBom)).anyMatch(v -> v.contains("byte order mark"));
        assertThat(SavedObjectChecklist.violations(crlf)).anyMatch(v -> v.contains("CR"));
    }

    private static List<JsonNode> objects(byte[] ndjson) {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            try {
                objects.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }

    private static byte[] mutate(String id, Consumer<ObjectNode> change) {
        StringBuilder out = new StringBuilder();
        boolean found = false;
        for (JsonNode object : objects(committed)) {
            if (object.path("id").asText().equals(id)) {
                change.accept((ObjectNode) object);
                found = true;
            }
            out.append(object).append('\n');
        }
        assertThat(found).as("object " + id).isTrue();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutatePanels(String dashboardId, Consumer<ArrayNode> change) {
        return mutate(dashboardId, dashboard -> {
            ObjectNode attributes = (ObjectNode) dashboard.get("attributes");
            try {
                ArrayNode panels =
                        (ArrayNode) JSON.readTree(attributes.get("panelsJSON").asText());
                change.accept(panels);
                attributes.put("panelsJSON", JSON.writeValueAsString(panels));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
