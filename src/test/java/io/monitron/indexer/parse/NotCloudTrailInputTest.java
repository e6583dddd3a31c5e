package io.monitron.indexer.parse;

import static io.monitron.indexer.parse.StreamingEventReaderTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.monitron.indexer.model.RecordPosition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An input that is clearly not CloudTrail (a README, a CSV) is one rejection, not one per line. */
class NotCloudTrailInputTest {
    private static final String E1 = event("e1", "CreateProject");

    private static CollectingListener read(Function<byte[], InputStream> delivery, String text) throws IOException {
        CollectingListener listener = new CollectingListener();
        listener.recordsSplit = new StreamingEventReader()
                .read(delivery.apply(text.getBytes(StandardCharsets.UTF_8)), "README.md", listener);
        return listener;
    }

    private static String lines(int count, String format) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format(format, i))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void aLongTextFileIsOneRejectionOfTheWholeInput(Function<byte[], InputStream> delivery) throws IOException {
        String readme = "# Monitron CloudTrail indexer\n\n"
                + lines(480, "Line %d of prose, with \"quotes\" and {braces}.") + "{\"Records\":[" + E1 + "]}\n";

        CollectingListener l = read(delivery, readme);

        assertThat(l.events).isEmpty();
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(RecordPosition.wholeInput("README.md"));
            assertThat(r.reason())
                    .startsWith("not CloudTrail: its first 10 records are neither CloudTrail events nor log files")
                    .contains("(record 1: invalid JSON")
                    .endsWith("the input is not read further");
            assertThat(r.raw()).isNull();
        });
        assertThat(l.skipped).isEmpty();
        assertThat(l.recordsSplit).isEqualTo(10);
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void aShortFileOfTextOrOtherJsonIsOneRejectionToo(Function<byte[], InputStream> delivery) throws IOException {
        assertThat(read(delivery, "id,name\n1,pump\n2,motor\n").rejections)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.position().record()).isZero();
                    assertThat(r.reason()).startsWith("not CloudTrail: all its 3 records are");
                });
        assertThat(read(delivery, "[1, 2, \"three\"]").rejections)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("not a JSON object but a number"));
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void objectsAreRejectedOneByOneWithTheirTextForTheyMayHoldEvents(Function<byte[], InputStream> delivery)
            throws IOException {
        String misspelt = "{\"records\":[" + E1 + "]}";

        CollectingListener l = read(delivery, lines(3, "line %d") + misspelt + "\n");

        assertThat(l.rejections).hasSize(4);
        assertThat(l.rejections.get(3).raw()).isEqualTo(misspelt);
        assertThat(read(delivery, misspelt).rejections)
                .singleElement()
                .satisfies(r -> assertThat(r.position().record()).isEqualTo(1));
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void textBeforeEventsIsRejectedLineByLineAndTheEventsAreRead(Function<byte[], InputStream> delivery)
            throws IOException {
        CollectingListener l = read(delivery, lines(9, "# comment %d") + E1 + "\n");

        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.rejections).hasSize(9).allSatisfy(r -> assertThat(r.raw()).startsWith("# comment"));
        assertThat(l.rejections).extracting(r -> r.position().record()).startsWith(1L, 2L);
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void damagedEventsAreKeptOneByOneWithTheirText(Function<byte[], InputStream> delivery) throws IOException {
        // lines that open like events but are broken may be damaged CloudTrail: each keeps its raw text to re-drive
        String damaged = lines(12, "{\"eventID\":\"d%d\",\"eventName\":tru}");

        CollectingListener l = read(delivery, damaged);

        assertThat(l.rejections).hasSize(12).allSatisfy(r -> {
            assertThat(r.position().record()).isPositive();
            assertThat(r.reason()).startsWith("invalid JSON");
        });
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void deadLetterEntriesThatHoldNoEventAreKeptOneByOne(Function<byte[], InputStream> delivery) throws IOException {
        String entry = "{\"" + StreamingEventReader.DEAD_LETTER_MARKER + "\":1,\"source\":\"a.json\",\"record\":3,"
                + "\"reason\":\"x\",\"raw\":" + TextNode.valueOf("{\"name\":\"not an event\"}") + "}";

        CollectingListener l = read(delivery, (entry + "\n").repeat(12));

        assertThat(l.rejections).hasSize(12).allSatisfy(r -> assertThat(r.raw()).contains("not an event"));
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void aTrailFileWithBadRecordsIsNeverOneRejection(Function<byte[], InputStream> delivery) throws IOException {
        String records = IntStream.range(0, 12).mapToObj(i -> "\"text\"").collect(Collectors.joining(","));

        CollectingListener l = read(delivery, "{\"Records\":[" + records + "]}");

        assertThat(l.rejections).hasSize(12);
    }
}
