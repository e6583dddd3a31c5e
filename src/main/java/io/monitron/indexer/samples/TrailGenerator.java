package io.monitron.indexer.samples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Generates a realistic CloudTrail corpus: Monitron stories mixed into ordinary account activity, written as a trail
 * bucket folder (or as lookup-events output, or EventBridge NDJSON).
 *
 * <p>The run walks time in five-minute windows, and in each window every account and region; a window gets a log
 * file by sequential sampling, so exactly the planned number of files is spread evenly over the period without a
 * plan in memory. Likewise exactly {@code round(events * monitronShare)} events are Monitron events. Memory stays
 * bounded by one log file, whatever the number of events. The output depends on the spec alone: one seeded random
 * stream, no clock.
 */
public final class TrailGenerator {
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final GeneratorSpec spec;
    // the outputs own their files; a flush after every event would reach the disk once per event
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    public TrailGenerator(GeneratorSpec spec) {
        this.spec = spec;
    }

    /**
     * Writes the corpus.
     *
     * @throws UncheckedIOException when a file cannot be written
     * @throws io.monitron.indexer.config.ConfigException when the output folder already holds a corpus of the same
     *     layout
     */
    public GenerationSummary generate() {
        try {
            return run();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not write the generated trail under " + spec.outputDirectory() + ": " + e.getMessage(), e);
        }
    }

    /** How many Monitron events a spec asks for. */
    public static long monitronEvents(GeneratorSpec spec) {
        return Math.round(spec.events() * spec.monitronShare());
    }

    private GenerationSummary run() throws IOException {
        OutputFolder.requireNoCorpusOfTheSameLayout(spec);
        Files.createDirectories(spec.outputDirectory());
        SeededRandom random = new SeededRandom(spec.seed());
        List<String> accounts = spec.accounts();
        List<String> regions = spec.regions();
        String identityStoreArn = "arn:aws:identitystore::" + accounts.get(0) + ":identitystore/d-" + random.hex(10);
        List<AccountDirectory> directories = new ArrayList<>();
        for (String account : accounts) {
            directories.add(new AccountDirectory(account, identityStoreArn, random));
        }
        Set<MonitronAction> seen = EnumSet.noneOf(MonitronAction.class);
        MonitronStory[][] stories = new MonitronStory[accounts.size()][regions.size()];
        for (int a = 0; a < accounts.size(); a++) {
            for (int r = 0; r < regions.size(); r++) {
                stories[a][r] = new MonitronStory(directories.get(a), regions.get(r), random, seen);
            }
        }
        BackgroundActivity background = new BackgroundActivity(random);
        EventAssembler assembler = new EventAssembler(
                random,
                EventIds.forSpec(spec),
                spec.addresses() == AddressMode.PUBLIC ? new PublicAddressMix(spec.seed()) : UnaryOperator.identity());

        long windows = spec.days() * (Duration.ofDays(1).toMinutes() / WINDOW.toMinutes());
        long slots = windows * accounts.size() * regions.size();
        double meanFileSize = (spec.minEventsPerFile() + spec.maxEventsPerFile()) / 2.0;
        long filesLeft = Math.min(slots, Math.min(spec.events(), (long) Math.ceil(spec.events() / meanFileSize)));
        long eventsLeft = spec.events();
        long monitronLeft = monitronEvents(spec);
        long slotsLeft = slots;
        long monitronWritten = 0;
        Instant start = spec.start().atStartOfDay(ZoneOffset.UTC).toInstant();

        EventOutput output = open(random);
        try (output) {
            for (long w = 0; w < windows && filesLeft > 0; w++) {
                Instant windowStart = start.plus(WINDOW.multipliedBy(w));
                for (int a = 0; a < accounts.size(); a++) {
                    for (int r = 0; r < regions.size(); r++, slotsLeft--) {
                        if (filesLeft == 0 || random.fraction() * slotsLeft >= filesLeft) {
                            continue;
                        }
                        int size = fileSize(random, eventsLeft, filesLeft, meanFileSize);
                        filesLeft--;
                        output.beginFile(accounts.get(a), regions.get(r), windowStart.plus(WINDOW));
                        for (Instant time : eventTimes(random, windowStart, size)) {
                            boolean monitron = random.fraction() * eventsLeft < monitronLeft;
                            ApiCall call = monitron
                                    ? stories[a][r].next()
                                    : background.next(directories.get(a), regions.get(r));
                            ObjectNode event = assembler.assemble(call, time, regions.get(r), accounts.get(a));
                            output.write(event, call);
                            eventsLeft--;
                            if (monitron) {
                                monitronLeft--;
                                monitronWritten++;
                            }
                        }
                        output.endFile();
                    }
                }
            }
        }
        return new GenerationSummary(output.files(), spec.events() - eventsLeft, monitronWritten, output.bytes());
    }

    /**
     * A size drawn from the configured range, scaled so the remaining files share the remaining events: the total
     * comes out exact without a plan, and every remaining file can still get at least one event.
     */
    private static int fileSize(SeededRandom random, long eventsLeft, long filesLeft, double meanFileSize) {
        if (filesLeft == 1) {
            return Math.toIntExact(eventsLeft);
        }
        double drawn = random.between((int) Math.max(1, meanFileSize * 0.5), (int) Math.max(1, meanFileSize * 1.5));
        long size = Math.round(drawn * ((double) eventsLeft / filesLeft) / meanFileSize);
        return (int) Math.max(1, Math.min(size, eventsLeft - (filesLeft - 1)));
    }

    private static List<Instant> eventTimes(SeededRandom random, Instant windowStart, int size) {
        int[] seconds = new int[size];
        for (int i = 0; i < size; i++) {
            seconds[i] = random.below((int) WINDOW.toSeconds());
        }
        Arrays.sort(seconds);
        List<Instant> times = new ArrayList<>(size);
        for (int second : seconds) {
            times.add(windowStart.plusSeconds(second));
        }
        return times;
    }

    private EventOutput open(SeededRandom random) throws IOException {
        return switch (spec.format()) {
            case TRAIL ->
                new TrailFolderOutput(
                        spec.outputDirectory(),
                        spec.organizationId(),
                        spec.accounts().get(0),
                        spec.gzip(),
                        mapper,
                        // the layout's own stream: file names and digests must not shift the events
                        new SeededRandom(spec.seed() * 0x9E3779B97F4A7C15L + 1));
            case LOOKUP_EVENTS -> new LookupEventsOutput(spec.outputDirectory(), spec.gzip(), mapper);
            case EVENTBRIDGE -> new EventBridgeOutput(spec.outputDirectory(), spec.gzip(), mapper);
        };
    }
}
