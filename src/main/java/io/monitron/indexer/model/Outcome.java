package io.monitron.indexer.model;

/** What became of one document handed to a sink. */
public enum Outcome {
    /** Written (or, in a dry run or file output, accepted). */
    INDEXED,
    /** A document with the same id already exists: a re-run or a duplicate event. Nothing changed. */
    ALREADY_INDEXED,
    /** Elasticsearch refused the document for good (e.g. a mapping error); it went to the dead-letter place. */
    DEAD_LETTERED,
    /** The sink gave up on it (retries exhausted, run stopping); it is neither indexed nor dead-lettered. */
    FAILED
}
