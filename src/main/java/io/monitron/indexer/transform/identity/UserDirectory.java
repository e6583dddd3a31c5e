package io.monitron.indexer.transform.identity;

import io.monitron.indexer.model.DirectoryUser;

/**
 * Where Identity Center users can be looked up one by one: the identity store API ({@link IdentityStoreDirectory}).
 * Implementations are thread-safe; a lookup never throws, its failure is a {@link Lookup.Failed}.
 */
public interface UserDirectory {
    /** The outcome of looking up one user. */
    sealed interface Lookup {
        record Found(DirectoryUser user) implements Lookup {}

        /** The directory answered that there is no such user (or no such identity store). */
        record NotFound(String reason) implements Lookup {}

        /** The directory could not answer (access denied, throttled past the retries, unreachable). */
        record Failed(String reason) implements Lookup {}
    }

    Lookup describe(String identityStoreId, String userId);
}
