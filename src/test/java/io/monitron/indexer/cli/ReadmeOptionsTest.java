package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README documents every command and every option: add an option, and this fails until the README says it. */
class ReadmeOptionsTest {
    @Test
    void everyCommandAndOptionIsInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        CommandLine root = Main.commandLine(new Environment(java.util.Map.of()));
        List<String> missing = new ArrayList<>();
        for (var entry : root.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            if (!readme.contains("`" + entry.getKey() + "`")) {
                missing.add("command " + entry.getKey());
            }
            for (CommandLine.Model.OptionSpec option :
                    entry.getValue().getCommandSpec().options()) {
                String name = option.longestName();
                if (name.equals("--help") || name.equals("--version")) {
                    continue;
                }
                if (!readme.contains("`" + name + "`") && !readme.contains("`" + name + " ")) {
                    missing.add(entry.getKey() + " " + name);
                }
            }
        }
        assertThat(missing).as("undocumented in README.md").isEmpty();
    }
}
