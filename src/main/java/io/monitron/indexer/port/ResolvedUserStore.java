package io.monitron.indexer.port;

import io.monitron.indexer.model.DirectoryUser;
import java.util.Map;

/**
 * Keeps users looked up in one run for the next ones, so each user costs one identity-store call, ever. Implemented
 * in Elasticsearch beside the state ({@code sink.ElasticsearchResolvedUserStore}).
 */
public interface ResolvedUserStore {
    /** Keeps nothing. */
    ResolvedUserStore NONE = new ResolvedUserStore() {
        @Override
        public Map<Key, DirectoryUser> loadAll() {
            return Map.of();
        }

        @Override
        public void save(Key key, DirectoryUser user) {}
    };

    /** A user in one identity store; {@code identityStoreId} is empty when the event named no store. */
    record Key(String identityStoreId, String userId) {
        public Key {
            identityStoreId = identityStoreId == null ? "" : identityStoreId;
        }
    }

    /** Every user kept so far. May throw the implementation's unchecked exception when the store is unreachable. */
    Map<Key, DirectoryUser> loadAll();

    /** Keeps one user. May throw the implementation's unchecked exception; the resolver counts it and goes on. */
    void save(Key key, DirectoryUser user);
}
