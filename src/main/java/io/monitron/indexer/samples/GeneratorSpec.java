package io.monitron.indexer.samples;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to generate. Two equal specs produce byte-identical output.
 *
 * @param outputDirectory where the files go (created if missing)
 * @param seed the seed of every random choice; print it so a run can be reproduced
 * @param start the first UTC day of activity
 * @param days how many days of activity
 * @param events the total number of events, Monitron and others
 * @param monitronShare the fraction of events that are Monitron events, {@code 0..1}
 * @param accounts the 12-digit account ids, each with its own principals and Monitron story
 * @param regions the regions every account is active in
 * @param organizationId an organization id ({@code o-} and 10 to 32 lower-case letters or digits) for an organization
 *     trail layout, or null for a single-account layout
 * @param minEventsPerFile the fewest events a log file usually holds
 * @param maxEventsPerFile the most events a log file usually holds (the last file may take a few more)
 * @param gzip whether to gzip the files, as CloudTrail always does
 * @param format the output layout
 * @param addresses which source addresses the events carry ({@link AddressMode#DOCUMENTATION} unless told)
 */
public record GeneratorSpec(
        Path outputDirectory,
        long seed,
        LocalDate start,
        int days,
        long events,
        double monitronShare,
        List<String> accounts,
        List<String> regions,
        String organizationId,
        int minEventsPerFile,
        int maxEventsPerFile,
        boolean gzip,
        OutputFormat format,
        AddressMode addresses) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /** The regions where Amazon Monitron is offered. */
    public static final List<String> MONITRON_REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");

    public GeneratorSpec {
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(addresses, "addresses");
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
        List<String> problems = new ArrayList<>();
        if (days < 1) {
            problems.add("days must be at least 1, was " + days);
        }
        if (events < 0) {
            problems.add("events must not be negative, was " + events);
        }
        if (!(monitronShare >= 0 && monitronShare <= 1)) {
            problems.add("the Monitron share must be between 0 and 1, was " + monitronShare);
        }
        if (accounts.isEmpty()) {
            problems.add("give at least one account");
        }
        for (String account : accounts) {
            if (!ACCOUNT_ID.matcher(account).matches()) {
                problems.add("an account id has 12 digits, '" + account + "' does not");
            }
        }
        if (new HashSet<>(accounts).size() != accounts.size()) {
            problems.add("account ids must be distinct: " + accounts);
        }
        if (regions.isEmpty()) {
            problems.add("give at least one region");
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                problems.add("'" + region + "' is not a region name like us-east-1");
            }
        }
        if (new HashSet<>(regions).size() != regions.size()) {
            problems.add("regions must be distinct: " + regions);
        }
        if (organizationId != null && !ORGANIZATION_ID.matcher(organizationId).matches()) {
            problems.add("an organization id looks like o-a1b2c3d4e5, '" + organizationId + "' does not");
        }
        if (minEventsPerFile < 1 || maxEventsPerFile < minEventsPerFile) {
            problems.add("events per file must be a range MIN-MAX with 1 <= MIN <= MAX, was " + minEventsPerFile + "-"
                    + maxEventsPerFile);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid generator settings: " + String.join("; ", problems));
        }
    }

    /** A spec with documentation addresses, as the committed samples and the default benchmark corpora have. */
    public GeneratorSpec(
            Path outputDirectory,
            long seed,
            LocalDate start,
            int days,
            long events,
            double monitronShare,
            List<String> accounts,
            List<String> regions,
            String organizationId,
            int minEventsPerFile,
            int maxEventsPerFile,
            boolean gzip,
            OutputFormat format) {
        this(
                outputDirectory,
                seed,
                start,
                days,
                events,
                monitronShare,
                accounts,
                regions,
                organizationId,
                minEventsPerFile,
                maxEventsPerFile,
                gzip,
                format,
                AddressMode.DOCUMENTATION);
    }

    public Optional<String> organization() {
        return Optional.ofNullable(organizationId);
    }

    /**
     * Account ids for {@code count} accounts, derived from the seed so that they differ between seeds but not
     * between runs.
     */
    public static List<String> accountIds(int count, long seed) {
        if (count < 1 || count > 1000) {
            throw new IllegalArgumentException("the account count must be between 1 and 1000, was " + count);
        }
        SeededRandom random = new SeededRandom(seed ^ 0x5DEECE66DL);
        List<String> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            String id = String.valueOf(100_000_000_000L + (long) (random.fraction() * 899_999_999_999L));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A copy writing to another directory, for tests and the multi-format sample. */
    public GeneratorSpec withOutputDirectory(Path directory) {
        return new GeneratorSpec(
                directory,
                seed,
                start,
                days,
                events,
                monitronShare,
                accounts,
                regions,
                organizationId,
                minEventsPerFile,
                maxEventsPerFile,
                gzip,
                format,
                addresses);
    }

    /** A copy whose events carry {@code mode}'s source addresses. */
    public GeneratorSpec withAddresses(AddressMode mode) {
        return new GeneratorSpec(
                outputDirectory,
                seed,
                start,
                days,
                events,
                monitronShare,
                accounts,
                regions,
                organizationId,
                minEventsPerFile,
                maxEventsPerFile,
                gzip,
                format,
                mode);
    }
}
