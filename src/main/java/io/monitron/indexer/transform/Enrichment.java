package io.monitron.indexer.transform;

import io.monitron.indexer.transform.geo.GeoIpLookup;
import io.monitron.indexer.transform.identity.IdentityResolver;
import java.util.Objects;
import java.util.Optional;

/**
 * What the transformer may look up beyond the event itself. Each part is thread-safe and caches what it looks up;
 * none fails an event.
 *
 * @param identities turns Identity Center user ids into people ({@link IdentityResolver#NONE} by default)
 * @param geoIp location and AS of public source addresses ({@code source.geo.*}, {@code source.as.*}); empty by
 *     default. The caller owns it and closes it after the run.
 */
public record Enrichment(IdentityResolver identities, Optional<GeoIpLookup> geoIp) {
    public Enrichment {
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(geoIp, "geoIp");
    }

    /** No lookups beyond the event. */
    public static Enrichment none() {
        return new Enrichment(IdentityResolver.NONE, Optional.empty());
    }

    public Enrichment withIdentities(IdentityResolver resolver) {
        return new Enrichment(resolver, geoIp);
    }

    public Enrichment withGeoIp(GeoIpLookup lookup) {
        return new Enrichment(identities, Optional.of(lookup));
    }
}
