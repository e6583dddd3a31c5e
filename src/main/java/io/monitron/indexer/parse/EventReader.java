package io.monitron.indexer.parse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads every CloudTrail event in one input, whatever its format: a trail log file ({@code {"Records":[...]}}),
 * saved LookupEvents output, newline-delimited events or EventBridge envelopes, gzipped or not.
 *
 * <p>The reader streams: memory stays bounded by the largest single record, not the input. Bad records are reported
 * to the listener and reading goes on; an input that stops being readable (a truncated gzip, broken JSON structure)
 * is reported as one rejection for the rest of the input, after every good record before it was delivered.
 * The caller owns {@code in} and closes it; the reader closes it too once it is done with it (a second close has no
 * effect), with the decompressing stream it may wrap around it, whose native memory is then freed at once.
 */
public interface EventReader {
    /**
     * @return the number of records seen (events, rejections and skipped records together)
     * @throws IOException only when the input cannot be read at all (the caller reports it as the input's failure)
     */
    long read(InputStream in, String source, RecordListener listener) throws IOException;
}
