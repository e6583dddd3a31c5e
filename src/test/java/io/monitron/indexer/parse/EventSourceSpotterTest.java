package io.monitron.indexer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import io.monitron.indexer.samples.GeneratorSpec;
import io.monitron.indexer.samples.OutputFormat;
import io.monitron.indexer.samples.TrailGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The splitter's spotting of a record's {@code eventSource} value, which lets records be skipped without any search:
 * whenever it reports a value, that value must be exactly what a JSON parser reads as the event's eventSource.
 */
class EventSourceSpotterTest {
    private static final long SEED = 20261125L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    /** What the reader offered for one record: its raw text and the spotted value (or null). */
    record Offer(String raw, String spotted) {}

    static Stream<Function<byte[], InputStream>> deliveries() {
        return StreamingEventReaderTest.deliveries();
    }

    private static List<Offer> offers(byte[] file, Function<byte[], InputStream> delivery) throws IOException {
        List<Offer> offers = new ArrayList<>();
        new StreamingEventReader().read(delivery.apply(file), "f", new RecordListener() {
            @Override
            public void onEvent(ObjectNode event, String original, RecordPosition position) {}

            @Override
            public void onRejected(Rejection rejection) {}

            @Override
            public boolean mightMatch(byte[] utf8, int offset, int length, int sourceOffset, int sourceLength) {
                offers.add(new Offer(
                        new String(utf8, offset, length, StandardCharsets.UTF_8),
                        sourceOffset < 0
                                ? null
                                : new String(utf8, sourceOffset, sourceLength, StandardCharsets.UTF_8)));
                return false;
            }
        });
        return offers;
    }

    private static void assertSpottedValuesAreWhatAParserReads(List<Offer> offers) throws IOException {
        for (Offer offer : offers) {
            if (offer.spotted() != null) {
                JsonNode parsed = JSON.readTree(offer.raw());
                assertThat(parsed.path("eventSource").isTextual())
                        .as(offer.raw())
                        .isTrue();
                assertThat(offer.spotted())
                        .as(offer.raw())
                        .isEqualTo(parsed.path("eventSource").asText());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void spottedValuesMatchTheParserOnAGeneratedTrail(Function<byte[], InputStream> delivery) throws IOException {
        System.out.println("EventSourceSpotterTest: generator seed " + SEED);
        Path out = Files.createTempDirectory(temp, "trail");
        new TrailGenerator(new GeneratorSpec(
                        out,
                        SEED,
                        LocalDate.parse("2026-10-01"),
                        1,
                        3000,
                        0.05,
                        List.of("111122223333"),
                        List.of("us-east-1"),
                        null,
                        100,
                        200,
                        false,
                        OutputFormat.TRAIL))
                .generate();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(
                            p -> p.toString().endsWith(".json") && p.toString().contains("/CloudTrail/"))
                    .toList();
        }
        int records = 0;
        int spotted = 0;
        for (Path file : files) {
            List<Offer> offers = offers(Files.readAllBytes(file), delivery);
            assertSpottedValuesAreWhatAParserReads(offers);
            records += offers.size();
            spotted += (int) offers.stream().filter(o -> o.spotted() != null).count();
        }
        assertThat(records).isEqualTo(3000);
        if (!(delivery.apply(new byte[0]) instanceof StreamingEventReaderTest.OneByteAtATime)) {
            // read in large blocks, nearly every record's value is spotted (only strings split across reads are not)
            assertThat(spotted).isGreaterThan(records * 9 / 10);
        }
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void whatCannotBeToldForSureIsNotSpotted(Function<byte[], InputStream> delivery) throws IOException {
        String[] records = {
            // a second eventSource key: a parser keeps the last one
            "{\"eventSource\":\"ec2.amazonaws.com\",\"eventID\":\"a\",\"eventSource\":\"monitron.amazonaws.com\"}",
            // escapes in the value
            "{\"eventSource\":\"monitron\\u002eamazonaws.com\",\"eventID\":\"b\"}",
            // not a string
            "{\"eventSource\":42,\"eventID\":\"c\"}",
            "{\"eventSource\":{\"x\":\"monitron.amazonaws.com\"},\"eventID\":\"d\"}",
            // the text, but as a value
            "{\"eventName\":\"eventSource\",\"eventID\":\"e\",\"x\":\"monitron.amazonaws.com\"}",
        };
        String file = "{\"Records\":[" + String.join(",", records) + "]}";
        List<Offer> offers = offers(file.getBytes(StandardCharsets.UTF_8), delivery);
        assertThat(offers).hasSize(records.length).allSatisfy(o -> assertThat(o.spotted())
                .isNull());
    }

    @ParameterizedTest
    @MethodSource("deliveries")
    void nestedKeysAndWhiteSpaceDoNotMislead(Function<byte[], InputStream> delivery) throws IOException {
        String file = "{\"Records\":[{\"requestParameters\":{\"eventSource\":\"monitron.amazonaws.com\"},"
                + "\"eventSource\" : \"s3.amazonaws.com\",\"eventID\":\"f\"}]}";
        List<Offer> offers = offers(file.getBytes(StandardCharsets.UTF_8), delivery);
        assertSpottedValuesAreWhatAParserReads(offers);
        assertThat(offers).singleElement().satisfies(o -> {
            if (o.spotted() != null) {
                assertThat(o.spotted()).isEqualTo("s3.amazonaws.com");
            }
        });
    }
}
