package io.monitron.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the command it names, and that command behaves as in the full command line. */
class OneCommandBuiltTest {
    private static final Environment ENV = new Environment(Map.of());

    private static String help(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        int exit = commandLine.execute(args);
        return exit + "\n" + out;
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuiltAndItsHelpIsUnchanged() {
        CommandLine full = Main.commandLine(ENV);
        for (String name : full.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine one = Main.commandLine(ENV, new String[] {name, "--help"});
            assertThat(one.getSubcommands().keySet()).as(name).containsExactly(name);
            assertThat(help(one, name, "--help")).isEqualTo(help(Main.commandLine(ENV), name, "--help"));
        }
    }

    @Test
    void helpVersionAndUnknownNamesGetEveryCommand() {
        int all = Main.commandLine(ENV).getSubcommands().size();
        assertThat(Main.commandLine(ENV, new String[] {"help", "index"}).getSubcommands())
                .hasSize(all);
        assertThat(Main.commandLine(ENV, new String[] {"--version"}).getSubcommands())
                .hasSize(all);
        assertThat(Main.commandLine(ENV, new String[] {"indx"}).getSubcommands())
                .hasSize(all);
        assertThat(help(Main.commandLine(ENV, new String[] {"help", "index"}), "help", "index"))
                .contains("Usage: monitron-cloudtrail-indexer index");
    }
}
