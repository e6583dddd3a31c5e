package io.monitron.indexer.parse;

import static io.monitron.indexer.parse.StreamingEventReaderTest.event;
import static io.monitron.indexer.parse.StreamingEventReaderTest.gzip;
import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.RecordPosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A record larger than the maximum record size is one rejection, its text never held whole, and reading goes on after
 * it: gzip bombs, a huge record between good ones, an endless line.
 */
class OversizedRecordsTest {
    private static final String E1 = event("e1", "CreateProject");
    private static final String E2 = event("e2", "DeleteProject");
    private static final int LIMIT = 64 * 1024;

    /** An event holding a string of {@code size} characters: a record of a little more than that. */
    private static String huge(String id, int size) {
        return "{\"eventVersion\":\"1.08\",\"eventSource\":\"monitron.amazonaws.com\",\"eventName\":\"CreateProject\","
                + "\"requestParameters\":{\"Name\":\"" + "x".repeat(size) + "\"},\"eventID\":\"" + id + "\"}";
    }

    private static CollectingListener read(Function<byte[], InputStream> delivery, String text, int limit)
            throws IOException {
        CollectingListener listener = new CollectingListener();
        listener.recordsSplit = new StreamingEventReader(limit)
                .read(delivery.apply(text.getBytes(StandardCharsets.UTF_8)), "big.json", listener);
        return listener;
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void aHugeRecordBetweenGoodOnesIsRejectedAndTheRecordsAroundItAreRead(Function<byte[], InputStream> delivery)
            throws IOException {
        CollectingListener l =
                read(delivery, "{\"Records\":[" + E1 + "," + huge("big", 3 * LIMIT) + "," + E2 + "]}", LIMIT);

        assertThat(l.eventIds()).containsExactly("e1", "e2");
        assertThat(l.eventPositions).extracting(RecordPosition::record).containsExactly(1L, 3L);
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.position()).isEqualTo(new RecordPosition("big.json", 2));
            assertThat(r.reason())
                    .startsWith("record too large: ")
                    .contains("more than the maximum record size of 64 KB (--max-record-size)");
            assertThat(r.raw()).startsWith("{\"eventVersion\"").hasSizeLessThanOrEqualTo(LIMIT);
        });
        assertThat(l.recordsSplit).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void aRecordOfExactlyTheMaximumIsReadAndOneByteMoreIsRejected(Function<byte[], InputStream> delivery)
            throws IOException {
        String fits = huge("fits", 0);
        fits = huge("fits", LIMIT - fits.length());
        String over = huge("over", LIMIT - huge("over", 0).length() + 1);
        assertThat(fits.length()).isEqualTo(LIMIT);

        CollectingListener l = read(delivery, "{\"Records\":[" + fits + "," + over + "," + E1 + "]}", LIMIT);

        assertThat(l.eventIds()).containsExactly("fits", "e1");
        assertThat(l.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("record too large: 64.0 KB,"));
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void anOversizedLineOfNewlineDelimitedEventsIsRejectedAndTheLinesAfterItRead(Function<byte[], InputStream> delivery)
            throws IOException {
        CollectingListener l = read(delivery, E1 + "\n" + huge("big", 2 * LIMIT) + "\n" + E2 + "\n", LIMIT);

        assertThat(l.eventIds()).containsExactly("e1", "e2");
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.position().record()).isEqualTo(2);
            assertThat(r.reason()).startsWith("record too large");
        });
    }

    @ParameterizedTest
    @MethodSource("io.monitron.indexer.parse.StreamingEventReaderTest#deliveries")
    void anOversizedLineOfTextIsRejectedAndTheLinesAfterItRead(Function<byte[], InputStream> delivery)
            throws IOException {
        CollectingListener l = read(delivery, "a".repeat(3 * LIMIT) + "\n" + E1 + "\n", LIMIT);

        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.position().record()).isEqualTo(1);
            assertThat(r.reason()).startsWith("record too large");
        });
    }

    @Test
    void aRecordCutOffByTheEndOfTheInputAfterTheMaximumSaysSo() throws IOException {
        String big = huge("big", 2 * LIMIT);
        CollectingListener l = read(
                ByteArrayInputStream::new, "{\"Records\":[" + E1 + "," + big.substring(0, big.length() - 10), LIMIT);

        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("record too large")
                .endsWith("the input ends inside it"));
    }

    /** A gzip stream of {@code members} copies of one member holding 1 MB of {@code b}: small to build, large to read. */
    private static byte[] bomb(byte b, int megabytes) throws IOException {
        byte[] megabyte = new byte[1024 * 1024];
        Arrays.fill(megabyte, b);
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
            gz.write(megabyte);
        }
        // concatenated gzip members are one stream to GZIPInputStream, as to gunzip
        byte[] one = member.toByteArray();
        byte[] bomb = new byte[one.length * megabytes];
        for (int i = 0; i < megabytes; i++) {
            System.arraycopy(one, 0, bomb, i * one.length, one.length);
        }
        return bomb;
    }

    @Test
    void aGzipBombOfTextIsOneRejectionWithTheDefaultMaximumAndTheRecordAfterItIsRead() throws IOException {
        // 100 MB of one letter in 100 KB, then a good event: the letters are one line, far over 32 MB
        byte[] bomb = bomb((byte) 'a', 100);
        byte[] after = gzip(("\n" + E1 + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] file = Arrays.copyOf(bomb, bomb.length + after.length);
        System.arraycopy(after, 0, file, bomb.length, after.length);
        CollectingListener l = new CollectingListener();

        new StreamingEventReader().read(new ByteArrayInputStream(file), "bomb.json.gz", l);

        assertThat(l.rejections).singleElement().satisfies(r -> {
            assertThat(r.position().record()).isEqualTo(1);
            assertThat(r.reason()).contains("more than the maximum record size of 32 MB");
            assertThat(r.raw()).hasSizeLessThanOrEqualTo(RecordSplitter.TOO_LARGE_PREFIX);
        });
        assertThat(l.eventIds()).containsExactly("e1");
        assertThat(l.eventPositions).extracting(RecordPosition::record).containsExactly(2L);
    }

    @Test
    void aGzipBombOfBinaryIsGivenUpOnceTooLargeWithoutReadingTheRest() throws IOException {
        CountingInput in = new CountingInput(
                new java.util.zip.GZIPInputStream(new ByteArrayInputStream(bomb((byte) 0, 100)), 64 * 1024));
        CollectingListener l = new CollectingListener();

        new StreamingEventReader().read(in, "zeros.json.gz", l);

        assertThat(l.rejections).singleElement().satisfies(r -> assertThat(r.reason())
                .contains("neither gzip nor JSON"));
        assertThat(in.count)
                .as("bytes decompressed before giving up")
                .isLessThan(StreamingEventReader.DEFAULT_MAX_RECORD_SIZE + 2L * RecordSplitter.MAX_WINDOW);
    }

    @Test
    void theMaximumRecordSizeIsBounded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StreamingEventReader(100))
                .isInstanceOf(io.monitron.indexer.config.ConfigException.class)
                .hasMessage("--max-record-size must be between 1 KB and 1024 MB, got 100 bytes");
        assertThat(new StreamingEventReader().maxRecordSize()).isEqualTo(32 * 1024 * 1024);
    }

    @Test
    void sizesAreWrittenForPeople() {
        assertThat(StreamingEventReader.describeSize(32L * 1024 * 1024)).isEqualTo("32 MB");
        assertThat(StreamingEventReader.describeSize(40L * 1024 * 1024 + 512 * 1024))
                .isEqualTo("40.5 MB");
        assertThat(StreamingEventReader.describeSize(1024)).isEqualTo("1 KB");
        assertThat(StreamingEventReader.describeSize(10)).isEqualTo("10 bytes");
    }

    /** Counts the bytes read through it. */
    static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
