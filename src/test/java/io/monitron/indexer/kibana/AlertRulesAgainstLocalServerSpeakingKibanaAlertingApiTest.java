package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import io.monitron.indexer.kibana.AlertRuleInstaller.InstalledRule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Creates the alerting rules against an in-process HTTP server that speaks Kibana's alerting API as documented:
 * {@code GET|POST|PUT [/s/{space}]/api/alerting/rule/{id}} and {@code POST .../rule/{id}/_enable}, with the create
 * and update request schemas (a chosen id must be a v1 or v4 UUID; an update takes no rule type, consumer or
 * {@code enabled}, and its actions no {@code connector_type_id}; unknown keys are refused with 400, as Kibana's
 * config-schema does) and the Elasticsearch query rule's parameter rules ({@code esQuery} a JSON string holding {@code
 * query}, {@code groupBy: top} needing {@code termField} and {@code termSize}, ...). The saved objects import of the
 * same {@code setup} run is answered as documented too, so the data view pattern it sends can be checked.
 */
class AlertRulesAgainstLocalServerSpeakingKibanaAlertingApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE_PATH =
            Pattern.compile("^(/s/[a-z0-9_-]+)?/api/alerting/rule/([^/]+)(/_enable)?$");
    private static final Pattern UUID_V1_OR_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[14][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Set<String> CREATE_KEYS = Set.of(
            "name",
            "rule_type_id",
            "consumer",
            "schedule",
            "params",
            "actions",
            "enabled",
            "tags",
            "notify_when",
            "throttle",
            "alert_delay",
            "flapping");
    private static final Set<String> UPDATE_KEYS = Set.of(
            "name", "tags", "schedule", "throttle", "params", "actions", "notify_when", "alert_delay", "flapping");
    private static final Set<String> ACTION_KEYS =
            Set.of("group", "id", "params", "frequency", "uuid", "alerts_filter", "use_alert_data_for_template");
    private static final Set<String> COMPARATORS = Set.of(">", ">=", "<", "<=", "between", "notBetween");

    private HttpServer server;
    private final Map<String, ObjectNode> rules = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> importedNdjson = new CopyOnWriteArrayList<>();
    private volatile String refuseCreateWith;

    @BeforeEach
    void startFakeKibana() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopFakeKibana() {
        server.stop(0);
    }

    // ---- the fake Kibana ----------------------------------------------------------------------------------------

    private void answer(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        requests.add(method + " " + path);
        int status;
        String answer;
        if (!method.equals("GET") && exchange.getRequestHeaders().getFirst("kbn-xsrf") == null) {
            status = 400;
            answer = error(400, "Bad Request", "Request must contain a kbn-xsrf header.");
        } else if (method.equals("POST") && path.endsWith("/api/saved_objects/_import")) {
            importedNdjson.add(body);
            status = 200;
            answer = "{\"success\":true,\"successCount\":1,\"successResults\":[],\"warnings\":[]}";
        } else {
            Matcher rule = RULE_PATH.matcher(path);
            if (!rule.matches()) {
                status = 404;
                answer = error(404, "Not Found", "Not Found");
            } else {
                String key = (rule.group(1) == null ? "" : rule.group(1)) + "|" + rule.group(2);
                String[] result = alerting(method, key, rule.group(2), rule.group(3) != null, body, exchange);
                status = Integer.parseInt(result[0]);
                answer = result[1];
            }
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String[] alerting(String method, String key, String id, boolean enable, String body, HttpExchange exchange)
            throws IOException {
        ObjectNode existing = rules.get(key);
        if (enable) {
            if (!method.equals("POST")) {
                return new String[] {"404", error(404, "Not Found", "Not Found")};
            }
            if (existing == null) {
                return new String[] {"404", notFound(id)};
            }
            existing.put("enabled", true);
            return new String[] {"204", ""};
        }
        switch (method) {
            case "GET" -> {
                return existing == null
                        ? new String[] {"404", notFound(id)}
                        : new String[] {"200", existing.toString()};
            }
            case "POST" -> {
                if (!UUID_V1_OR_V4.matcher(id).matches()) {
                    return badRequest("[id]: ID must be a UUID v1 or v4");
                }
                if (existing != null) {
                    return new String[] {"409", error(409, "Conflict", "Saved object [alert/" + id + "] conflict")};
                }
                if (refuseCreateWith != null) {
                    return badRequest(refuseCreateWith);
                }
                JsonNode request = jsonBody(exchange, body);
                String problem = createProblem(request);
                if (problem != null) {
                    return badRequest(problem);
                }
                ObjectNode stored = ((ObjectNode) request).deepCopy().put("id", id);
                stored.put("enabled", request.path("enabled").asBoolean(true));
                rules.put(key, stored);
                return new String[] {"200", stored.toString()};
            }
            case "PUT" -> {
                if (existing == null) {
                    return new String[] {"404", notFound(id)};
                }
                JsonNode request = jsonBody(exchange, body);
                String problem = updateProblem(request);
                if (problem != null) {
                    return badRequest(problem);
                }
                ObjectNode stored = ((ObjectNode) request).deepCopy();
                stored.put("id", id)
                        .put("enabled", existing.path("enabled").asBoolean())
                        .put("rule_type_id", existing.path("rule_type_id").asText())
                        .put("consumer", existing.path("consumer").asText());
                // what GET shows of an action: the connector's type too
                for (JsonNode action : stored.path("actions")) {
                    ((ObjectNode) action).put("connector_type_id", ".email");
                }
                rules.put(key, stored);
                return new String[] {"200", stored.toString()};
            }
            default -> {
                return new String[] {"404", error(404, "Not Found", "Not Found")};
            }
        }
    }

    private static JsonNode jsonBody(HttpExchange exchange, String body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return JSON.createObjectNode().put("__not_json__", type);
        }
        return JSON.readTree(body);
    }

    private static String createProblem(JsonNode request) {
        String unknown = unknownKey(request, CREATE_KEYS, "request body");
        if (unknown != null) {
            return unknown;
        }
        for (String required : List.of("name", "rule_type_id", "consumer", "params")) {
            if (!request.path(required).isTextual() && !request.path(required).isObject()) {
                return "[request body." + required + "]: expected value of type [string] but got [undefined]";
            }
        }
        if (!request.path("enabled").isMissingNode() && !request.path("enabled").isBoolean()) {
            return "[request body.enabled]: expected value of type [boolean]";
        }
        return commonProblem(request);
    }

    private static String updateProblem(JsonNode request) {
        String unknown = unknownKey(request, UPDATE_KEYS, "request body");
        return unknown != null ? unknown : commonProblem(request);
    }

    private static String commonProblem(JsonNode request) {
        if (!request.path("schedule").path("interval").asText().matches("\\d+[smhd]")) {
            return "[request body.schedule.interval]: invalid duration";
        }
        for (JsonNode action : request.path("actions")) {
            String unknown = unknownKey(action, ACTION_KEYS, "request body.actions.0");
            if (unknown != null) {
                return unknown;
            }
        }
        return esQueryParamsProblem(request.path("params"));
    }

    /** The Elasticsearch query rule's parameter schema (searchType esQuery). */
    private static String esQueryParamsProblem(JsonNode params) {
        if (!params.path("searchType").asText("esQuery").equals("esQuery")) {
            return "params: only esQuery is modelled";
        }
        if (!params.path("index").isArray() || params.path("index").isEmpty()) {
            return "params: [index]: expected an array of at least 1 string";
        }
        if (params.path("timeField").asText().isEmpty()) {
            return "params: [timeField]: expected value of type [string]";
        }
        if (!params.path("esQuery").isTextual()) {
            return "params: [esQuery]: expected value of type [string]";
        }
        try {
            if (!JSON.readTree(params.path("esQuery").asText()).has("query")) {
                return "params: [esQuery]: must contain \"query\"";
            }
        } catch (IOException e) {
            return "params: [esQuery]: must be valid JSON";
        }
        int size = params.path("size").asInt(-1);
        if (!params.path("size").isInt() || size < 0 || size > 10_000) {
            return "params: [size]: must be between 0 and 10000";
        }
        if (!params.path("timeWindowSize").isInt()
                || params.path("timeWindowSize").asInt() < 1) {
            return "params: [timeWindowSize]: must be at least 1";
        }
        if (!Set.of("s", "m", "h", "d").contains(params.path("timeWindowUnit").asText())) {
            return "params: [timeWindowUnit]: invalid timeWindowUnit";
        }
        JsonNode threshold = params.path("threshold");
        if (!threshold.isArray()
                || threshold.isEmpty()
                || threshold.size() > 2
                || !threshold.get(0).isNumber()) {
            return "params: [threshold]: expected 1 or 2 numbers";
        }
        if (!COMPARATORS.contains(params.path("thresholdComparator").asText())) {
            return "params: invalid thresholdComparator specified";
        }
        String groupBy = params.path("groupBy").asText("all");
        if (groupBy.equals("top")
                && (params.path("termField").asText().isEmpty()
                        || !params.path("termSize").isInt())) {
            return "params: [termField] and [termSize] required when [groupBy] is top";
        }
        if (!params.path("aggType").asText("count").equals("count") && !params.has("aggField")) {
            return "params: [aggField]: must have a value when [aggType] is not count";
        }
        return null;
    }

    private static String unknownKey(JsonNode object, Set<String> allowed, String where) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!allowed.contains(name)) {
                return "[" + where + "." + name + "]: definition for this key is missing";
            }
        }
        return null;
    }

    private static String[] badRequest(String message) {
        return new String[] {"400", error(400, "Bad Request", message)};
    }

    private static String notFound(String id) {
        return error(404, "Not Found", "Saved object [alert/" + id + "] not found");
    }

    private static String error(int status, String error, String message) {
        return JSON.createObjectNode()
                .put("statusCode", status)
                .put("error", error)
                .put("message", message)
                .toString();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private AlertRuleInstaller installer() throws Exception {
        return new AlertRuleInstaller(
                URI.create(url()),
                Optional.of(KibanaAuthorization.basic("elastic", "secret")),
                SSLContext.getDefault(),
                Duration.ofSeconds(10));
    }

    private static List<AlertRule> bundledRules() {
        return MonitronAlertRules.forIndices("monitron-cloudtrail-*", 5);
    }

    private record Result(int exitCode, String out, String err) {}

    private Result setup(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "setup";
        System.arraycopy(args, 0, command, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                command,
                new Environment(Map.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String dataViewPatternOf(String multipartBody) throws IOException {
        for (String line : multipartBody.split("\n")) {
            if (line.startsWith("{") && line.contains("\"type\":\"index-pattern\"")) {
                JsonNode dataView = JSON.readTree(line.strip());
                if (dataView.path("id").asText().equals(BundledSavedObjects.EVENTS_DATA_VIEW)) {
                    return dataView.path("attributes").path("title").asText();
                }
            }
        }
        throw new AssertionError("no events data view in the import");
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    void createsEveryRuleDisabledUnderItsFixedIdAsTheAlertingApiDocuments() throws Exception {
        List<InstalledRule> installed = installer().install(bundledRules(), Optional.empty(), false);

        assertThat(installed).hasSize(5).allMatch(InstalledRule::created).noneMatch(InstalledRule::enabled);
        assertThat(rules.keySet())
                .containsExactlyInAnyOrder(
                        "|" + MonitronAlertRules.PROJECT_OR_SITE_DELETED,
                        "|" + MonitronAlertRules.ROOT_USER_USED,
                        "|" + MonitronAlertRules.ACCESS_DENIED_BURST,
                        "|" + MonitronAlertRules.PROJECT_ADMIN_CHANGED,
                        "|" + MonitronAlertRules.CHANGE_WITHOUT_MFA);
        for (ObjectNode rule : rules.values()) {
            assertThat(rule.path("rule_type_id").asText()).isEqualTo(".es-query");
            assertThat(rule.path("consumer").asText()).isEqualTo("stackAlerts");
            assertThat(rule.path("enabled").asBoolean()).isFalse();
            assertThat(rule.path("actions")).isEmpty();
            assertThat(rule.at("/params/index/0").asText()).isEqualTo("monitron-cloudtrail-*");
            assertThat(rule.at("/params/timeField").asText()).isEqualTo("event.ingested");
        }
        assertThat(requests)
                .filteredOn(request -> request.startsWith("POST"))
                .hasSize(5)
                .noneMatch(request -> request.endsWith("/_enable"));
    }

    @Test
    void theAccessDeniedBurstIsOneAlertPerUserAtTheConfiguredThreshold() throws Exception {
        installer().install(MonitronAlertRules.forIndices("x-*", 7), Optional.empty(), false);

        JsonNode params =
                rules.get("|" + MonitronAlertRules.ACCESS_DENIED_BURST).path("params");
        assertThat(params.path("groupBy").asText()).isEqualTo("top");
        assertThat(params.path("termField").asText()).isEqualTo("user.name");
        assertThat(params.path("thresholdComparator").asText()).isEqualTo(">=");
        assertThat(params.path("threshold").get(0).asInt()).isEqualTo(7);
        assertThat(params.path("timeWindowSize").asInt()).isEqualTo(5);
        assertThat(params.path("timeWindowUnit").asText()).isEqualTo("m");
    }

    @Test
    void enableRulesCreatesThemEnabled() throws Exception {
        List<InstalledRule> installed = installer().install(bundledRules(), Optional.empty(), true);

        assertThat(installed).allMatch(InstalledRule::enabled);
        assertThat(rules.values()).allMatch(rule -> rule.path("enabled").asBoolean());
    }

    @Test
    void aRerunUpdatesTheSameRulesKeepingTheConnectorsAUserAttachedAndTheirEnabledState() throws Exception {
        installer().install(bundledRules(), Optional.empty(), false);
        ObjectNode deleted = rules.get("|" + MonitronAlertRules.PROJECT_OR_SITE_DELETED);
        deleted.put("enabled", true).put("name", "renamed in Kibana");
        ArrayNode actions = deleted.putArray("actions");
        actions.addObject()
                .put("group", "query matched")
                .put("id", "my-email-connector")
                .put("connector_type_id", ".email")
                .put("uuid", "0f1e2d3c-0000-4000-8000-000000000001")
                .putObject("params")
                .put("subject", "{{rule.name}}");
        requests.clear();

        List<InstalledRule> again = installer().install(bundledRules(), Optional.empty(), false);

        assertThat(again).noneMatch(InstalledRule::created);
        assertThat(rules).hasSize(5);
        assertThat(requests).filteredOn(request -> request.startsWith("PUT")).hasSize(5);
        assertThat(requests).noneMatch(request -> request.startsWith("POST"));
        ObjectNode updated = rules.get("|" + MonitronAlertRules.PROJECT_OR_SITE_DELETED);
        assertThat(updated.path("name").asText()).isEqualTo("Monitron: project or site deleted");
        assertThat(updated.path("enabled").asBoolean()).isTrue();
        assertThat(updated.at("/actions/0/id").asText()).isEqualTo("my-email-connector");
        assertThat(updated.at("/actions/0/params/subject").asText()).isEqualTo("{{rule.name}}");
        assertThat(again)
                .filteredOn(rule -> rule.id().equals(MonitronAlertRules.PROJECT_OR_SITE_DELETED))
                .singleElement()
                .matches(InstalledRule::enabled);
    }

    @Test
    void aRerunWithEnableRulesEnablesTheDisabledOnes() throws Exception {
        installer().install(bundledRules(), Optional.empty(), false);
        rules.get("|" + MonitronAlertRules.ROOT_USER_USED).put("enabled", true);
        requests.clear();

        installer().install(bundledRules(), Optional.empty(), true);

        assertThat(rules.values()).allMatch(rule -> rule.path("enabled").asBoolean());
        assertThat(requests).filteredOn(request -> request.endsWith("/_enable")).hasSize(4);
    }

    @Test
    void rulesGoIntoTheGivenSpace() throws Exception {
        installer().install(bundledRules(), Optional.of("ops-team"), false);

        assertThat(rules.keySet()).allMatch(key -> key.startsWith("/s/ops-team|"));
        assertThat(requests).allMatch(request -> request.contains(" /s/ops-team/api/alerting/rule/"));
    }

    @Test
    void aRuleKibanaRefusesFailsWithKibanasMessageAndWhatToDo() {
        refuseCreateWith = "Unable to create alerting rule because the Encrypted Saved Objects plugin is missing"
                + " encryption key. Please set xpack.encryptedSavedObjects.encryptionKey in the kibana.yml";

        assertThatThrownBy(() -> installer().install(bundledRules(), Optional.empty(), false))
                .isInstanceOf(KibanaRulesException.class)
                .hasMessageContaining("400")
                .hasMessageContaining("Monitron: project or site deleted")
                .hasMessageContaining("Encrypted Saved Objects plugin is missing encryption key")
                .hasMessageNotContaining("secret");
    }

    @Test
    void setupImportsTheDataViewWithThePrefixPatternAndKeepsItOnReruns() throws IOException {
        Result first = setup("--skip-template", "--kibana-url", url(), "--index-prefix", "acme-audit");
        Result second = setup("--skip-template", "--kibana-url", url(), "--index-prefix", "acme-audit");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(importedNdjson).hasSize(2);
        assertThat(dataViewPatternOf(importedNdjson.get(0))).isEqualTo("acme-audit-*");
        assertThat(dataViewPatternOf(importedNdjson.get(1))).isEqualTo("acme-audit-*");
        assertThat(first.out())
                .contains("data view acme-audit-*")
                .contains("5 alerting rules created or updated, 0 enabled");
        assertThat(rules.values())
                .allMatch(rule -> rule.at("/params/index/0").asText().equals("acme-audit-*"));
    }

    @Test
    void setupWithEnableRulesAndAThresholdCreatesEnabledRulesWithThatThreshold() {
        Result result =
                setup("--skip-template", "--kibana-url", url(), "--enable-rules", "--access-denied-threshold", "3");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("5 alerting rules created or updated, 5 enabled");
        assertThat(rules.get("|" + MonitronAlertRules.ACCESS_DENIED_BURST)
                        .at("/params/threshold/0")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void setupRefusesAThresholdBelowOne() {
        Result result = setup("--skip-template", "--kibana-url", url(), "--access-denied-threshold", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--access-denied-threshold");
        assertThat(rules).isEmpty();
        assertThat(requests)
                .as("nothing is sent before the options are checked")
                .isEmpty();
    }
}
