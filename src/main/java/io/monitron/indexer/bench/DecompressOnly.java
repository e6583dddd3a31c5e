package io.monitron.indexer.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

/**
 * The scan floor: every log file gunzipped into a discarded buffer, by as many threads as the indexer gets, with the
 * indexer's buffer size. Counts decompressed bytes. Plain {@code .json} files are read as they are.
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
            InputStream raw = Files.newInputStream(file);
            try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, BUFFER_SIZE) : raw) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytes += n;
                }
            }
            return bytes;
        });
    }
}
