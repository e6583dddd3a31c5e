package io.monitron.indexer.estate;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ElasticsearchSettings;
import io.monitron.indexer.sink.ElasticsearchClients;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The estate index against the real Elasticsearch: trail files are indexed with the CLI one run per file (as files
 * arrive), then {@link EstateIndex#update} runs with the entities that run's documents named, as the index command
 * does after a successful run. Files read in another order, read again, or bringing events about an entity after its
 * deletion must leave the same estate; {@link EstateIndex#rebuild} must give exactly the estate the updates built.
 */
class EstateIndexIT {

    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "111122223333";
    private static final String REGION = "eu-west-1";
    private static final String PROJECT = "plant-a";
    private static final String SITE = "0b5e7c1a-1111-4a4a-8a8a-000000000001";
    private static final String SITE_2 = "0b5e7c1a-1111-4a4a-8a8a-000000000002";
    private static final String ASSET = "a55e7c1a-2222-4b4b-9b9b-000000000001";
    private static final String GATEWAY = "GW-0000000000A1";
    private static final String SENSOR = "SN-00000000000X";
    private static final String ADMIN = "user-0001";
    private static final Instant T0 = Instant.parse("2026-10-05T08:00:00Z");

    @TempDir
    static Path temp;

    private static ElasticsearchClient client;

    @BeforeAll
    static void connect() {
        client = ElasticsearchClients.create(new ElasticsearchSettings(
                List.of(URI.create(ES.url())),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false));
    }

    @AfterAll
    static void close() throws IOException {
        client._transport().close();
    }

    // ---- the trail --------------------------------------------------------------------------------------------------

    private static ObjectNode event(String id, String name, int minute, String user, ObjectNode request) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.09");
        ObjectNode identity = e.putObject("userIdentity");
        identity.put("type", "IAMUser")
                .put("principalId", "AIDAEXAMPLE" + user)
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + user)
                .put("accountId", ACCOUNT)
                .put("userName", user);
        e.put("eventTime", T0.plusSeconds(60L * minute).toString());
        e.put("eventSource", "monitron.amazonaws.com");
        e.put("eventName", name);
        e.put("awsRegion", REGION);
        e.put("sourceIPAddress", "203.0.113.7");
        e.put("userAgent", "aws-cli/2.15.0");
        e.set("requestParameters", request);
        e.putNull("responseElements");
        e.put("eventID", id);
        e.put("readOnly", false);
        e.put("eventType", "AwsApiCall");
        e.put("managementEvent", true);
        e.put("recipientAccountId", ACCOUNT);
        return e;
    }

    private static ObjectNode failed(ObjectNode event) {
        return event.put("errorCode", "ValidationException").put("errorMessage", "no such site");
    }

    private static ObjectNode request(String... keyValues) {
        ObjectNode request = JSON.createObjectNode().put("projectName", PROJECT);
        for (int i = 0; i < keyValues.length; i += 2) {
            request.put(keyValues[i], keyValues[i + 1]);
        }
        return request;
    }

    /** File 1: the project, a site, a gateway naming the site by id only, an asset, a sensor, an admin. */
    private static List<ObjectNode> first() {
        return List.of(
                event(
                        "e01",
                        "CreateProject",
                        0,
                        "alice",
                        JSON.createObjectNode().put("Name", PROJECT)),
                event("e02", "AmazonMonitronApp:CreateSite", 1, "alice", request("siteId", SITE, "siteName", "Hall A")),
                event(
                        "e03",
                        "AmazonMonitronApp:CreateGateway",
                        2,
                        "bob",
                        request("siteId", SITE, "gatewayId", GATEWAY, "gatewayName", "gateway-1")),
                event(
                        "e04",
                        "AmazonMonitronApp:CreateAsset",
                        3,
                        "bob",
                        request("siteId", SITE, "siteName", "Hall A", "assetId", ASSET, "assetName", "Pump 1")),
                event(
                        "e05",
                        "AmazonMonitronApp:CreateSensor",
                        4,
                        "bob",
                        request(
                                "siteId",
                                SITE,
                                "siteName",
                                "Hall A",
                                "assetId",
                                ASSET,
                                "assetName",
                                "Pump 1",
                                "sensorId",
                                SENSOR,
                                "sensorName",
                                "Motor DE")),
                event(
                        "e06",
                        "AssociateProjectAdminUser",
                        5,
                        "alice",
                        JSON.createObjectNode()
                                .put("ProjectName", PROJECT)
                                .put("AdminUserId", ADMIN)
                                .put("AdminUserName", "carol")),
                event(
                        "e07",
                        "AmazonMonitronApp:CreateSite",
                        6,
                        "alice",
                        request("siteId", SITE_2, "siteName", "Cold Store")));
    }

    /** File 2: the site renamed, the asset alarmed then acknowledged, the second site deleted. */
    private static List<ObjectNode> second() {
        return List.of(
                event("e11", "AmazonMonitronApp:UpdateSite", 20, "dave", request("siteId", SITE, "siteName", "Hall B")),
                event(
                        "e12",
                        "AmazonMonitronApp:CreateAssetStateTransition",
                        21,
                        "dave",
                        request(
                                "siteId",
                                SITE,
                                "siteName",
                                "Hall B",
                                "assetId",
                                ASSET,
                                "assetName",
                                "Pump 1",
                                "fromState",
                                "HEALTHY",
                                "toState",
                                "ALARM")),
                event(
                        "e13",
                        "AmazonMonitronApp:CreateAssetStateTransition",
                        22,
                        "erin",
                        request(
                                "siteId",
                                SITE,
                                "siteName",
                                "Hall B",
                                "assetId",
                                ASSET,
                                "assetName",
                                "Pump 1",
                                "fromState",
                                "ALARM",
                                "toState",
                                "ACKNOWLEDGED")),
                event(
                        "e14",
                        "AmazonMonitronApp:DeleteSite",
                        30,
                        "frank",
                        request("siteId", SITE_2, "siteName", "Cold Store")));
    }

    /**
     * File 3, delivered late: events from before the deletion of the second site (a rename), a failed update after
     * it, the sensor deleted and the admin removed.
     */
    private static List<ObjectNode> third() {
        return List.of(
                event(
                        "e21",
                        "AmazonMonitronApp:UpdateSite",
                        10,
                        "gina",
                        request("siteId", SITE_2, "siteName", "Cold Store 2")),
                failed(event(
                        "e22",
                        "AmazonMonitronApp:UpdateSite",
                        40,
                        "gina",
                        request("siteId", SITE_2, "siteName", "Cold Store 3"))),
                event(
                        "e23",
                        "AmazonMonitronApp:DeleteSensor",
                        41,
                        "bob",
                        request("siteId", SITE, "assetId", ASSET, "sensorId", SENSOR)),
                event(
                        "e24",
                        "DisassociateProjectAdminUser",
                        42,
                        "alice",
                        JSON.createObjectNode()
                                .put("ProjectName", PROJECT)
                                .put("AdminUserId", ADMIN)
                                .put("AdminUserName", "carol")));
    }

    private static Path writeFile(String folder, String name, List<ObjectNode> events) throws IOException {
        Path dir = temp.resolve(folder).resolve("AWSLogs/" + ACCOUNT + "/CloudTrail/" + REGION + "/2026/10/05");
        Files.createDirectories(dir);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode records = body.putArray("Records");
        events.forEach(records::add);
        Files.writeString(dir.resolve(ACCOUNT + "_CloudTrail_" + REGION + "_" + name + ".json"), body.toString());
        return temp.resolve(folder);
    }

    // ---- runs ---------------------------------------------------------------------------------------------------

    /** A fresh events prefix and estate index. */
    private record Setup(String prefix, String estateIndex, EstateIndex estate) {}

    private static Setup fresh(String name) {
        String prefix = "it-estate-" + name;
        String estateIndex = "it-estate-state-" + name;
        ES.deleteIndices(prefix + "-*");
        ES.deleteIndices(estateIndex);
        ES.deleteIndices("it-estate-run-" + name);
        CliRunner.Result setup = CliRunner.inProcess(Map.of("ES_URL", ES.url()), "setup", "--index-prefix", prefix);
        assertThat(setup.exitCode()).as(setup.err()).isZero();
        EstateIndex estate = new EstateIndex(client, prefix + "-*", estateIndex);
        estate.install();
        return new Setup(prefix, estateIndex, estate);
    }

    /**
     * One index run over a folder (which updates the estate itself), then the estate update again with what that run's
     * documents named, as the class under test is called directly (it must change nothing the second time).
     */
    private static void indexAndUpdate(Setup setup, Path folder) {
        CliRunner.Result index = CliRunner.inProcess(
                Map.of("ES_URL", ES.url()),
                "index",
                "--path",
                folder.toString(),
                "--index-prefix",
                setup.prefix(),
                "--state-index",
                "it-estate-run-" + setup.prefix(),
                "--estate-index",
                setup.estateIndex(),
                "--dead-letter",
                temp.resolve("dead-letter-" + setup.prefix()).toString(),
                "--quiet");
        assertThat(index.exitCode()).as(index.out() + index.err()).isZero();
        ES.refresh(setup.prefix() + "-*");
        TouchedEntities touched = new TouchedEntities();
        for (JsonNode source : documents(setup.prefix() + "-*", folder)) {
            touched.add(source);
        }
        setup.estate().update(touched);
    }

    /** The event documents read from files under {@code folder}. */
    private static List<JsonNode> documents(String indices, Path folder) {
        ObjectNode body = JSON.createObjectNode().put("size", 1000);
        body.putObject("query").putObject("prefix").put("log.file.path", folder.toString());
        List<JsonNode> sources = new ArrayList<>();
        search(indices, body).path("hits").path("hits").forEach(hit -> sources.add(hit.path("_source")));
        return sources;
    }

    private static Map<String, JsonNode> estate(Setup setup) {
        ES.refresh(setup.estateIndex());
        ObjectNode body = JSON.createObjectNode().put("size", 1000);
        body.putObject("query").putObject("match_all");
        Map<String, JsonNode> byId = new TreeMap<>();
        search(setup.estateIndex(), body)
                .path("hits")
                .path("hits")
                .forEach(hit -> byId.put(hit.path("_id").asText(), hit.path("_source")));
        return byId;
    }

    private static JsonNode search(String index, ObjectNode body) {
        HttpResult result = ES.request("POST", "/" + index + "/_search", body.toString());
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.json();
    }

    private static JsonNode event(Setup setup, String id) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("query").putObject("ids").putArray("values").add(id);
        return search(setup.prefix() + "-*", body)
                .path("hits")
                .path("hits")
                .path(0)
                .path("_source");
    }

    // ---- tests --------------------------------------------------------------------------------------------------

    @Test
    void buildsEachEntityWithItsNameParentsStateAndWhoCreatedChangedAndDeletedIt() throws IOException {
        Setup setup = fresh("facts");
        indexAndUpdate(setup, writeFile("facts-1", "20261005T0800Z_1", first()));
        indexAndUpdate(setup, writeFile("facts-2", "20261005T0830Z_2", second()));
        indexAndUpdate(setup, writeFile("facts-3", "20261005T0900Z_3", third()));

        Map<String, JsonNode> estate = estate(setup);

        assertThat(estate.keySet())
                .containsExactlyInAnyOrder(
                        "project:" + ACCOUNT + ":" + REGION + ":" + PROJECT,
                        "site:" + SITE,
                        "site:" + SITE_2,
                        "gateway:" + GATEWAY,
                        "asset:" + ASSET,
                        "sensor:" + SENSOR,
                        "project_admin:" + ACCOUNT + ":" + REGION + ":" + PROJECT + ":" + ADMIN);
        JsonNode site = estate.get("site:" + SITE);
        assertThat(site.at("/entity/name").asText()).isEqualTo("Hall B");
        assertThat(site.at("/entity/state").asText()).isEqualTo("active");
        assertThat(site.at("/entity/created_by").asText()).isEqualTo("alice");
        assertThat(site.at("/entity/changed_by").asText()).isEqualTo("dave");
        assertThat(site.at("/entity/event_count").asInt()).isEqualTo(2);
        assertThat(site.at("/monitron/project/name").asText()).isEqualTo(PROJECT);
        JsonNode gateway = estate.get("gateway:" + GATEWAY);
        assertThat(gateway.at("/monitron/site/id").asText()).isEqualTo(SITE);
        assertThat(gateway.at("/monitron/site/name").asText())
                .as("the site's current name")
                .isEqualTo("Hall B");
        JsonNode asset = estate.get("asset:" + ASSET);
        assertThat(asset.at("/entity/condition").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(asset.at("/entity/changed_by").asText()).isEqualTo("erin");
        JsonNode sensor = estate.get("sensor:" + SENSOR);
        assertThat(sensor.at("/entity/state").asText()).isEqualTo("deleted");
        assertThat(sensor.at("/entity/deleted_by").asText()).isEqualTo("bob");
        assertThat(sensor.at("/entity/deleted_at").asText())
                .isEqualTo(T0.plusSeconds(41 * 60).toString());
        assertThat(sensor.at("/monitron/asset/name").asText()).isEqualTo("Pump 1");
        JsonNode admin = estate.get("project_admin:" + ACCOUNT + ":" + REGION + ":" + PROJECT + ":" + ADMIN);
        assertThat(admin.at("/entity/name").asText()).isEqualTo("carol");
        assertThat(admin.at("/entity/state").asText()).isEqualTo("deleted");
        assertThat(admin.at("/entity/created_by").asText()).isEqualTo("alice");
    }

    @Test
    void lateEventsAboutADeletedEntityLeaveItDeletedAsItWas() throws IOException {
        Setup setup = fresh("late");
        indexAndUpdate(setup, writeFile("late-1", "20261005T0800Z_1", first()));
        indexAndUpdate(setup, writeFile("late-2", "20261005T0830Z_2", second()));
        JsonNode before = estate(setup).get("site:" + SITE_2);

        indexAndUpdate(setup, writeFile("late-3", "20261005T0900Z_3", third()));
        JsonNode after = estate(setup).get("site:" + SITE_2);

        assertThat(before.at("/entity/state").asText()).isEqualTo("deleted");
        assertThat(after.at("/entity/state").asText()).isEqualTo("deleted");
        assertThat(after.at("/entity/deleted_by").asText()).isEqualTo("frank");
        assertThat(after.at("/entity/deleted_at").asText())
                .isEqualTo(before.at("/entity/deleted_at").asText());
        assertThat(after.at("/entity/name").asText())
                .as("the name of the latest event, the deletion, not of the late rename before it")
                .isEqualTo("Cold Store");
        assertThat(after.at("/entity/changed_by").asText())
                .as("the failed update changes nothing")
                .isEqualTo("frank");
        assertThat(after.at("/entity/event_count").asInt()).isEqualTo(4);
    }

    @Test
    void filesReadInAnyOrderGiveTheSameEstate() throws IOException {
        Setup inOrder = fresh("ordered");
        indexAndUpdate(inOrder, writeFile("ordered-1", "20261005T0800Z_1", first()));
        indexAndUpdate(inOrder, writeFile("ordered-2", "20261005T0830Z_2", second()));
        indexAndUpdate(inOrder, writeFile("ordered-3", "20261005T0900Z_3", third()));

        Setup reversed = fresh("reversed");
        indexAndUpdate(reversed, writeFile("reversed-3", "20261005T0900Z_3", third()));
        indexAndUpdate(reversed, writeFile("reversed-2", "20261005T0830Z_2", second()));
        indexAndUpdate(reversed, writeFile("reversed-1", "20261005T0800Z_1", first()));

        assertThat(estate(reversed)).isEqualTo(estate(inOrder));
    }

    @Test
    void aGatewayEventIndexedBeforeItsSiteIsKnownGetsTheSiteNameOnceTheSiteIs() throws IOException {
        Setup setup = fresh("names");
        ObjectNode gatewayFirst = event(
                "n01",
                "AmazonMonitronApp:CreateGateway",
                2,
                "bob",
                request("siteId", SITE, "gatewayId", GATEWAY, "gatewayName", "gateway-1"));
        indexAndUpdate(setup, writeFile("names-1", "20261005T0800Z_1", List.of(gatewayFirst)));
        assertThat(event(setup, "n01").at("/monitron/site/name").isMissingNode())
                .isTrue();

        indexAndUpdate(setup, writeFile("names-2", "20261005T0700Z_2", first()));

        assertThat(event(setup, "n01").at("/monitron/site/name").asText()).isEqualTo("Hall A");
        assertThat(event(setup, "e03").at("/monitron/site/name").asText()).isEqualTo("Hall A");
        ObjectNode another = (ObjectNode) JSON.readTree("{\"monitron\":{\"site\":{\"id\":\"" + SITE + "\"}}}");
        assertThat(EntityNames.load(client, setup.estateIndex()).decorate(another))
                .isTrue();
        assertThat(another.at("/monitron/site/name").asText()).isEqualTo("Hall A");
    }

    @Test
    void readingTheSameFilesAgainChangesNothing() throws IOException {
        Setup setup = fresh("replay");
        Path one = writeFile("replay-1", "20261005T0800Z_1", first());
        Path two = writeFile("replay-2", "20261005T0830Z_2", second());
        indexAndUpdate(setup, one);
        indexAndUpdate(setup, two);
        Map<String, JsonNode> once = estate(setup);

        CliRunner.Result full = CliRunner.inProcess(
                Map.of("ES_URL", ES.url()),
                "index",
                "--path",
                one.toString(),
                "--index-prefix",
                setup.prefix(),
                "--state-index",
                "it-estate-run-" + setup.prefix(),
                "--estate-index",
                setup.estateIndex(),
                "--dead-letter",
                temp.resolve("dead-letter-replay").toString(),
                "--full",
                "--quiet");
        assertThat(full.exitCode()).as(full.err()).isZero();
        ES.refresh(setup.prefix() + "-*");
        TouchedEntities touched = new TouchedEntities();
        documents(setup.prefix() + "-*", one).forEach(touched::add);
        setup.estate().update(touched);

        assertThat(estate(setup)).isEqualTo(once);
    }

    @Test
    void aFullRebuildGivesExactlyTheEstateTheUpdatesBuiltAndDropsWhatNoEventNames() throws IOException {
        Setup setup = fresh("rebuild");
        indexAndUpdate(setup, writeFile("rebuild-1", "20261005T0800Z_1", first()));
        indexAndUpdate(setup, writeFile("rebuild-2", "20261005T0830Z_2", second()));
        indexAndUpdate(setup, writeFile("rebuild-3", "20261005T0900Z_3", third()));
        Map<String, JsonNode> incremental = estate(setup);
        HttpResult stale = ES.request(
                "PUT",
                "/" + setup.estateIndex() + "/_doc/site:gone?refresh=true",
                "{\"entity\":{\"kind\":\"site\",\"key\":\"site:gone\",\"id\":\"gone\",\"name\":\"Gone\"}}");
        assertThat(stale.status()).as(stale.body()).isBetween(200, 201);
        HttpResult damaged = ES.request(
                "POST",
                "/" + setup.estateIndex() + "/_update/asset:" + ASSET + "?refresh=true",
                "{\"doc\":{\"entity\":{\"condition\":\"HEALTHY\"}}}");
        assertThat(damaged.status()).as(damaged.body()).isEqualTo(200);

        EstateIndex.Summary summary = setup.estate().rebuild();

        assertThat(summary.removed()).isEqualTo(1);
        assertThat(estate(setup)).isEqualTo(incremental);
    }
}
