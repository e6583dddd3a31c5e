package io.monitron.indexer.source.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.parse.RecordListener;
import io.monitron.indexer.parse.StreamingEventReader;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.source.SourceException;
import io.monitron.indexer.source.aws.AwsClients;
import io.monitron.indexer.source.aws.AwsSettings;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The LookupEvents source through the real SDK CloudTrail client against a local server speaking CloudTrail's AWS
 * JSON 1.1 wire format: paging, throttling, pacing, and the request fields.
 */
class LookupEventsSourceAgainstLocalCloudTrailProtocolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "eu-west-1";
    private static final Instant NOW = Instant.parse("2026-10-02T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    /** Generous lower bound for the 500 ms pacing: timer granularity, never more than that. */
    private static final Duration AT_LEAST_APART = Duration.ofMillis(450);

    private LocalCloudTrail cloudTrail;
    private AwsClients clients;

    @BeforeEach
    void start() throws Exception {
        cloudTrail = new LocalCloudTrail();
        clients = AwsClients.create(
                new AwsSettings(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        Optional.of(REGION),
                        Optional.of(cloudTrail.endpoint())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local-access", "local-secret")),
                List.of());
    }

    @AfterEach
    void stop() {
        clients.close();
        cloudTrail.close();
    }

    private LookupEventsSource source(LookupQuery query, Optional<Instant> startAfter) {
        return new LookupEventsSource(
                clients::cloudTrail,
                List.of(REGION),
                query,
                region -> startAfter,
                CLOCK,
                RequestPacer::forLookupEvents);
    }

    @Test
    void pagesThroughNextTokensRetriesThrottlingAndKeepsRequestsHalfASecondApart() throws Exception {
        cloudTrail.answer(
                200, page("token-1", event("e-5", "2026-10-01T20:00:00Z"), event("e-4", "2026-10-01T19:00:00Z")));
        cloudTrail.answer(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
        cloudTrail.answer(200, page("token-2", event("e-3", "2026-10-01T18:00:00Z")));
        cloudTrail.answer(200, page(null, event("e-2", "2026-10-01T13:00:00Z"), event("e-1", "2026-10-01T12:30:00Z")));
        Instant from = Instant.parse("2026-10-01T00:00:00Z");
        Instant previousNewest = Instant.parse("2026-10-01T12:00:00Z");
        LookupEventsSource source =
                source(LookupQuery.monitron(Optional.of(from), Optional.empty()), Optional.of(previousNewest));

        List<Input> pages = source.inputs(Listing.IGNORE).toList();

        assertThat(pages)
                .extracting(Input::location)
                .containsExactly(
                        "lookup-events:eu-west-1:2026-10-01T11:45:00Z..2026-10-02T00:00:00Z#page1",
                        "lookup-events:eu-west-1:2026-10-01T11:45:00Z..2026-10-02T00:00:00Z#page2",
                        "lookup-events:eu-west-1:2026-10-01T11:45:00Z..2026-10-02T00:00:00Z#page3");
        List<LocalCloudTrail.Received> requests = cloudTrail.received;
        assertThat(requests).hasSize(4);
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.target()).isEqualTo(LocalCloudTrail.LOOKUP_EVENTS_TARGET);
            assertThat(request.contentType()).startsWith(LocalCloudTrail.JSON_1_1);
            JsonNode body = request.body();
            assertThat(body.path("LookupAttributes").size()).isEqualTo(1);
            assertThat(body.path("LookupAttributes")
                            .path(0)
                            .path("AttributeKey")
                            .asText())
                    .isEqualTo("EventSource");
            assertThat(body.path("LookupAttributes")
                            .path(0)
                            .path("AttributeValue")
                            .asText())
                    .isEqualTo("monitron.amazonaws.com");
            assertThat(body.path("MaxResults").asInt()).isEqualTo(50);
            // the previous run's newest event minus the 15-minute overlap is later than --from
            assertThat(epochSeconds(body.path("StartTime"))).isEqualTo(previousNewest.minus(Duration.ofMinutes(15)));
            assertThat(epochSeconds(body.path("EndTime"))).isEqualTo(NOW);
        });
        assertThat(requests)
                .extracting(request -> request.body().path("NextToken").asText(null))
                .containsExactly(null, "token-1", "token-1", "token-2");
        for (int i = 1; i < requests.size(); i++) {
            Duration apart = Duration.ofNanos(
                    requests.get(i).nanoTime() - requests.get(i - 1).nanoTime());
            assertThat(apart).as("between request %d and %d", i, i + 1).isGreaterThanOrEqualTo(AT_LEAST_APART);
        }
        assertThat(source.newestEventTimes()).isEqualTo(Map.of(REGION, Instant.parse("2026-10-01T20:00:00Z")));
    }

    @Test
    void aPageOpensAsLookupEventsOutputThatTheReaderUnwraps() throws Exception {
        cloudTrail.answer(200, page(null, event("e-2", "2026-10-01T13:00:00Z"), event("e-1", "2026-10-01T12:30:00Z")));
        Input page = source(LookupQuery.monitron(Optional.empty(), Optional.empty()), Optional.empty())
                .inputs(Listing.IGNORE)
                .findFirst()
                .orElseThrow();
        List<String> eventIds = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();

        try (InputStream in = page.open()) {
            new StreamingEventReader().read(in, page.location(), new RecordListener() {
                @Override
                public void onEvent(ObjectNode event, String original, RecordPosition position) {
                    eventIds.add(event.path("eventID").asText());
                }

                @Override
                public void onRejected(Rejection rejection) {
                    rejections.add(rejection);
                }
            });
        }

        assertThat(rejections).isEmpty();
        assertThat(eventIds).containsExactly("e-2", "e-1");
        assertThat(page.version()).isEqualTo("2:e-2..e-1");
        JsonNode opened;
        try (InputStream in = page.open()) {
            opened = JSON.readTree(in);
        }
        assertThat(opened.path("Events").path(0).path("EventId").asText()).isEqualTo("e-2");
        assertThat(opened.path("Events").path(0).path("EventTime").asText()).isEqualTo("2026-10-01T13:00:00Z");
        // without --from or a saved time, the window is Event History's 90 days
        assertThat(epochSeconds(cloudTrail.received.get(0).body().path("StartTime")))
                .isEqualTo(NOW.minus(Duration.ofDays(90)));
    }

    @Test
    void fetchesTheNextPageOnlyWhenTheConsumerAsksForIt() throws Exception {
        cloudTrail.answer(200, page("token-1", event("e-3", "2026-10-01T18:00:00Z")));
        cloudTrail.answer(200, page(null, event("e-2", "2026-10-01T13:00:00Z")));
        LookupEventsSource source = source(LookupQuery.monitron(Optional.empty(), Optional.empty()), Optional.empty());

        Iterator<Input> pages = source.inputs(Listing.IGNORE).iterator();
        pages.next();

        assertThat(cloudTrail.received).hasSize(1);
        // the region is not complete: its newest time must not be saved yet
        assertThat(source.newestEventTimes()).isEmpty();
        pages.next();
        assertThat(pages.hasNext()).isFalse();
        assertThat(cloudTrail.received).hasSize(2);
        assertThat(source.newestEventTimes()).containsEntry(REGION, Instant.parse("2026-10-01T18:00:00Z"));
    }

    @Test
    void anAccessDeniedStopsTheSourceNamingTheRegionAndThePermission() {
        cloudTrail.answer(
                400,
                "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not authorized to perform"
                        + " cloudtrail:LookupEvents\"}");
        LookupEventsSource source = source(LookupQuery.monitron(Optional.empty(), Optional.empty()), Optional.empty());

        assertThatThrownBy(() -> source.inputs(Listing.IGNORE).toList())
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("cloudtrail:LookupEvents")
                .hasMessageNotContaining("local-secret");
        assertThat(cloudTrail.received).hasSize(1);
    }

    private static Instant epochSeconds(JsonNode node) {
        BigDecimal seconds = node.decimalValue();
        return Instant.ofEpochSecond(
                seconds.longValue(),
                seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    private static ObjectNode event(String id, String time) {
        return LocalCloudTrail.event(id, Instant.parse(time), REGION);
    }

    private static String page(String nextToken, ObjectNode... events) {
        return LocalCloudTrail.page(nextToken, events);
    }
}
