package io.monitron.indexer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress line counts every input handed over, so it reaches the total. */
class ProgressTest {
    @Test
    void digestAndInsightFilesCountAsDoneSoTheLineReachesTheTotal() {
        RunStats stats = new RunStats();
        Progress progress = new Progress(stats, Progress.Display.NONE);
        for (int i = 0; i < 4; i++) {
            progress.listed(100);
        }
        progress.settledUnread(); // a digest
        progress.settledUnread(); // an Insight file
        stats.filesRead.add(2);
        progress.listingComplete();

        assertThat(progress.line()).startsWith("4/4 files");
    }
}
