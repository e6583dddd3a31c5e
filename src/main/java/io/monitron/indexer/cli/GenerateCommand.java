package io.monitron.indexer.cli;

import io.monitron.indexer.samples.GenerationSummary;
import io.monitron.indexer.samples.GeneratorSpec;
import io.monitron.indexer.samples.OutputFormat;
import io.monitron.indexer.samples.TrailGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a realistic, reproducible CloudTrail corpus with Monitron activity: samples and benchmark input. */
@Command(
        name = "generate-samples",
        mixinStandardHelpOptions = true,
        description = {
            "Generates realistic CloudTrail events with Amazon Monitron activity mixed into other AWS activity,"
                    + " as a trail bucket folder (AWSLogs/...json.gz with digest files), lookup-events JSON or"
                    + " EventBridge NDJSON.",
            "The same options and seed always give the same bytes."
        })
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--start",
            defaultValue = "2026-10-01",
            paramLabel = "YYYY-MM-DD",
            description = "First UTC day of activity (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--days", defaultValue = "28", description = "Days of activity (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--events",
            defaultValue = "10000",
            paramLabel = "N",
            description = "Total number of events (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--monitron-share",
            defaultValue = "0.1",
            paramLabel = "0..1",
            description = "Fraction of the events that are Monitron events (default: ${DEFAULT-VALUE}).")
    double monitronShare;

    @Option(
            names = "--accounts",
            defaultValue = "3",
            paramLabel = "COUNT|ID,ID...",
            description = "Number of accounts (ids derived from the seed) or a comma-separated list of 12-digit"
                    + " account ids (default: ${DEFAULT-VALUE}).")
    String accounts;

    @Option(
            names = "--regions",
            defaultValue = "us-east-1,eu-west-1,ap-southeast-2",
            split = ",",
            description = "Comma-separated regions (default: the Monitron regions, ${DEFAULT-VALUE}).")
    List<String> regions;

    @Option(
            names = "--org-id",
            paramLabel = "o-...",
            description = "Organization id: writes an organization trail layout AWSLogs/o-.../ACCOUNT/...")
    String organizationId;

    @Option(
            names = "--events-per-file",
            defaultValue = "20-200",
            paramLabel = "MIN-MAX",
            description = "Usual range of events in one log file (default: ${DEFAULT-VALUE}).")
    String eventsPerFile;

    @Option(names = "--no-gzip", description = "Write plain .json files instead of .json.gz.")
    boolean noGzip;

    @Option(
            names = "--format",
            defaultValue = "trail",
            converter = FormatConverter.class,
            paramLabel = "trail|lookup-events|eventbridge",
            description = "Output layout (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        GeneratorSpec generatorSpec = toSpec();
        GenerationSummary summary = new TrailGenerator(generatorSpec).generate();
        spec.commandLine().getOut().println(summary.describe(seed));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private GeneratorSpec toSpec() {
        try {
            int[] range = Arrays.stream(eventsPerFile.split("-", 2))
                    .mapToInt(s -> Integer.parseInt(s.trim()))
                    .toArray();
            if (range.length != 2) {
                throw new IllegalArgumentException("--events-per-file takes MIN-MAX, e.g. 20-200");
            }
            return new GeneratorSpec(
                    out,
                    seed,
                    start,
                    days,
                    events,
                    monitronShare,
                    accountIds(),
                    regions,
                    organizationId,
                    range[0],
                    range[1],
                    !noGzip,
                    format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private List<String> accountIds() {
        String value = accounts.trim();
        if (value.matches("\\d{1,4}")) {
            return GeneratorSpec.accountIds(Integer.parseInt(value), seed);
        }
        return Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    static final class FormatConverter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(
                        value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "unknown format '" + value + "'; use trail, lookup-events or eventbridge");
            }
        }
    }
}
