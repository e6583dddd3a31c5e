package io.monitron.indexer.bench;

import io.monitron.indexer.parse.GzipDetectingInput;
import io.monitron.indexer.source.Input;
import io.monitron.indexer.source.LocalFileSource;
import java.io.InputStream;
import java.util.List;

/**
 * The scan floor: every log file read and decompressed into a discarded buffer exactly as the indexer reads and
 * decompresses it (the same {@link Input#open()} of a local file, the same {@link GzipDetectingInput}, 64 KB reads), by
 * as many threads as the indexer gets. So the ratio to it is what the indexer does beyond the decompression it cannot
 * avoid. Counts decompressed bytes.
 */
public final class DecompressOnly implements Contender {
    private static final int BUFFER_SIZE = 64 * 1024;
    private final CorpusFiles corpus;
    private final int threads;

    public DecompressOnly(CorpusFiles corpus, int threads) {
        this.corpus = corpus;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "gunzip only (Java, floor)";
    }

    @Override
    public long run() {
        return Workers.sum(corpus.files(), threads, file -> {
            byte[] buffer = new byte[BUFFER_SIZE];
            long bytes = 0;
            Input input =
                    new LocalFileSource(List.of(file)).inputs().findFirst().orElseThrow();
            try (InputStream in = GzipDetectingInput.open(input.open())) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes += n;
                }
            }
            return bytes;
        });
    }
}
