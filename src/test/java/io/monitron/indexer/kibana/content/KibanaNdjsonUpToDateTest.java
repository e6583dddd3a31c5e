package io.monitron.indexer.kibana.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code kibana/monitron.ndjson} must be exactly what {@link MonitronContent} renders. To regenerate
 * after editing the content: {@code ./mvnw -B -o -q test -Dtest=KibanaNdjsonUpToDateTest -Dkibana.write=true}.
 */
class KibanaNdjsonUpToDateTest {

    @Test
    void committedNdjsonEqualsAFreshBuild() throws IOException {
        String fresh = KibanaNdjson.renderMonitronContent();
        if (Boolean.getBoolean("kibana.write")) {
            Files.createDirectories(KibanaNdjson.COMMITTED.getParent());
            Files.writeString(KibanaNdjson.COMMITTED, fresh, StandardCharsets.UTF_8);
        }
        assertThat(KibanaNdjson.COMMITTED).exists();
        String committed = Files.readString(KibanaNdjson.COMMITTED, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("kibana/monitron.ndjson is stale; regenerate it with -Dtest=KibanaNdjsonUpToDateTest"
                        + " -Dkibana.write=true and commit it")
                .isEqualTo(fresh);
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        assertThat(KibanaNdjson.renderMonitronContent()).isEqualTo(KibanaNdjson.renderMonitronContent());
    }
}
