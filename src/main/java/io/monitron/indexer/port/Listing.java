package io.monitron.indexer.port;

/** Told of each input a source passes over instead of handing it to the run, so nothing goes uncounted. Thread-safe. */
@FunctionalInterface
public interface Listing {
    /** {@code location} names the input for people; {@code reason} says why it is not read. */
    void passedOver(String location, PassOver reason);

    Listing IGNORE = (location, reason) -> {};
}
