package io.monitron.indexer.transform.identity;

import io.monitron.indexer.model.DirectoryUser;
import io.monitron.indexer.port.ResolvedUserStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves Identity Center users through a {@link UserDirectory}, each user at most once per run: the first event
 * naming a user looks it up, events on other workers naming the same user wait for that answer, and later events
 * take it from memory. Users found are kept in a {@link ResolvedUserStore} and loaded from it at start, so a user
 * costs one directory call ever. A user that does not exist, or whose lookup fails, is remembered as such for the
 * rest of the run, counted in {@link #stats()} and logged once; the event keeps the id. Nothing here fails a run.
 */
public final class DirectoryResolver implements IdentityResolver {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryResolver.class);

    private final UserDirectory directory;
    private final ResolvedUserStore store;
    private final int preloaded;
    private final Map<ResolvedUserStore.Key, CompletableFuture<Optional<DirectoryUser>>> users =
            new ConcurrentHashMap<>();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong found = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong saveFailures = new AtomicLong();

    /**
     * Counts of one run.
     *
     * @param preloaded users loaded from the store at start
     * @param lookups directory calls made (one per user not known yet)
     * @param found lookups that found the user
     * @param notFound lookups answered "no such user"
     * @param failed lookups that could not be answered, and users of events that name no identity store
     * @param saveFailures users found that could not be kept for the next run
     */
    public record Stats(int preloaded, long lookups, long found, long notFound, long failed, long saveFailures) {}

    private DirectoryResolver(UserDirectory directory, ResolvedUserStore store) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        Map<ResolvedUserStore.Key, DirectoryUser> known = store.loadAll();
        known.forEach((key, user) -> users.put(key, CompletableFuture.completedFuture(Optional.of(user))));
        this.preloaded = known.size();
    }

    /**
     * Loads the users {@code store} kept (an unreachable store fails here, at start, with the store's exception).
     */
    public static DirectoryResolver create(UserDirectory directory, ResolvedUserStore store) {
        return new DirectoryResolver(directory, store);
    }

    @Override
    public Optional<DirectoryUser> resolve(String identityStoreId, String userId) {
        ResolvedUserStore.Key key = new ResolvedUserStore.Key(identityStoreId, userId);
        CompletableFuture<Optional<DirectoryUser>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<DirectoryUser>> existing = users.putIfAbsent(key, mine);
        if (existing != null) {
            return existing.join();
        }
        Optional<DirectoryUser> result = Optional.empty();
        try {
            result = lookUp(key);
        } finally {
            mine.complete(result);
        }
        return result;
    }

    private Optional<DirectoryUser> lookUp(ResolvedUserStore.Key key) {
        if (key.identityStoreId().isEmpty()) {
            failed.incrementAndGet();
            LOG.warn("Identity Center user {} not resolved: the event names no identity store", key.userId());
            return Optional.empty();
        }
        lookups.incrementAndGet();
        UserDirectory.Lookup lookup = directory.describe(key.identityStoreId(), key.userId());
        if (lookup instanceof UserDirectory.Lookup.Found hit) {
            found.incrementAndGet();
            try {
                store.save(key, hit.user());
            } catch (RuntimeException e) {
                saveFailures.incrementAndGet();
                LOG.warn(
                        "Identity Center user {} resolved but not kept for the next run: {}",
                        key.userId(),
                        e.getMessage());
            }
            return Optional.of(hit.user());
        }
        if (lookup instanceof UserDirectory.Lookup.NotFound miss) {
            notFound.incrementAndGet();
            LOG.warn("Identity Center user {} not found in {}: {}", key.userId(), key.identityStoreId(), miss.reason());
        } else if (lookup instanceof UserDirectory.Lookup.Failed failure) {
            failed.incrementAndGet();
            LOG.warn(
                    "Identity Center user {} in {} not resolved: {}",
                    key.userId(),
                    key.identityStoreId(),
                    failure.reason());
        }
        return Optional.empty();
    }

    public Stats stats() {
        return new Stats(preloaded, lookups.get(), found.get(), notFound.get(), failed.get(), saveFailures.get());
    }
}
