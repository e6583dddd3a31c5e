package io.monitron.indexer.source.s3;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/**
 * Which part of a trail bucket to list: accounts, regions (empty sets mean all) and delivery days, both ends
 * inclusive and UTC. The days narrow the listing of each partition to their day folders; events are still filtered by
 * their own time later.
 */
public record TrailScope(
        Set<String> accounts, Set<String> regions, Optional<LocalDate> firstDay, Optional<LocalDate> lastDay) {
    public TrailScope {
        accounts = Set.copyOf(accounts);
        regions = Set.copyOf(regions);
    }

    /** Everything in the bucket. */
    public static TrailScope everything() {
        return new TrailScope(Set.of(), Set.of(), Optional.empty(), Optional.empty());
    }

    /**
     * The day folders that can hold events of the time range {@code [from, to)} (as the index command's
     * {@code --from}/{@code --to} give it): from the day of {@code from} through the day of the last instant before
     * {@code to}. The walk adds the delivery day after the last day itself.
     */
    public static TrailScope of(
            Set<String> accounts, Set<String> regions, Optional<Instant> from, Optional<Instant> toExclusive) {
        return new TrailScope(
                accounts,
                regions,
                from.map(t -> LocalDate.ofInstant(t, ZoneOffset.UTC)),
                toExclusive.map(t -> LocalDate.ofInstant(t.minusNanos(1), ZoneOffset.UTC)));
    }

    boolean includesAccount(String account) {
        return accounts.isEmpty() || accounts.contains(account);
    }
}
