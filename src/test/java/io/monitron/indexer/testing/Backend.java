package io.monitron.indexer.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a fixture's cluster runs: a local distribution, a container, or an existing cluster. A backend is started
 * when it is created; {@link #stop()} ends what it started and is idempotent.
 */
interface Backend {

    /** One human line saying what runs where, e.g. {@code local distribution at ... (log: ...)}. */
    String description();

    /** The HTTP(S) root, e.g. {@code http://127.0.0.1:40681}, without a trailing slash. */
    URI url();

    /** Superuser credentials, empty when security is off. */
    Optional<Credentials> admin();

    /** The PEM file of the CA that signed the HTTP certificate, empty for plain HTTP or a publicly trusted cluster. */
    Optional<Path> caCertificate();

    /**
     * The file realm to add users and roles to, when the cluster cannot do it through the security REST API (the
     * local minimal distribution has no native realm); empty means: use {@code PUT /_security/...}.
     */
    Optional<FileRealm> fileRealm();

    /** Whether this is the local distribution started by the fixture. */
    boolean isLocalDistribution();

    /** Stops what this backend started; does nothing for a cluster it did not start. */
    void stop();
}
