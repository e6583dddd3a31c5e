package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.parse.NeedleSearch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static boolean mightMatch(EventFilter filter, String raw) {
        byte[] padded = ("xx" + raw + "yy").getBytes(StandardCharsets.UTF_8);
        return filter.mightMatch(padded, 2, padded.length - 4);
    }

    @Test
    void monitronOnlyKeepsMonitronEvents() {
        EventFilter filter = EventFilter.monitronOnly();
        ObjectNode ec2 = TestEvents.minimal("RunInstances");
        ec2.put("eventSource", "ec2.amazonaws.com");

        assertThat(filter.test(TestEvents.minimal("GetProject"))).isTrue();
        assertThat(filter.test(ec2)).isFalse();
        assertThat(filter.test(TestEvents.parse("{\"eventSource\": 3}"))).isFalse();
    }

    @Test
    void allEventsKeepsEverySource() {
        ObjectNode ec2 = TestEvents.minimal("RunInstances");
        ec2.put("eventSource", "ec2.amazonaws.com");

        assertThat(EventFilter.allEvents().test(ec2)).isTrue();
        assertThat(EventFilter.allEvents().mightMatch(new byte[0], 0, 0)).isTrue();
    }

    @Test
    void timeRangeIncludesFromAndExcludesTo() {
        EventFilter filter = new EventFilter(
                Set.of(EventFilter.MONITRON_SOURCE),
                Optional.of(Instant.parse("2024-05-14T00:00:00Z")),
                Optional.of(Instant.parse("2024-05-15T00:00:00Z")),
                Set.of(),
                Set.of());
        ObjectNode atFrom = TestEvents.minimal("GetProject");
        atFrom.put("eventTime", "2024-05-14T00:00:00Z");
        ObjectNode atTo = TestEvents.minimal("GetProject");
        atTo.put("eventTime", "2024-05-15T00:00:00Z");
        ObjectNode before = TestEvents.minimal("GetProject");
        before.put("eventTime", "2024-05-13T23:59:59Z");

        assertThat(filter.test(atFrom)).isTrue();
        assertThat(filter.test(atTo)).isFalse();
        assertThat(filter.test(before)).isFalse();
    }

    @Test
    void unreadableTimePassesTheTimeFilterSoItIsReportedAsInvalid() {
        EventFilter filter = new EventFilter(
                Set.of(), Optional.of(Instant.parse("2024-05-14T00:00:00Z")), Optional.empty(), Set.of(), Set.of());
        ObjectNode event = TestEvents.minimal("GetProject");
        event.put("eventTime", "garbage");

        assertThat(filter.test(event)).isTrue();
    }

    @Test
    void accountMatchesRecipientElseTheCallersAccount() {
        EventFilter filter =
                new EventFilter(Set.of(), Optional.empty(), Optional.empty(), Set.of("111122223333"), Set.of());
        ObjectNode recipient = TestEvents.minimal("GetProject");
        recipient.put("recipientAccountId", "111122223333");
        ObjectNode caller = TestEvents.minimal("GetProject");
        caller.remove("recipientAccountId");
        caller.set("userIdentity", TestEvents.parse("{\"accountId\":\"111122223333\"}"));
        ObjectNode other = TestEvents.minimal("GetProject");

        assertThat(filter.test(recipient)).isTrue();
        assertThat(filter.test(caller)).isTrue();
        assertThat(filter.test(other)).isFalse();
    }

    @Test
    void regionMatchesAwsRegion() {
        EventFilter filter =
                new EventFilter(Set.of(), Optional.empty(), Optional.empty(), Set.of(), Set.of("eu-west-1"));
        ObjectNode ireland = TestEvents.minimal("GetProject");
        ireland.put("awsRegion", "eu-west-1");

        assertThat(filter.test(ireland)).isTrue();
        assertThat(filter.test(TestEvents.minimal("GetProject"))).isFalse();
    }

    @Test
    void mightMatchFindsTheSourceBytesWithinTheGivenRange() {
        EventFilter filter = EventFilter.monitronOnly();

        assertThat(mightMatch(filter, "{\"eventSource\":\"monitron.amazonaws.com\"}"))
                .isTrue();
        assertThat(mightMatch(filter, "{\"eventSource\":\"ec2.amazonaws.com\"}"))
                .isFalse();
        byte[] bytes = "monitron.amazonaws.com|ec2".getBytes(StandardCharsets.UTF_8);
        assertThat(filter.mightMatch(bytes, 23, 3))
                .as("only the given range counts")
                .isFalse();
        assertThat(filter.mightMatch(bytes, 0, 21))
                .as("a source cut short is no match")
                .isFalse();
    }

    @Test
    void mightMatchKeepsRecordsThatCouldSpellTheSourceWithEscapes() {
        assertThat(mightMatch(EventFilter.monitronOnly(), "{\"eventSource\":\"monitron\\u002eamazonaws.com\"}"))
                .isTrue();
    }

    @Test
    void mightMatchWithSeveralSources() {
        EventFilter filter = new EventFilter(
                Set.of("monitron.amazonaws.com", "iam.amazonaws.com"),
                Optional.empty(),
                Optional.empty(),
                Set.of(),
                Set.of());

        assertThat(mightMatch(filter, "{\"eventSource\":\"iam.amazonaws.com\"}"))
                .isTrue();
        assertThat(mightMatch(filter, "{\"eventSource\":\"s3.amazonaws.com\"}")).isFalse();
    }

    @Test
    void possibleMatchesFindTheWantedSourcesOrEscapesAndAreAbsentForAllEvents() {
        byte[] bytes = "{\"eventSource\":\"monitron.amazonaws.com\"},{\"eventSource\":\"s3\\u002eamazonaws.com\"}"
                .getBytes(StandardCharsets.UTF_8);
        NeedleSearch monitron = EventFilter.monitronOnly().possibleMatches().orElseThrow();
        assertThat(monitron.endOfLast(bytes, 0, 40)).isEqualTo(38);
        assertThat(monitron.startOfFirst(bytes, 20, bytes.length))
                .as("an escape could spell it")
                .isEqualTo(59);
        assertThat(EventFilter.allEvents().possibleMatches()).isEmpty();
    }
}
