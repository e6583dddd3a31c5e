package io.monitron.indexer.kibana.content;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A dashboard (spec §2.4) laid out in rows on the 48-column grid: panels by reference to saved Lens visualizations and
 * searches, and by-value markdown panels (navigation), with options-list controls (spec §2.5) on one data view, and a
 * query of its own that scopes the controls' options and every panel.
 */
record Dashboard(
        String id,
        String title,
        String description,
        List<Row> rows,
        String query,
        String dataViewId,
        List<Control> controls) {

    /** An events dashboard: Monitron events only, the five event controls. */
    Dashboard(String id, String title, String description, List<Row> rows) {
        this(id, title, description, rows, MonitronQueries.ALL, SavedObjectJson.DATA_VIEW_ID, CONTROLS);
    }

    /**
     * A panel {@code width} grid columns wide: a saved Lens visualization or saved search by reference ({@code
     * targetId}), or a markdown text by value ({@code markdown}).
     */
    record Panel(String panelIndex, int width, String title, String type, String targetId, String markdown) {
        static Panel lens(String panelIndex, int width, String title, LensVisualization target) {
            return new Panel(panelIndex, width, title, "lens", target.id(), null);
        }

        static Panel search(String panelIndex, int width, String title, SavedSearch target) {
            return new Panel(panelIndex, width, title, "search", target.id(), null);
        }

        static Panel markdown(String panelIndex, int width, String markdown) {
            return new Panel(panelIndex, width, "", "visualization", null, markdown);
        }
    }

    /** Panels side by side, left to right, all {@code height} grid rows tall. */
    record Row(int height, List<Panel> panels) {
        static Row of(int height, Panel... panels) {
            return new Row(height, List.of(panels));
        }
    }

    /** An options-list control on one keyword field. */
    record Control(String id, String field, String title) {}

    static final List<Control> CONTROLS = List.of(
            new Control("account", "cloud.account.id", "Account"),
            new Control("region", "cloud.region", "Region"),
            new Control("project", "monitron.project.name", "Project"),
            new Control("user", "user.name", "Acting user"),
            new Control("action", "event.action", "Action"));

    ObjectNode toSavedObject() {
        ArrayNode references = SavedObjectJson.array();
        ArrayNode panels = SavedObjectJson.array();
        int y = 0;
        for (Row row : rows) {
            int x = 0;
            for (Panel panel : row.panels()) {
                ObjectNode json = panels.addObject().put("type", panel.type()).put("panelIndex", panel.panelIndex());
                json.putObject("gridData")
                        .put("x", x)
                        .put("y", y)
                        .put("w", panel.width())
                        .put("h", row.height())
                        .put("i", panel.panelIndex());
                if (panel.markdown() != null) {
                    json.set("embeddableConfig", markdownConfig(panel.markdown()));
                } else {
                    json.putObject("embeddableConfig")
                            .put("title", panel.title())
                            .putObject("enhancements");
                    json.put("panelRefName", "panel_" + panel.panelIndex());
                    references.add(SavedObjectJson.reference(
                            panel.panelIndex() + ":panel_" + panel.panelIndex(), panel.type(), panel.targetId()));
                }
                x += panel.width();
            }
            y += row.height();
        }

        ObjectNode controlPanels = SavedObjectJson.object();
        for (int order = 0; order < controls.size(); order++) {
            Control control = controls.get(order);
            ObjectNode json = controlPanels
                    .putObject(control.id())
                    .put("type", "optionsListControl")
                    .put("order", order)
                    .put("width", "medium")
                    .put("grow", true);
            ObjectNode input = json.putObject("explicitInput")
                    .put("id", control.id())
                    .put("dataViewId", dataViewId)
                    .put("fieldName", control.field())
                    .put("title", control.title());
            input.putArray("selectedOptions");
            input.put("searchTechnique", "prefix");
            input.putObject("sort").put("by", "_count").put("direction", "desc");
            input.put("singleSelect", false)
                    .put("exclude", false)
                    .put("existsSelected", false)
                    .put("runPastTimeout", false);
            references.add(SavedObjectJson.dataViewReference(
                    "controlGroup_" + control.id() + ":optionsListDataView", dataViewId));
        }
        ObjectNode ignoreParent = SavedObjectJson.object()
                .put("ignoreFilters", false)
                .put("ignoreQuery", false)
                .put("ignoreTimerange", false)
                .put("ignoreValidations", false);
        ObjectNode controlGroup = SavedObjectJson.object()
                .put("controlStyle", "oneLine")
                .put("chainingSystem", "HIERARCHICAL")
                .put("showApplySelections", false)
                .put("ignoreParentSettingsJSON", SavedObjectJson.encode(ignoreParent))
                .put("panelsJSON", SavedObjectJson.encode(controlPanels));

        ObjectNode options = SavedObjectJson.object()
                .put("useMargins", true)
                .put("syncColors", false)
                .put("syncCursor", true)
                .put("syncTooltips", false)
                .put("hidePanelTitles", false);
        ObjectNode searchSource = SavedObjectJson.object();
        // the dashboard's own query scopes its controls' options (and every panel), e.g. to Monitron events
        searchSource.set("query", SavedObjectJson.kqlQuery(query));
        searchSource.putArray("filter");

        ObjectNode attributes = SavedObjectJson.object()
                .put("title", title)
                .put("description", description)
                .put("timeRestore", true)
                .put("timeFrom", "now-30d")
                .put("timeTo", "now");
        attributes.putObject("refreshInterval").put("pause", true).put("value", 60000);
        attributes.put("optionsJSON", SavedObjectJson.encode(options));
        attributes.putObject("kibanaSavedObjectMeta").put("searchSourceJSON", SavedObjectJson.encode(searchSource));
        attributes.put("panelsJSON", SavedObjectJson.encode(panels));
        attributes.set("controlGroupInput", controlGroup);
        return SavedObjectJson.envelope("dashboard", id, attributes, references);
    }

    /** A by-value legacy visualization of type markdown, as Kibana stores a text panel in a dashboard. */
    private static ObjectNode markdownConfig(String markdown) {
        ObjectNode config = SavedObjectJson.object();
        ObjectNode savedVis = config.putObject("savedVis")
                .put("title", "")
                .put("description", "")
                .put("type", "markdown");
        savedVis.putObject("params")
                .put("fontSize", 12)
                .put("openLinksInNewTab", false)
                .put("markdown", markdown);
        savedVis.putObject("uiState");
        ObjectNode data = savedVis.putObject("data");
        data.putArray("aggs");
        ObjectNode searchSource = data.putObject("searchSource");
        searchSource.set("query", SavedObjectJson.kqlQuery(""));
        searchSource.putArray("filter");
        config.put("hidePanelTitles", true);
        config.putObject("enhancements");
        return config;
    }
}
