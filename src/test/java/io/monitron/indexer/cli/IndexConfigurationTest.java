package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.app.IndexConfiguration;
import io.monitron.indexer.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The options of {@code index} as one validated configuration, and the state scope it gives. */
class IndexConfigurationTest {
    @TempDir
    static Path temp;

    private static IndexConfiguration configuration(String... args) {
        CommandLine commandLine = Main.commandLine(new Environment(Map.of("ES_URL", "http://127.0.0.1:9")));
        List<String> all = new ArrayList<>(List.of("index"));
        all.addAll(List.of(args));
        CommandLine.ParseResult parsed = commandLine.parseArgs(all.toArray(String[]::new));
        IndexCommand command = (IndexCommand) parsed.subcommand().commandSpec().userObject();
        return command.configuration();
    }

    /** Each selection option, with two values that select different documents or send them elsewhere. */
    static Stream<List<String>> selections() {
        return Stream.of(
                List.of("--account", "111122223333"),
                List.of("--account", "444455556666"),
                List.of("--region", "eu-west-1"),
                List.of("--event-source", "kms.amazonaws.com"),
                List.of("--all-events"),
                List.of("--from", "2026-10-01"),
                List.of("--to", "2026-10-01"),
                List.of("--index-prefix", "other"),
                List.of("--no-original"));
    }

    static Stream<List<String>> inputs() {
        return Stream.of(List.of("--path", "TRAIL"), List.of("--s3", "s3://bucket/prefix"), List.of("--lookup-events"));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void everySelectionHasAStateScopeOfItsOwnAndTheSameRunTheSameScope(List<String> given) throws Exception {
        Path trail = Files.createDirectories(temp.resolve("trail"));
        List<String> input = given.stream()
                .map(a -> a.equals("TRAIL") ? trail.toString() : a)
                .toList();
        Set<String> scopes = new HashSet<>();
        String plain = configuration(input.toArray(String[]::new)).stateScope();
        scopes.add(plain);
        selections().forEach(selection -> {
            if (input.contains("--lookup-events") && selection.contains("--all-events")) {
                return; // Event History reads one event source
            }
            List<String> args = new ArrayList<>(input);
            args.addAll(selection);
            String scope = configuration(args.toArray(String[]::new)).stateScope();
            assertThat(scopes.add(scope))
                    .as("scope of %s is new: %s", args, scope)
                    .isTrue();
            assertThat(configuration(args.toArray(String[]::new)).stateScope())
                    .as("the same run, the same scope")
                    .isEqualTo(scope);
        });
    }

    @Test
    void theDefaultSelectionKeepsTheScopeOfEarlierVersions() throws Exception {
        Path trail = Files.createDirectories(temp.resolve("trail"));
        assertThat(configuration("--path", trail.toString()).stateScope())
                .isEqualTo("path:" + trail.toAbsolutePath().normalize());
        assertThat(configuration("--s3", "s3://bucket/prefix").stateScope()).isEqualTo("s3://bucket/prefix");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> configuration(
                        "--path",
                        temp.resolve("missing").toString(),
                        "--dry-run",
                        "--output",
                        "x.ndjson",
                        "--concurrency",
                        "0",
                        "--state-index",
                        "UPPER",
                        "--from",
                        "yesterday"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining("--dry-run and --output exclude each other")
                .hasMessageContaining("--concurrency")
                .hasMessageContaining("--state-index")
                .hasMessageContaining("--from");
    }

    @Test
    void anUnwritableSummaryIsReportedBeforeTheRun() throws Exception {
        Path trail = Files.createDirectories(temp.resolve("trail"));
        assertThatThrownBy(() -> configuration(
                        "--path",
                        trail.toString(),
                        "--summary-json",
                        temp.resolve("no/such/folder/s.json").toString()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--summary-json")
                .hasMessageContaining("folder does not exist");
    }

    @Test
    void repeatableOptionsTakeCommaLists() throws Exception {
        Path trail = Files.createDirectories(temp.resolve("trail"));
        IndexConfiguration config = configuration(
                "--path",
                trail.toString(),
                "--account",
                "111122223333,444455556666",
                "--region",
                "eu-west-1,us-east-1",
                "--event-source",
                "monitron.amazonaws.com,kms.amazonaws.com");

        assertThat(config.filter().accounts()).containsExactlyInAnyOrder("111122223333", "444455556666");
        assertThat(config.filter().regions()).containsExactlyInAnyOrder("eu-west-1", "us-east-1");
        assertThat(config.filter().eventSources())
                .containsExactlyInAnyOrder("monitron.amazonaws.com", "kms.amazonaws.com");
    }

    @Test
    void anAccountIdThatIsNotTwelveDigitsIsRefused() throws Exception {
        Path trail = Files.createDirectories(temp.resolve("trail"));
        assertThatThrownBy(() -> configuration("--path", trail.toString(), "--account", "1111-2222-3333"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--account 1111-2222-3333 is not an AWS account id (12 digits)");
    }
}
