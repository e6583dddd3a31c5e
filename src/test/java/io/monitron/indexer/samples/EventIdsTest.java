package io.monitron.indexer.samples;

import static io.monitron.indexer.samples.GeneratedCorpus.trailEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Event ids are unique across corpora: two corpora made with different seeds or settings share no {@code eventID}, so
 * indexing both loses no event to a deterministic-id collision (a 200k-event corpus once shared 18 ids with the
 * bundled samples).
 */
class EventIdsTest {
    // fixed and printed with every failure message, so a failing run can be reproduced
    private static final long SEED = 42L;

    @TempDir
    Path temp;

    private static GeneratorSpec base(Path out) {
        return new GeneratorSpec(
                out,
                SEED,
                LocalDate.of(2026, 10, 1),
                2,
                240,
                0.5,
                List.of("111122223333", "444455556666"),
                List.of("us-east-1", "eu-west-1"),
                "o-a1b2c3d4e5",
                10,
                30,
                true,
                OutputFormat.TRAIL);
    }

    private static GeneratorSpec with(GeneratorSpec s, UnaryOperator<Builder> change) {
        Builder b = change.apply(new Builder(s));
        return new GeneratorSpec(
                s.outputDirectory(),
                b.seed,
                b.start,
                b.days,
                b.events,
                b.share,
                b.accounts,
                b.regions,
                b.organization,
                b.min,
                b.max,
                s.gzip(),
                s.format());
    }

    /** The settings of a spec, each changeable on its own. */
    private static final class Builder {
        long seed;
        LocalDate start;
        int days;
        long events;
        double share;
        List<String> accounts;
        List<String> regions;
        String organization;
        int min;
        int max;

        Builder(GeneratorSpec s) {
            seed = s.seed();
            start = s.start();
            days = s.days();
            events = s.events();
            share = s.monitronShare();
            accounts = s.accounts();
            regions = s.regions();
            organization = s.organizationId();
            min = s.minEventsPerFile();
            max = s.maxEventsPerFile();
        }

        Builder set(java.util.function.Consumer<Builder> change) {
            change.accept(this);
            return this;
        }
    }

    static Stream<Arguments> oneSettingChanged() {
        return Stream.of(
                Arguments.of("seed", (UnaryOperator<Builder>) b -> b.set(x -> x.seed = SEED + 1)),
                Arguments.of("start", (UnaryOperator<Builder>) b -> b.set(x -> x.start = x.start.plusDays(1))),
                Arguments.of("days", (UnaryOperator<Builder>) b -> b.set(x -> x.days = 3)),
                Arguments.of("events", (UnaryOperator<Builder>) b -> b.set(x -> x.events = 241)),
                Arguments.of("share", (UnaryOperator<Builder>) b -> b.set(x -> x.share = 0.4)),
                Arguments.of("accounts", (UnaryOperator<Builder>)
                        b -> b.set(x -> x.accounts = List.of("111122223333", "777788889999"))),
                Arguments.of("regions", (UnaryOperator<Builder>)
                        b -> b.set(x -> x.regions = List.of("us-east-1", "ap-southeast-2"))),
                Arguments.of("organization", (UnaryOperator<Builder>) b -> b.set(x -> x.organization = null)),
                Arguments.of("events per file", (UnaryOperator<Builder>) b -> b.set(x -> x.max = 31)));
    }

    @ParameterizedTest(name = "another {0}")
    @MethodSource("oneSettingChanged")
    void corporaWithAnotherSettingShareNoEventId(String setting, UnaryOperator<Builder> change) {
        GeneratorSpec first = base(temp.resolve("first"));
        GeneratorSpec second = with(base(temp.resolve("second")), change);
        new TrailGenerator(first).generate();
        new TrailGenerator(second).generate();

        Set<String> firstIds = ids(trailEvents(temp.resolve("first")));
        assertThat(firstIds).as("seed %d", SEED).hasSize(240);
        assertThat(ids(trailEvents(temp.resolve("second"))))
                .as("ids of a corpus with another %s (seed %d)", setting, SEED)
                .isNotEmpty()
                .doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void theSameSettingsGiveTheSameIdsInEveryLayout() {
        GeneratorSpec trail = base(temp.resolve("trail"));
        GeneratorSpec lookup = new GeneratorSpec(
                temp.resolve("lookup"),
                trail.seed(),
                trail.start(),
                trail.days(),
                trail.events(),
                trail.monitronShare(),
                trail.accounts(),
                trail.regions(),
                trail.organizationId(),
                trail.minEventsPerFile(),
                trail.maxEventsPerFile(),
                false,
                OutputFormat.LOOKUP_EVENTS);
        new TrailGenerator(trail).generate();
        new TrailGenerator(lookup).generate();

        List<String> fromLookup = new ArrayList<>();
        GeneratedCorpus.json(temp.resolve("lookup/lookup-events.json"))
                .get("Events")
                .forEach(entry -> fromLookup.add(entry.get("EventId").asText()));
        assertThat(new HashSet<>(fromLookup)).as("seed %d", SEED).isEqualTo(ids(trailEvents(temp.resolve("trail"))));
    }

    @Test
    void idsLookLikeCloudTrailsAndAreUniqueInALargerCorpus() {
        EventIds ids = EventIds.forSpec(base(temp));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = ids.next();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(seen.add(id)).as("id %s repeated at %d", id, i).isTrue();
        }
        assertThat(EventIds.forSpec(base(temp.resolve("elsewhere"))).next())
                .as("the output folder is not part of the id")
                .isEqualTo(EventIds.forSpec(base(temp)).next());
    }

    private static Set<String> ids(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.get("eventID").asText()));
        return ids;
    }
}
