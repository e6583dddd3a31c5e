package io.monitron.indexer.transform;

import io.monitron.indexer.transform.identity.IdentityResolver;
import java.util.Objects;

/**
 * What the transformer may look up beyond the event itself. Each part is thread-safe and caches what it looks up;
 * none fails an event.
 *
 * @param identities turns Identity Center user ids into people ({@link IdentityResolver#NONE} by default)
 */
public record Enrichment(IdentityResolver identities) {
    public Enrichment {
        Objects.requireNonNull(identities, "identities");
    }

    /** No lookups beyond the event. */
    public static Enrichment none() {
        return new Enrichment(IdentityResolver.NONE);
    }

    public Enrichment withIdentities(IdentityResolver resolver) {
        return new Enrichment(resolver);
    }
}
