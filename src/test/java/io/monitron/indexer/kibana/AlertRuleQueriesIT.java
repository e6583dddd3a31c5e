package io.monitron.indexer.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.testing.CliRunner;
import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.HttpResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each alerting rule's query, run against the real Elasticsearch the way the Elasticsearch query rule runs it (its
 * query, within the time window on its time field, and for a grouped rule the terms on its group field compared to
 * the threshold), on the committed sample trail indexed with {@code --all-events}. The window is the one a rule run
 * would have right after the trail was indexed: from just before the run until now. The expected hits come from
 * {@link RawEvent} (the raw CloudTrail files), not from the rule definitions.
 */
class AlertRuleQueriesIT {

    private static final ElasticsearchFixture ES = ElasticsearchFixture.shared();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "it-rules";
    private static final String INDICES = PREFIX + "-*";
    private static final String STATE_INDEX = "rules-it-run-state";
    private static final Path TRAIL = Path.of("samples", "trail");

    private static List<RawEvent> rawEvents;
    private static Instant windowStart;

    @BeforeAll
    static void indexTheSampleTrailWithEveryService(@TempDir Path temp) {
        rawEvents = RawEvent.readMonitronEvents(TRAIL);
        ES.deleteIndices(INDICES);
        ES.deleteIndices(STATE_INDEX);
        Map<String, String> env = Map.of("ES_URL", ES.url());
        assertThat(CliRunner.inProcess(env, "setup", "--index-prefix", PREFIX).exitCode())
                .isZero();
        windowStart = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        CliRunner.Result index = CliRunner.inProcess(
                env,
                "index",
                "--path",
                TRAIL.toString(),
                "--index-prefix",
                PREFIX,
                "--state-index",
                STATE_INDEX,
                "--dead-letter",
                temp.resolve("dead-letter").toString(),
                "--all-events",
                "--quiet");
        assertThat(index.exitCode()).as(index.out() + index.err()).isZero();
        ES.refresh(INDICES);
    }

    private static AlertRule rule(String id, int accessDeniedThreshold) {
        return MonitronAlertRules.forIndices(INDICES, accessDeniedThreshold).stream()
                .filter(rule -> rule.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** The rule's query within its window, as the Elasticsearch query rule combines them. */
    private static ObjectNode windowedQuery(AlertRule rule) {
        JsonNode params = rule.params();
        ObjectNode query = JSON.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject()
                .putObject("range")
                .putObject(params.path("timeField").asText())
                .put("gte", windowStart.toString())
                .put("lte", Instant.now().toString())
                .put("format", "strict_date_optional_time");
        filter.add(rule.esQuery().get("query"));
        return query;
    }

    private static Set<String> hitIds(AlertRule rule) {
        ObjectNode body = JSON.createObjectNode().put("size", 10_000).put("track_total_hits", true);
        body.set("query", windowedQuery(rule));
        body.putArray("_source").add("event.id");
        JsonNode response = search(body);
        Set<String> ids = new TreeSet<>();
        response.path("hits")
                .path("hits")
                .forEach(hit -> ids.add(hit.path("_id").asText()));
        assertThat(response.at("/hits/total/value").asInt()).isEqualTo(ids.size());
        return ids;
    }

    /** Group key → count for the groups that reach the threshold, as a grouped rule decides which alerts fire. */
    private static Map<String, Long> firingGroups(AlertRule rule) {
        JsonNode params = rule.params();
        ObjectNode body = JSON.createObjectNode().put("size", 0);
        body.set("query", windowedQuery(rule));
        body.putObject("aggs")
                .putObject("groups")
                .putObject("terms")
                .put("field", params.path("termField").asText())
                .put("size", params.path("termSize").asInt());
        Map<String, Long> firing = new TreeMap<>();
        long threshold = params.path("threshold").get(0).asLong();
        for (JsonNode bucket : search(body).at("/aggregations/groups/buckets")) {
            long count = bucket.path("doc_count").asLong();
            assertThat(params.path("thresholdComparator").asText()).isEqualTo(">=");
            if (count >= threshold) {
                firing.put(bucket.path("key").asText(), count);
            }
        }
        return firing;
    }

    private static Set<String> expected(Predicate<RawEvent> question) {
        return rawEvents.stream().filter(question).map(RawEvent::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode search(ObjectNode body) {
        HttpResult result = ES.request("POST", "/" + INDICES + "/_search", body.toString());
        assertThat(result.status()).as(body + " -> " + result.body()).isEqualTo(200);
        return result.json();
    }

    @Test
    void projectOrSiteDeletedMatchesEverySuccessfulProjectAndSiteDeletion() {
        Set<String> expected = expected(event -> !event.failed()
                && event.verb().equals("Delete")
                && Set.of("Project", "Site").contains(event.noun()));

        assertThat(expected).isNotEmpty();
        assertThat(hitIds(rule(MonitronAlertRules.PROJECT_OR_SITE_DELETED, 5))).isEqualTo(expected);
    }

    @Test
    void rootUserUsedMatchesEveryMonitronCallByARootUser() {
        Set<String> expected = expected(AuditOracle::root);

        assertThat(expected).isNotEmpty();
        assertThat(hitIds(rule(MonitronAlertRules.ROOT_USER_USED, 5))).isEqualTo(expected);
    }

    @Test
    void projectAdminChangedMatchesEverySuccessfulAdminAssociationAndDisassociation() {
        Set<String> expected = expected(event -> !event.failed()
                && event.noun().equals("ProjectAdminUser")
                && Set.of("Associate", "Disassociate").contains(event.verb()));

        assertThat(expected).isNotEmpty();
        assertThat(hitIds(rule(MonitronAlertRules.PROJECT_ADMIN_CHANGED, 5))).isEqualTo(expected);
    }

    @Test
    void changeWithoutMfaMatchesEveryChangeOfASessionWithoutMfa() {
        Set<String> expected = expected(event -> AuditOracle.change(event) && AuditOracle.withoutMfa(event));

        assertThat(expected).isNotEmpty();
        assertThat(hitIds(rule(MonitronAlertRules.CHANGE_WITHOUT_MFA, 5))).isEqualTo(expected);
    }

    @Test
    void accessDeniedBurstFiresForEachUserWithAtLeastNDeniedCallsInTheWindow() {
        for (int threshold : List.of(1, 3, MonitronAlertRules.DEFAULT_ACCESS_DENIED_THRESHOLD)) {
            Map<String, Long> perUser = new TreeMap<>();
            rawEvents.stream()
                    .filter(AuditOracle::accessDenied)
                    .forEach(event -> perUser.merge(event.actingUser().orElseThrow(), 1L, Long::sum));
            perUser.values().removeIf(count -> count < threshold);

            assertThat(firingGroups(rule(MonitronAlertRules.ACCESS_DENIED_BURST, threshold)))
                    .as("users with %d or more AccessDenied", threshold)
                    .isNotEmpty()
                    .isEqualTo(perUser);
        }
    }

    @Test
    void noRuleMatchesOutsideItsWindow() {
        Instant indexed = windowStart;
        windowStart = Instant.now().plusSeconds(60);
        try {
            for (AlertRule rule : MonitronAlertRules.forIndices(INDICES, 1)) {
                if (rule.params().path("groupBy").asText().equals("top")) {
                    assertThat(firingGroups(rule)).as(rule.name()).isEmpty();
                } else {
                    assertThat(hitIds(rule)).as(rule.name()).isEmpty();
                }
            }
        } finally {
            windowStart = indexed;
        }
    }
}
