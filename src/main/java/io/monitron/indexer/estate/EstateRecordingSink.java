package io.monitron.indexer.estate;

import io.monitron.indexer.model.Acknowledgement;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.port.DocumentSink;

/**
 * A sink in front of another that names, from the estate, the entities a document gives only by id ({@link
 * EntityNames#decorate}) and notes which entities the run's documents name ({@link TouchedEntities}), so the estate
 * can be brought up to date after the run.
 */
public final class EstateRecordingSink implements DocumentSink {
    private final DocumentSink sink;
    private final EntityNames names;
    private final TouchedEntities touched;

    public EstateRecordingSink(DocumentSink sink, EntityNames names, TouchedEntities touched) {
        this.sink = sink;
        this.names = names;
        this.touched = touched;
    }

    @Override
    public void add(Document document, Acknowledgement acknowledgement) {
        names.decorate(document.source());
        touched.add(document.source());
        sink.add(document, acknowledgement);
    }

    @Override
    public void finish() {
        sink.finish();
    }

    @Override
    public boolean failed() {
        return sink.failed();
    }

    @Override
    public void stopRetrying() {
        sink.stopRetrying();
    }

    @Override
    public void close() {
        sink.close();
    }
}
