package io.monitron.indexer.samples;

/**
 * What a generator run wrote.
 *
 * @param files the files written (log files, digest files, or the one lookup-events / NDJSON file)
 * @param events the events written
 * @param monitronEvents how many of them are Monitron events
 * @param bytes the bytes written to disk (compressed when gzip is on)
 */
public record GenerationSummary(long files, long events, long monitronEvents, long bytes) {

    /** The one-line summary the CLI prints. */
    public String describe(long seed) {
        return String.format(
                "generated %d files, %d events (%d Monitron), %d bytes, seed %d",
                files, events, monitronEvents, bytes, seed);
    }
}
