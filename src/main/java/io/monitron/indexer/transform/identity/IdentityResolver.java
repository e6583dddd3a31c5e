package io.monitron.indexer.transform.identity;

import io.monitron.indexer.model.DirectoryUser;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns an IAM Identity Center user id into the person behind it, for events that carry only the id. Implementations
 * are thread-safe (the transformer runs on several workers) and never throw for a lookup: a user that cannot be found
 * or a lookup that fails gives an empty result, and the event keeps the id.
 */
public interface IdentityResolver {
    /** Resolves nothing: the default. */
    IdentityResolver NONE = (identityStoreId, userId) -> Optional.empty();

    /**
     * @param identityStoreId the identity store the event names ({@code d-9067642ac7}), or {@code null} when it names
     *     none
     * @param userId the identity-store user id, never {@code null}
     */
    Optional<DirectoryUser> resolve(String identityStoreId, String userId);

    /** The first resolver that knows the user answers (e.g. the identity map, then the identity store). */
    static IdentityResolver firstOf(IdentityResolver... resolvers) {
        List<IdentityResolver> chain = List.copyOf(Arrays.asList(resolvers));
        if (chain.size() == 1) {
            return chain.get(0);
        }
        return (identityStoreId, userId) -> {
            for (IdentityResolver resolver : chain) {
                Optional<DirectoryUser> user = resolver.resolve(identityStoreId, userId);
                if (user.isPresent()) {
                    return user;
                }
            }
            return Optional.empty();
        };
    }

    /**
     * {@code arn:aws:identitystore::123456789012:identitystore/d-9067642ac7} → {@code d-9067642ac7}; {@code null} for
     * anything else.
     */
    static String identityStoreId(String identityStoreArn) {
        if (identityStoreArn == null) {
            return null;
        }
        int slash = identityStoreArn.lastIndexOf("identitystore/");
        if (slash < 0) {
            return null;
        }
        String id = identityStoreArn.substring(slash + "identitystore/".length());
        return id.isBlank() || id.indexOf('/') >= 0 ? null : id;
    }
}
