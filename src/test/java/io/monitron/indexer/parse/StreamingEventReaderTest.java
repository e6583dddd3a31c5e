package io.monitron.indexer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract tests for the reader: every case runs over three deliveries of the same bytes: whole, one byte per read
 * (as an adversarial network stream would), and gzipped.
 */
class StreamingEventReaderTest {

    private static final String E1 = event("e1", "CreateProject");
    private static final String E2 = event("e2", "DeleteProject");
    private static final String E3 = event("e3", "AmazonMonitronApp:CreateSensor");

    static Stream<Function<byte[], InputStream>> deliveries() {
        return Stream.of(
                bytes -> new ByteArrayInputStream(bytes),
                bytes -> new OneByteAtATime(new ByteArrayInputStream(bytes)),
                bytes -> new ByteArrayInputStream(gzip(bytes)));
    }

    static String event(String id, String name) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-10-01T10:00:00Z\",\"eventSource\":\"monitron.amazonaws.com\","
                + "\"eventName\":\"" + name + "\",\"requestParameters\":{\"Name\":\"p \\\"quoted\\\" [x] {y}\"},"
                + "\"eventID\":\"" + id + "\"}";
    }

    private static CollectingListener read(Function<byte[], InputStream> delivery, String text) throws IOException {
        return read(delivery, text.getBytes(StandardCharsets.UTF_8));
    }

    private static CollectingListener read(Function<byte[], InputStream> delivery, byte[] bytes) throws IOException {
        CollectingListener listener = new CollectingListener();
        new StreamingEventReader().read(delivery.apply(bytes), "test.json", listener);
        return listener;
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void readsTrailLogFile(Function<byte[], InputStream> delivery) throws IOException {
        CollectingListener l = read(delivery, "{\"Records\":[" + E1 + "," + E2 + ",\n " + E3 + "]}");
        assertThat(l.eventIds()).containsExactly("e1", "e2", "e3");
        assertThat(l.eventPositions).extracting(RecordPosition::record).containsExactly(1L, 2L, 3L);
        assertThat(l.events.get(0).path("requestParameters").path("Name").asText())
                .isEqualTo("p \"quoted\" [x] {y}");
        assertThat(l.rejections).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void passesEachEventsOriginalTextWhereItHasOne(Function<byte[], InputStream> delivery) throws IOException {
        assertThat(read(delivery, "{\"Records\":[" + E1 + ",\n " + E2 + "]}").originals)
                .containsExactly(E1, E2);
        String result = "{\"CloudTrailEvent\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(E3) + "}";
        assertThat(read(delivery, "{\"Events\":[" + result + "]}").originals).containsExactly(E3);
        String envelope = "{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":" + E1 + "}";
        assertThat(read(delivery, envelope + "\n" + E2 + "\n").originals).containsExactly(null, E2);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void readsRecordsWhenOtherKeysComeFirst(Function<byte[], InputStream> delivery) throws IOException {
        CollectingListener l = read(delivery, "{\"Other\":{\"Records\":1},\"Records\":[" + E1 + "],\"Tail\":[1,2]}");
        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.rejections).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void readsLookupEventsOutput(Function<byte[], InputStream> delivery) throws IOException {
        String result = "{\"EventId\":\"e1\",\"EventName\":\"CreateProject\",\"CloudTrailEvent\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(E1) + "}";
        CollectingListener l =
                read(delivery, "{\n  \"Events\": [\n    " + result + "\n  ],\n  \"NextToken\": \"abc\"\n}\n");
        assertThat(l.eventIds()).containsExactly("e1");
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void readsNewlineDelimitedEventsAndEventBridgeEnvelopes(Function<byte[], InputStream> delivery) throws IOException {
        String envelope =
                "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.monitron\","
                        + "\"detail\":" + E2 + "}";
        String other = "{\"version\":\"0\",\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{}}";
        CollectingListener l = read(delivery, E1 + "\n" + envelope + "\r\n" + other + "\n\n" + E3);
        assertThat(l.eventIds()).containsExactly("e1", "e2", "e3");
        assertThat(l.skipped).containsExactly(SkipReason.NOT_CLOUDTRAIL);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void readsPrettyPrintedSingleEventAndTopLevelArray(Function<byte[], InputStream> delivery) throws IOException {
        String pretty = "{\n  \"eventID\": \"e1\",\n  \"eventSource\": \"monitron.amazonaws.com\"\n}\n";
        assertThat(read(delivery, pretty).eventIds()).containsExactly("e1");
        assertThat(read(delivery, "[" + E1 + ", " + E2 + "]").eventIds()).containsExactly("e1", "e2");
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void skipsDigestsAndInsights(Function<byte[], InputStream> delivery) throws IOException {
        CollectingListener digest = read(
                delivery,
                "{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"2026-10-01T00:00:00Z\",\"logFiles\":[]}");
        assertThat(digest.skipped).containsExactly(SkipReason.DIGEST);
        assertThat(digest.rejections).isEmpty();
        CollectingListener insight = read(
                delivery,
                "{\"Records\":[{\"eventVersion\":\"1.07\",\"eventType\":\"AwsCloudTrailInsight\",\"eventID\":\"i\"}]}");
        assertThat(insight.skipped).containsExactly(SkipReason.INSIGHT);
        assertThat(insight.events).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void rejectsBadRecordsAndKeepsTheGoodOnes(Function<byte[], InputStream> delivery) throws IOException {
        CollectingListener l =
                read(delivery, "{\"Records\":[" + E1 + ",{\"eventID\":tru},42,\"text\",null," + E2 + "]}");
        assertThat(l.eventIds()).containsExactly("e1", "e2");
        assertThat(l.rejections).extracting(r -> r.position().record()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(l.rejections.get(0).reason()).startsWith("invalid JSON");
        assertThat(l.rejections.get(0).raw()).isEqualTo("{\"eventID\":tru}");
        assertThat(l.rejections.get(1).reason()).contains("not a JSON object but a number");
        assertThat(l.rejections)
                .allSatisfy(r -> assertThat(r.position().source()).isEqualTo("test.json"));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void newlineDelimitedInputGoesOnAfterABrokenLine(Function<byte[], InputStream> delivery) throws IOException {
        CollectingListener l =
                read(delivery, E1 + "\n{\"eventID\": \"broken\n" + E2 + "\nnot json at all\n" + E3 + "\n");
        assertThat(l.eventIds()).containsExactly("e1", "e2", "e3");
        assertThat(l.rejections).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void rejectsMissingOrWrongRecords(Function<byte[], InputStream> delivery) throws IOException {
        assertThat(read(delivery, "{\"Records\":\"x\"}").rejections.get(0).reason())
                .isEqualTo("Records is not an array (found a string)");
        assertThat(read(delivery, "{\"foo\":1}").rejections.get(0).reason()).contains("no Records array");
        assertThat(read(delivery, "{}").rejections.get(0).reason()).contains("empty JSON object");
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void truncatedTrailFileDeliversWhatCameBeforeTheCut(Function<byte[], InputStream> delivery) throws IOException {
        String whole = "{\"Records\":[" + E1 + "," + E2 + "]}";
        String cut = whole.substring(0, whole.length() - 20);
        CollectingListener l = read(delivery, cut);
        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.position().record()).isEqualTo(2L);
            assertThat(r.reason()).contains("cut off");
        });
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void skipsByteOrderMarkAndReportsEmptyInput(Function<byte[], InputStream> delivery) throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = ("{\"Records\":[" + E1 + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, withBom, bom.length, body.length);
        assertThat(read(delivery, withBom).eventIds()).containsExactly("e1");
        assertThat(read(delivery, "  \n ").skipped).containsExactly(SkipReason.EMPTY);
        assertThat(read(delivery, new byte[0]).skipped).containsExactly(SkipReason.EMPTY);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void rejectsInvalidUtf8AndDeepNesting(Function<byte[], InputStream> delivery) throws IOException {
        byte[] bad = ("{\"Records\":[" + E1 + ",{\"eventID\":\"x\",\"n\":\"\u00ff\"}]}")
                .getBytes(StandardCharsets.ISO_8859_1);
        CollectingListener l = read(delivery, bad);
        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("UTF-8"));

        String deep =
                "{\"eventID\":\"d\",\"requestParameters\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}";
        CollectingListener d = read(delivery, "{\"Records\":[" + deep + "," + E2 + "]}");
        assertThat(d.eventIds()).containsExactly("e2");
        assertThat(d.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("nesting depth"));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void prefilterSkipsParsingOfRecordsThatCannotMatch(Function<byte[], InputStream> delivery) throws IOException {
        CollectingListener l = new CollectingListener(raw -> raw.contains("\"e2\""));
        new StreamingEventReader()
                .read(
                        delivery.apply(
                                ("{\"Records\":[" + E1 + "," + E2 + ",{broken}]}").getBytes(StandardCharsets.UTF_8)),
                        "f",
                        l);
        assertThat(l.eventIds()).containsExactly("e2");
        assertThat(l.rejections).isEmpty();
    }

    private static String otherEvent(String id) {
        return "{\"eventVersion\":\"1.08\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\","
                + "\"eventID\":\"" + id + "\"}";
    }

    private static CollectingListener readInterested(Function<byte[], InputStream> delivery, String text)
            throws IOException {
        CollectingListener listener = new CollectingListener("monitron.amazonaws.com");
        long records =
                new StreamingEventReader().read(delivery.apply(text.getBytes(StandardCharsets.UTF_8)), "f", listener);
        listener.recordsSplit = records;
        return listener;
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void recordsAfterTheLastPossibleMatchAreNotSplit(Function<byte[], InputStream> delivery) throws IOException {
        // the broken record after the last Monitron event is never looked at: nothing there could be wanted
        CollectingListener l = readInterested(
                delivery, "{\"Records\":[" + otherEvent("s1") + "," + E1 + "," + otherEvent("s2") + ",{broken]}");
        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.eventPositions).extracting(RecordPosition::record).containsExactly(2L);
        assertThat(l.recordsSplit).isEqualTo(2);
        assertThat(l.rejections).isEmpty();
        assertThat(l.skipped).containsExactly(SkipReason.TAIL_CANNOT_MATCH);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aFileWithoutPossibleMatchHasOnlyItsFirstRecordSplit(Function<byte[], InputStream> delivery)
            throws IOException {
        CollectingListener l = readInterested(
                delivery, "{\"Records\":[" + otherEvent("s1") + "," + otherEvent("s2") + "," + otherEvent("s3") + "]}");
        assertThat(l.recordsSplit).isEqualTo(1);
        assertThat(l.events).isEmpty();
        assertThat(l.skipped).containsExactly(SkipReason.TAIL_CANNOT_MATCH);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void inputsOfTheWrongKindAreStillRecognizedWithoutAPossibleMatch(Function<byte[], InputStream> delivery)
            throws IOException {
        assertThat(readInterested(delivery, "{\"Records\":[]}").skipped).containsExactly(SkipReason.EMPTY);
        assertThat(readInterested(delivery, "{\"Records\":[\"text\"," + E1 + "]}").rejections)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("not a JSON object"));
        assertThat(readInterested(delivery, "{\"digestStartTime\":\"2026-10-01T10:00:00Z\",\"logFiles\":[]}").skipped)
                .containsExactly(SkipReason.DIGEST);
        assertThat(readInterested(delivery, "{\"Records\":{\"a\":1}}").rejections)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("Records is not an array"));
        assertThat(readInterested(delivery, "{\"Records\":[" + otherEvent("s1") + ",{\"a\":\"\n\"}]}").rejections)
                .as("damage after the first record is not looked for")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aFileCutShortOrWithTrailingGarbageIsSplitToItsEndSoTheDamageIsReported(Function<byte[], InputStream> delivery)
            throws IOException {
        String whole = "{\"Records\":[" + E1 + "," + otherEvent("s1") + "," + otherEvent("s2") + "]}";
        CollectingListener cut = readInterested(delivery, whole.substring(0, whole.length() - 20));
        assertThat(cut.eventIds()).containsExactly("e1");
        assertThat(cut.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("cut off"));
        CollectingListener trailing = readInterested(delivery, whole + "\ntrailing garbage\n");
        assertThat(trailing.eventIds()).containsExactly("e1");
        assertThat(trailing.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("invalid JSON"));
        assertThat(readInterested(delivery, whole + " \n").skipped).containsExactly(SkipReason.TAIL_CANNOT_MATCH);
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aSourceSpelledWithEscapesIsAPossibleMatch(Function<byte[], InputStream> delivery) throws IOException {
        String escaped = E2.replace("monitron.amazonaws.com", "\\u006donitron.amazonaws\\u002ecom");
        CollectingListener l = readInterested(
                delivery, "{\"Records\":[" + otherEvent("s1") + "," + escaped + "," + otherEvent("s2") + "]}");
        assertThat(l.eventIds()).containsExactly("e2");
        assertThat(l.events.get(0).path("eventSource").asText()).isEqualTo("monitron.amazonaws.com");
    }

    @org.junit.jupiter.api.Test
    void aFileLargerThanOneWindowIsSplitWholeExceptItsLastWindow() throws IOException {
        // first window: split whole, every record counted; last window: split up to the one Monitron event in it
        StringBuilder text = new StringBuilder("{\"Records\":[");
        int before = RecordSplitter.MAX_WINDOW / otherEvent("s-0000000").length() + 100;
        for (int i = 0; i < before; i++) {
            text.append(otherEvent(String.format("s-%07d", i))).append(',');
        }
        text.append(E3);
        for (int i = 0; i < 50; i++) {
            text.append(',').append(otherEvent(String.format("t-%07d", i)));
        }
        CollectingListener l = readInterested(
                bytes -> new ByteArrayInputStream(gzip(bytes)),
                text.append("]}").toString());
        assertThat(l.eventIds()).containsExactly("e3");
        assertThat(l.eventPositions).extracting(RecordPosition::record).containsExactly(before + 1L);
        assertThat(l.recordsSplit).isEqualTo(before + 1L);
        assertThat(l.skipped).containsExactly(SkipReason.TAIL_CANNOT_MATCH);
    }

    @org.junit.jupiter.api.Test
    void truncatedGzipHasEveryRecordBeforeTheCutSplitEvenWithoutPossibleMatches() throws IOException {
        StringBuilder text = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 4000; i++) {
            text.append(i == 0 ? "" : ",").append(otherEvent("s-" + i));
        }
        byte[] gz = gzip(text.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        CollectingListener l = new CollectingListener("monitron.amazonaws.com");
        long records =
                new StreamingEventReader().read(new ByteArrayInputStream(Arrays.copyOf(gz, gz.length / 2)), "f", l);
        // the record number in the rejection is exact: every record before the damage was counted
        assertThat(records).isGreaterThan(1);
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("gzip data is corrupt or truncated");
            assertThat(r.position().record()).isEqualTo(records + 1);
        });
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void redrivesDeadLetterEntries(Function<byte[], InputStream> delivery) throws IOException {
        String entry = "{\"" + StreamingEventReader.DEAD_LETTER_MARKER + "\":1,\"source\":\"a.json\",\"record\":3,"
                + "\"reason\":\"x\",\"raw\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(E3) + "}";
        assertThat(read(delivery, entry + "\n").eventIds()).containsExactly("e3");
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aReDrivenEventKeepsWhereItWasFirstReadAndNotesTheDeadLetterEntry(Function<byte[], InputStream> delivery)
            throws IOException {
        String first = "{\"" + StreamingEventReader.DEAD_LETTER_MARKER + "\":1,\"source\":\"trail/a.json\","
                + "\"record\":3,\"reason\":\"x\",\"raw\":" + TextNode.valueOf(E1) + "}";
        String second = "{\"" + StreamingEventReader.DEAD_LETTER_MARKER + "\":1,\"source\":\"trail/b.json\","
                + "\"record\":7,\"reason\":\"x\",\"raw\":" + TextNode.valueOf(E3) + "}";

        CollectingListener l = read(delivery, first + "\n" + second + "\n");

        assertThat(l.eventIds()).containsExactly("e1", "e3");
        assertThat(l.eventPositions)
                .containsExactly(
                        RecordPosition.reDriven("trail/a.json", 3, new RecordPosition("test.json", 1)),
                        RecordPosition.reDriven("trail/b.json", 7, new RecordPosition("test.json", 2)));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aReDrivenRecordRejectedAgainKeepsWhereItWasFirstRead(Function<byte[], InputStream> delivery)
            throws IOException {
        String noEventTime = "{\"eventSource\":\"monitron.amazonaws.com\",\"eventName\":\"CreateProject\"}";
        String entries = Stream.of(
                        "\"record\":4,\"raw\":" + TextNode.valueOf("{not json"),
                        "\"record\":5,\"raw\":\"x\",\"raw_truncated\":true",
                        "\"record\":6",
                        "\"record\":8,\"raw\":" + TextNode.valueOf("[1]"),
                        "\"record\":9,\"raw\":" + TextNode.valueOf(noEventTime))
                .map(fields -> "{\"" + StreamingEventReader.DEAD_LETTER_MARKER
                        + "\":1,\"source\":\"trail/a.json\",\"reason\":\"x\"," + fields + "}\n")
                .collect(Collectors.joining());

        CollectingListener l = read(delivery, entries);

        // the last one parses: the transformer, not the reader, finds its eventTime missing
        assertThat(l.eventPositions)
                .containsExactly(RecordPosition.reDriven("trail/a.json", 9, new RecordPosition("test.json", 5)));
        assertThat(l.rejections)
                .extracting(Rejection::position)
                .containsExactly(
                        RecordPosition.reDriven("trail/a.json", 4, new RecordPosition("test.json", 1)),
                        RecordPosition.reDriven("trail/a.json", 5, new RecordPosition("test.json", 2)),
                        RecordPosition.reDriven("trail/a.json", 6, new RecordPosition("test.json", 3)),
                        RecordPosition.reDriven("trail/a.json", 8, new RecordPosition("test.json", 4)));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void aDeadLetterEntryWithoutItsOriginIsKnownByItsOwnPlace(Function<byte[], InputStream> delivery)
            throws IOException {
        String entry = "{\"" + StreamingEventReader.DEAD_LETTER_MARKER + "\":1,\"record\":\"three\",\"raw\":"
                + TextNode.valueOf(E1) + "}";

        CollectingListener l = read(delivery, entry + "\n");

        assertThat(l.eventPositions).containsExactly(new RecordPosition("test.json", 1));
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void closesWhatItOpensWithoutWaitingForTheCaller(Function<byte[], InputStream> delivery) throws IOException {
        // a gzip stream holds native inflater memory until it is closed: the reader closes it (and so the input)
        boolean[] closed = {false};
        InputStream input =
                new FilterInputStream(delivery.apply(("{\"Records\":[" + E1 + "]}").getBytes(StandardCharsets.UTF_8))) {
                    @Override
                    public void close() throws IOException {
                        closed[0] = true;
                        super.close();
                    }
                };
        CollectingListener l = new CollectingListener();
        new StreamingEventReader().read(input, "test.json", l);
        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(closed[0]).isTrue();
    }

    @org.junit.jupiter.api.Test
    void truncatedGzipDeliversTheRecordsBeforeTheCutAndRejectsTheRest() throws IOException {
        StringBuilder text = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 2000; i++) {
            text.append(i == 0 ? "" : ",").append(event("id-" + i, "GetProject"));
        }
        byte[] gz = gzip(text.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        CollectingListener l = read(ByteArrayInputStream::new, cut);
        assertThat(l.events).isNotEmpty().hasSizeLessThan(2000);
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.reason()).contains("gzip data is corrupt or truncated");
            assertThat(r.position().record()).isEqualTo(l.events.size() + 1L);
        });
    }

    @org.junit.jupiter.api.Test
    void binaryThatIsNotGzipIsOneRejection() throws IOException {
        byte[] garbage = new byte[5000];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        CollectingListener l = read(ByteArrayInputStream::new, garbage);
        assertThat(l.events).isEmpty();
        assertThat(l.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("neither gzip nor JSON"));
    }

    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(bytes);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Delivers at most one byte per read call. */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(1, len));
        }
    }
}
