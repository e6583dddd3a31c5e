package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;

/**
 * Where generated events go, in batches that are one trail log file each: {@link #beginFile}, any number of
 * {@link #write}, {@link #endFile}; batches arrive in delivery order. Layouts other than the trail folder may put
 * every batch into one file. {@link #close} finishes whatever is open and must be called once.
 */
interface EventOutput extends Closeable {

    /**
     * @param accountId the account whose trail the file belongs to
     * @param region the region of the file
     * @param delivered when the file is delivered: its name stamp; every event of the file is earlier
     */
    void beginFile(String accountId, String region, Instant delivered) throws IOException;

    /** One event of the current file; {@code call} is what it was made from (for envelope fields). */
    void write(ObjectNode event, ApiCall call) throws IOException;

    void endFile() throws IOException;

    /** Files written so far (including digest files). */
    long files();

    /** Bytes written to disk so far. */
    long bytes();
}
