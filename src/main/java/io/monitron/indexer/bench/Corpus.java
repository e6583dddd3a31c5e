package io.monitron.indexer.bench;

import io.monitron.indexer.samples.AddressMode;
import io.monitron.indexer.samples.GenerationSummary;
import io.monitron.indexer.samples.GeneratorSpec;
import io.monitron.indexer.samples.OutputFormat;
import io.monitron.indexer.samples.TrailGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A generated benchmark corpus: a trail-layout folder written by the sample generator with its defaults (3 accounts,
 * the 3 Monitron regions, 28 days from 2026-10-01, 20-200 events a file, gzipped), identified by events, Monitron
 * share, seed and address mode, so that the same folder name always holds the same bytes and can be reused between
 * runs. The address mode is {@link AddressMode#DOCUMENTATION} (the generator's default) unless a part asks for public
 * addresses (the {@code geoip} part).
 */
public record Corpus(long events, double monitronShare, long seed, AddressMode addresses) {
    public Corpus {
        java.util.Objects.requireNonNull(addresses, "addresses");
    }

    /** A corpus with the generator's documentation addresses. */
    public Corpus(long events, double monitronShare, long seed) {
        this(events, monitronShare, seed, AddressMode.DOCUMENTATION);
    }

    public String folderName() {
        String name = String.format(Locale.ROOT, "corpus-%d-%s-seed%d", events, share(), seed);
        return addresses == AddressMode.DOCUMENTATION
                ? name
                : name + "-" + addresses.name().toLowerCase(Locale.ROOT);
    }

    /** The share as written in names and titles: {@code 2%}, {@code 0.05%}. */
    public String share() {
        return java.math.BigDecimal.valueOf(monitronShare * 100)
                        .stripTrailingZeros()
                        .toPlainString() + "%";
    }

    /**
     * The corpus folder under {@code workDir}, generated first when it is not there (into a temporary folder renamed
     * when complete, so an interrupted generation is not mistaken for a corpus).
     */
    public Path materialize(Path workDir, PrintWriter log) {
        Path folder = workDir.resolve(folderName().replace("%", "pct"));
        if (Files.isDirectory(folder)) {
            log.printf("corpus %s: reusing %s%n", describe(), folder);
            return folder;
        }
        Path partial = workDir.resolve(folder.getFileName() + ".partial");
        try {
            Files.createDirectories(workDir);
            if (Files.exists(partial)) {
                try (var walk = Files.walk(partial)) {
                    for (Path p :
                            walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            log.printf("corpus %s: generating into %s (seed %d) ...%n", describe(), folder, seed);
            log.flush();
            GenerationSummary summary = new TrailGenerator(new GeneratorSpec(
                            partial,
                            seed,
                            LocalDate.of(2026, 10, 1),
                            28,
                            events,
                            monitronShare,
                            GeneratorSpec.accountIds(3, seed),
                            List.of("us-east-1", "eu-west-1", "ap-southeast-2"),
                            null,
                            20,
                            200,
                            true,
                            OutputFormat.TRAIL,
                            addresses))
                    .generate();
            Files.move(partial, folder);
            log.println("  " + summary.describe(seed));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the corpus " + folder, e);
        }
    }

    public String describe() {
        String text = events + " events, " + share() + " Monitron, seed " + seed;
        return addresses == AddressMode.DOCUMENTATION
                ? text
                : text + ", " + addresses.name().toLowerCase(Locale.ROOT) + " source addresses";
    }
}
