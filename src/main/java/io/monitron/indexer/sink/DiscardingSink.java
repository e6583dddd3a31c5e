package io.monitron.indexer.sink;

import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.Outcome;
import io.monitron.indexer.port.DocumentSink;

/** {@code --dry-run}: documents are built, counted and dropped. */
public final class DiscardingSink implements DocumentSink {
    @Override
    public void add(Document document, Acknowledgement acknowledgement) {
        acknowledgement.acknowledge(Outcome.INDEXED);
    }

    @Override
    public void finish() {}
}
