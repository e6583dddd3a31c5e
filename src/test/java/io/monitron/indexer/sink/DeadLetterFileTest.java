package io.monitron.indexer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.model.RecordPosition;
import io.monitron.indexer.model.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:15:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private List<JsonNode> write(Rejection... rejections) throws IOException {
        Path file = temp.resolve("dead-letter/entries.ndjson");
        try (DeadLetterFile deadLetters = new DeadLetterFile(file, CLOCK)) {
            for (Rejection rejection : rejections) {
                deadLetters.write(rejection);
            }
        }
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }

    @Test
    void aReDrivenRecordRejectedAgainKeepsItsOriginalSourceAndRecordAndNamesTheEntryItCameBackFrom()
            throws IOException {
        RecordPosition entry = new RecordPosition("dead-letter/dead-letter-20261124T091500Z-1.ndjson", 2);

        List<JsonNode> entries = write(new Rejection(
                RecordPosition.reDriven("trail/x.json.gz", 17, entry), "eventTime is missing", "{\"a\":1}"));

        JsonNode written = entries.get(0);
        assertThat(written.path("source").asText()).isEqualTo("trail/x.json.gz");
        assertThat(written.path("record").asLong()).isEqualTo(17);
        assertThat(written.path("redriven_from").asText())
                .isEqualTo("dead-letter/dead-letter-20261124T091500Z-1.ndjson");
        assertThat(written.path("redriven_from_record").asLong()).isEqualTo(2);
        assertThat(written.path("raw").asText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aRecordReadFromItsOriginalInputHasNoReDriveFields() throws IOException {
        List<JsonNode> entries =
                write(new Rejection(new RecordPosition("trail/x.json.gz", 17), "eventTime is missing", "{}"));

        assertThat(entries.get(0).has("redriven_from")).isFalse();
        assertThat(entries.get(0).has("redriven_from_record")).isFalse();
        assertThat(entries.get(0).path("source").asText()).isEqualTo("trail/x.json.gz");
    }
}
