package io.monitron.indexer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.model.Input;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionedCheckpointTest {
    private static final Duration LOOK_BACK = Duration.ofHours(48);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final InMemoryStateStore store = new InMemoryStateStore();

    record FakeInput(String stateKey, String version) implements Input {
        @Override
        public String location() {
            return stateKey;
        }

        @Override
        public long size() {
            return 1;
        }

        @Override
        public InputStream open() {
            return InputStream.nullInputStream();
        }
    }

    static FakeInput file(String account, String region, Instant stamp, String unique) {
        String key = "s3://bucket/AWSLogs/" + account + "/CloudTrail/" + region + "/" + DAY.format(stamp) + "/"
                + account + "_CloudTrail_" + region + "_" + STAMP.format(stamp) + "_" + unique + ".json.gz";
        return new FakeInput(key, "etag-" + unique);
    }

    private PartitionedCheckpoint checkpoint() {
        return new PartitionedCheckpoint(store, "s3://bucket", LOOK_BACK, Optional.empty(), false);
    }

    /** One run: every listed input not done is read and completed; returns what was read. */
    private List<Input> run(List<? extends Input> listing) {
        PartitionedCheckpoint checkpoint = checkpoint();
        List<Input> read = new ArrayList<>();
        for (Input input : listing) {
            if (!checkpoint.isDone(input)) {
                read.add(input);
                checkpoint.markDone(input);
            }
        }
        checkpoint.save();
        return read;
    }

    @Test
    void secondRunReadsNothingAndANewFileIsRead() {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        List<FakeInput> first = List.of(
                file("111122223333", "us-east-1", t, "a"), file("111122223333", "us-east-1", t.plusSeconds(300), "b"));
        assertThat(run(first)).hasSize(2);
        assertThat(run(first)).isEmpty();
        FakeInput added = file("111122223333", "us-east-1", t.plusSeconds(600), "c");
        List<FakeInput> second = new ArrayList<>(first);
        second.add(added);
        assertThat(run(second)).containsExactly(added);
    }

    @Test
    void lateFileIntoADayAlreadyProcessedIsRead() {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        FakeInput early = file("111122223333", "us-east-1", t, "zzz");
        FakeInput later = file("111122223333", "us-east-1", t.plusSeconds(3600), "b");
        run(List.of(early, later));
        // same 5-minute stamp as an indexed file, a suffix that sorts lower, delivered minutes later
        FakeInput late = file("111122223333", "us-east-1", t, "aaa");
        assertThat(run(List.of(late, early, later))).containsExactly(late);
    }

    @Test
    void changedContentIsReadAgain() {
        FakeInput v1 = new FakeInput("/data/other/file.json", "10@1");
        run(List.of(v1));
        FakeInput v2 = new FakeInput("/data/other/file.json", "12@2");
        assertThat(run(List.of(v2))).containsExactly(v2);
    }

    @Test
    void anInputThatDidNotCompleteHoldsTheWatermarkBack() {
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        FakeInput failed = file("111122223333", "eu-west-1", t, "f");
        List<FakeInput> rest = new ArrayList<>();
        for (int day = 1; day <= 10; day++) {
            rest.add(file("111122223333", "eu-west-1", t.plus(Duration.ofDays(day)), "d" + day));
        }
        PartitionedCheckpoint checkpoint = checkpoint();
        assertThat(checkpoint.isDone(failed)).isFalse(); // listed, read, never completed
        rest.forEach(i -> {
            assertThat(checkpoint.isDone(i)).isFalse();
            checkpoint.markDone(i);
        });
        checkpoint.save();
        assertThat(checkpoint.watermark("111122223333/eu-west-1")).contains(t);
        List<FakeInput> all = new ArrayList<>(List.of(failed));
        all.addAll(rest);
        assertThat(run(all)).containsExactly(failed);
    }

    @Test
    void stateStaysWithinTheLookBackWindow() {
        Instant t = Instant.parse("2026-10-01T00:00:00Z");
        List<FakeInput> listing = new ArrayList<>();
        PartitionedCheckpoint last = null;
        // 30 days, one file every 5 minutes, in 2 regions, one run a day
        for (int day = 0; day < 30; day++) {
            for (String region : List.of("us-east-1", "eu-west-1")) {
                for (int slot = 0; slot < 288; slot++) {
                    listing.add(file(
                            "111122223333",
                            region,
                            t.plus(Duration.ofDays(day)).plusSeconds(300L * slot),
                            region + day + "-" + slot));
                }
            }
            run(listing);
            last = checkpoint();
            // the listing of the next run only covers what an S3 listing from the watermark day would return
            listing.clear();
        }
        // two days of files per partition at most, plus one run's worth
        assertThat(last.entryCount()).isLessThanOrEqualTo(2 * (48 / 24 + 1) * 288);
        assertThat(last.watermark("111122223333/us-east-1")).isPresent();
    }

    @Test
    void concurrentRunsKeepTheUnionOfWhatTheyCompleted() {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        FakeInput a = file("111122223333", "us-east-1", t, "a");
        FakeInput b = file("111122223333", "us-east-1", t, "b");
        PartitionedCheckpoint one = checkpoint();
        PartitionedCheckpoint two = checkpoint();
        one.isDone(a);
        one.markDone(a);
        two.isDone(b);
        two.markDone(b);
        one.save();
        two.save();
        assertThat(run(List.of(a, b))).isEmpty();
    }

    @Test
    void fullRereadsEverythingAndSinceSkipsOlderInputsOnAFirstRun() {
        Instant t = Instant.parse("2026-10-01T10:00:00Z");
        FakeInput a = file("111122223333", "us-east-1", t, "a");
        run(List.of(a));
        PartitionedCheckpoint full = new PartitionedCheckpoint(store, "s3://bucket", LOOK_BACK, Optional.empty(), true);
        assertThat(full.isDone(a)).isFalse();

        PartitionedCheckpoint since = new PartitionedCheckpoint(
                new InMemoryStateStore(), "s3://bucket", LOOK_BACK, Optional.of(t.plusSeconds(60)), false);
        assertThat(since.isDone(a)).isTrue();
        assertThat(since.isDone(file("111122223333", "us-east-1", t.plusSeconds(300), "b")))
                .isFalse();
    }
}
