package io.monitron.indexer.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code java -jar monitron-cloudtrail-indexer.jar COMMAND [OPTIONS]}. */
@Command(
        name = "monitron-cloudtrail-indexer",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Indexes Amazon Monitron CloudTrail events into Elasticsearch as flat, typed documents.")
public final class Main implements Runnable {
    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            IndexCommand.class,
            SetupCommand.class,
            GenerateCommand.class,
            BenchmarkCommand.class,
            LocalElasticsearchCommand.class,
            VersionCommand.class,
            CommandLine.HelpCommand.class);

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, Environment.system(), System.out, System.err));
    }

    /** For tests that run commands in-process: leave the JVM's signal handling alone. */
    public static void doNotHandleSignals() {
        IndexCommand.installSignalHandlers = false;
    }

    /** Runs one command and returns its exit code; the testable entry point. */
    public static int run(String[] args, Environment env, PrintStream out, PrintStream err) {
        CommandLine commandLine = commandLine(env, args);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** The command line with every command. */
    static CommandLine commandLine(Environment env) {
        return commandLine(env, new String[0]);
    }

    /**
     * The command line for these arguments: when they start with a command's name, only that command is built (picocli
     * reflects over every command it is given, and a fresh process should not pay for the others); else all of them.
     */
    static CommandLine commandLine(Environment env, String[] args) {
        Factory factory = new Factory(env);
        CommandLine commandLine = new CommandLine(new Main(), factory);
        String first = args.length > 0 ? args[0] : "";
        List<Class<?>> wanted = COMMANDS.stream()
                .filter(c ->
                        !c.equals(CommandLine.HelpCommand.class) && nameOf(c).equals(first))
                .toList();
        for (Class<?> command : wanted.isEmpty() ? COMMANDS : wanted) {
            try {
                commandLine.addSubcommand(nameOf(command), factory.create(command));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the command " + command.getSimpleName(), e);
            }
        }
        commandLine.setExitCodeExceptionMapper(new ExitCodes());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            cl.getErr().println("error: " + e.getMessage());
            return cl.getExitCodeExceptionMapper().getExitCode(e);
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"monitron-cloudtrail-indexer " + version()};
        }
    }

    /** Creates commands, handing the environment to those that take it. */
    private record Factory(Environment env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> constructor : cls.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Environment.class) {
                    constructor.setAccessible(true);
                    return cls.cast(constructor.newInstance(env));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
