package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.parse.NeedleSearch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which events to index: by event source, time, account and region. Every criterion that is empty accepts
 * everything; the criteria combine with AND.
 *
 * <p>A class rather than a record because it keeps the sources' UTF-8 bytes ready for {@link #mightMatch}, which
 * runs once per raw record. Immutable and thread-safe.
 */
public final class EventFilter {
    public static final String MONITRON_SOURCE = CloudTrailTransformer.MONITRON_SOURCE;

    private final Set<String> eventSources;
    private final Optional<Instant> from;
    private final Optional<Instant> to;
    private final Set<String> accounts;
    private final Set<String> regions;
    /** The wanted sources, and the unicode escapes that could spell them, in raw bytes. */
    private final NeedleSearch possibleMatches;

    private final byte[][] sourceBytes;

    /**
     * @param eventSources the wanted {@code eventSource} values, compared exactly; empty means all events
     * @param from the earliest {@code eventTime} kept (inclusive)
     * @param to the end of the time range (exclusive)
     * @param accounts account ids; an event's account is {@code recipientAccountId}, else
     *     {@code userIdentity.accountId}
     * @param regions {@code awsRegion} values
     */
    public EventFilter(
            Set<String> eventSources,
            Optional<Instant> from,
            Optional<Instant> to,
            Set<String> accounts,
            Set<String> regions) {
        this.eventSources = Set.copyOf(eventSources);
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.accounts = Set.copyOf(accounts);
        this.regions = Set.copyOf(regions);
        this.possibleMatches = NeedleSearch.of(this.eventSources, true);
        this.sourceBytes = this.eventSources.stream()
                .map(source -> source.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
    }

    public Set<String> eventSources() {
        return eventSources;
    }

    public Optional<Instant> from() {
        return from;
    }

    public Optional<Instant> to() {
        return to;
    }

    public Set<String> accounts() {
        return accounts;
    }

    public Set<String> regions() {
        return regions;
    }

    /** Monitron events only, any time, account and region: the default. */
    public static EventFilter monitronOnly() {
        return new EventFilter(Set.of(MONITRON_SOURCE), Optional.empty(), Optional.empty(), Set.of(), Set.of());
    }

    /** Every event of every service (--all-events). */
    public static EventFilter allEvents() {
        return new EventFilter(Set.of(), Optional.empty(), Optional.empty(), Set.of(), Set.of());
    }

    public boolean allSources() {
        return eventSources.isEmpty();
    }

    /**
     * Whether the parsed event passes every criterion. An event whose time cannot be read passes the time criteria:
     * the transformer then reports it as invalid, instead of it disappearing silently.
     */
    public boolean test(ObjectNode event) {
        if (!allSources() && !eventSources.contains(Lenient.text(event, "eventSource"))) {
            return false;
        }
        if (from.isPresent() || to.isPresent()) {
            JsonNode time = event.get("eventTime");
            Instant instant = time != null && time.isTextual() ? EventTime.parse(time.textValue()) : null;
            if (instant != null) {
                if (from.isPresent() && instant.isBefore(from.get())) {
                    return false;
                }
                if (to.isPresent() && !instant.isBefore(to.get())) {
                    return false;
                }
            }
        }
        if (!accounts.isEmpty()) {
            String account = Lenient.text(event, "recipientAccountId");
            if (account == null) {
                account = Lenient.text(Lenient.object(event, "userIdentity"), "accountId");
            }
            if (!accounts.contains(account)) {
                return false;
            }
        }
        return regions.isEmpty() || regions.contains(Lenient.text(event, "awsRegion"));
    }

    /** Whether an eventSource value, given as the UTF-8 bytes of a JSON string without escapes, is wanted. */
    public boolean wantsSource(byte[] utf8, int offset, int length) {
        if (allSources()) {
            return true;
        }
        for (byte[] source : sourceBytes) {
            if (source.length == length && java.util.Arrays.equals(utf8, offset, offset + length, source, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A fast look at the raw bytes of one record before it is parsed: {@code false} only when they cannot contain
     * any wanted event source. A record that holds a JSON {@code \}u escape might spell the source with escapes,
     * so it is always parsed.
     */
    public boolean mightMatch(byte[] utf8, int offset, int length) {
        return allSources() || possibleMatches.foundIn(utf8, offset, offset + length);
    }

    /**
     * What the raw bytes of a wanted event must contain: a wanted source's bytes, or a JSON {@code \}u escape that
     * could spell one. Empty when every source is wanted.
     */
    public Optional<NeedleSearch> possibleMatches() {
        return allSources() ? Optional.empty() : Optional.of(possibleMatches);
    }

    @Override
    public String toString() {
        return "EventFilter[sources=" + (allSources() ? "all" : eventSources) + ", from=" + from.orElse(null) + ", to="
                + to.orElse(null) + ", accounts=" + accounts + ", regions=" + regions + "]";
    }
}
