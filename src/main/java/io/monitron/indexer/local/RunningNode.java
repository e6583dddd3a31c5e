package io.monitron.indexer.local;

import java.net.URI;

/**
 * A local node that runs and answers with the password in its files.
 *
 * @param pid the server process
 * @param url where it listens, {@code http://127.0.0.1:PORT}
 * @param version the version it reports
 * @param reused whether it was already running before this start
 */
public record RunningNode(long pid, URI url, String version, boolean reused) {}
