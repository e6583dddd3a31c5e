package io.monitron.indexer.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.Outcome;
import io.monitron.indexer.port.DocumentSink;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes each document as one line of JSON ({@code --output FILE|-}) instead of indexing it: the document body, with
 * its target index and id in {@code _index}/{@code _id} fields first so the file can be bulk-loaded elsewhere.
 */
public final class NdjsonFileSink implements DocumentSink {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Writer out;
    private final IndexNames indexNames;
    private final boolean closeOutput;

    public NdjsonFileSink(Writer out, IndexNames indexNames, boolean closeOutput) {
        this.out = out;
        this.indexNames = indexNames;
        this.closeOutput = closeOutput;
    }

    @Override
    public synchronized void add(Document document, Acknowledgement acknowledgement) {
        try {
            var line = MAPPER.createObjectNode();
            line.put("_index", indexNames.indexFor(document.timestamp()));
            line.put("_id", document.id());
            line.setAll(document.source());
            out.write(MAPPER.writeValueAsString(line));
            out.write('\n');
        } catch (IOException e) {
            throw new SinkException("cannot write documents to the output: " + e.getMessage(), e);
        }
        acknowledgement.acknowledge(Outcome.INDEXED);
    }

    @Override
    public synchronized void finish() {
        try {
            out.flush();
            if (out instanceof java.io.PrintWriter writer && writer.checkError()) {
                throw new IOException("the standard output refused the documents");
            }
        } catch (IOException e) {
            throw new SinkException("cannot write documents to the output: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closeOutput) {
            try {
                out.close();
            } catch (IOException e) {
                throw new SinkException("cannot close the output: " + e.getMessage(), e);
            }
        }
    }
}
