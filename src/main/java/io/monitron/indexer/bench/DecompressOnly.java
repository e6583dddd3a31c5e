package io.monitron.indexer.bench;

import io.monitron.indexer.model.Input;
import io.monitron.indexer.parse.GzipDetectingInput;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.source.LocalFileSource;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * The scan floor: every log file read and decompressed into a discarded buffer exactly as the indexer reads and
 * decompresses it: the same {@link Input#open()} of a local file, the same {@link GzipDetectingInput}, the whole file
 * inflated into one buffer per thread that grows to fit and is kept for the next file (as the indexer's reader does;
 * measured about 5% faster than inflating 64 KB at a time). So the ratio to it is what the indexer does beyond the
 * decompression it cannot avoid. Counts decompressed bytes.
 */
public final class DecompressOnly implements Contender {
    private static final int FIRST_BUFFER_SIZE = 64 * 1024;
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
        ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[FIRST_BUFFER_SIZE]);
        return Workers.sum(corpus.files(), threads, file -> {
            byte[] buffer = buffers.get();
            int filled = 0;
            Input input = new LocalFileSource(List.of(file))
                    .inputs(Listing.IGNORE)
                    .findFirst()
                    .orElseThrow();
            try (InputStream in = GzipDetectingInput.open(input.open())) {
                while (true) {
                    if (filled == buffer.length) {
                        buffer = Arrays.copyOf(buffer, buffer.length * 2);
                        buffers.set(buffer);
                    }
                    int n = in.read(buffer, filled, buffer.length - filled);
                    if (n < 0) {
                        return filled;
                    }
                    filled += n;
                }
            }
        });
    }
}
