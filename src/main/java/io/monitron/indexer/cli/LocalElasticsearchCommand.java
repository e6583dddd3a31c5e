package io.monitron.indexer.cli;

import io.monitron.indexer.local.Distribution;
import io.monitron.indexer.local.LocalElasticsearch;
import io.monitron.indexer.local.NodeFiles;
import io.monitron.indexer.local.RunningNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Starts, stops and describes a local single-node Elasticsearch for trying the indexer without a cluster. */
@Command(
        name = "local-elasticsearch",
        mixinStandardHelpOptions = true,
        description = {
            "A local single-node Elasticsearch of your own: security on (user elastic, generated password in a"
                    + " mode-600 file), on 127.0.0.1 only, data kept between starts, running in the background.",
            "Runs the distribution the build unpacks for the tests (target/es-dist); run from the repository root."
        },
        subcommands = {
            LocalElasticsearchCommand.Start.class,
            LocalElasticsearchCommand.Stop.class,
            LocalElasticsearchCommand.Status.class
        })
final class LocalElasticsearchCommand implements Runnable {
    private static final String JAR = "bin/monitron-cloudtrail-indexer";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class StateDirOption {
        @Option(
                names = "--state-dir",
                paramLabel = "DIR",
                description = "Where the node's files, password and data are (default: .local-elasticsearch).")
        Path stateDir = LocalElasticsearch.DEFAULT_STATE_DIR;

        LocalElasticsearch node() {
            return LocalElasticsearch.in(stateDir);
        }

        /** The option as the user must repeat it in the printed commands; empty for the default. */
        String asArgument() {
            return stateDir.equals(LocalElasticsearch.DEFAULT_STATE_DIR) ? "" : " --state-dir " + stateDir;
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Starts the node and waits until it answers; reuses it if it already runs.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateDirOption state = new StateDirOption();

        @Option(
                names = "--distribution",
                paramLabel = "DIR",
                description = "Unpacked Elasticsearch distribution to copy on the first start (default: the one in"
                        + " target/es-dist).")
        Path distribution;

        @Option(
                names = "--port",
                paramLabel = "PORT",
                description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 for any free port).")
        int port = LocalElasticsearch.DEFAULT_PORT;

        @Option(
                names = "--heap",
                paramLabel = "SIZE",
                description = "JVM heap of the node (default: ${DEFAULT-VALUE}).")
        String heap = LocalElasticsearch.DEFAULT_HEAP;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LocalElasticsearch local = state.node();
            if (local.pid().isEmpty()) {
                out.println("starting Elasticsearch in " + shown(local.files().nodeDir())
                        + " (the first start takes a minute or two) ...");
                out.flush();
            }
            RunningNode node = local.start(
                    () -> distribution == null ? Distribution.unpackedByTheBuild() : Distribution.at(distribution),
                    port,
                    heap);
            out.println("Elasticsearch " + node.version() + (node.reused() ? " already runs at " : " started at ")
                    + node.url() + " (pid " + node.pid() + "), user elastic, password in "
                    + shown(local.files().passwordFile()));
            out.println("use it with the indexer: . " + shown(local.files().envFile()) + "; how to query it, Kibana:"
                    + " local-elasticsearch status" + state.asArgument() + "; stop it: local-elasticsearch stop"
                    + state.asArgument());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stops the node (its data stays for the next start).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateDirOption state = new StateDirOption();

        @Override
        public Integer call() {
            LocalElasticsearch local = state.node();
            boolean wasRunning = local.stop();
            spec.commandLine()
                    .getOut()
                    .println((wasRunning ? "stopped Elasticsearch" : "Elasticsearch was not running")
                            + "; its data stays in " + shown(local.files().nodeDir())
                            + " (delete " + shown(local.files().stateDir()) + " to start afresh)");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Says whether the node runs and how to use it: the indexer, curl, Kibana, stop.",
                "Exit code 0 if it runs and answers, 1 if not."
            })
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StateDirOption state = new StateDirOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            LocalElasticsearch local = state.node();
            Optional<RunningNode> running = local.status();
            if (running.isEmpty()) {
                Optional<Long> pid = local.pid();
                out.println(
                        pid.isPresent()
                                ? "Elasticsearch runs (pid " + pid.get() + ") but does not answer with the password in "
                                        + shown(local.files().passwordFile()) + "; its log is in "
                                        + shown(local.files().logs())
                                : "Elasticsearch is not running; start it: " + JAR + " local-elasticsearch start"
                                        + state.asArgument());
                return ExitCodes.COULD_NOT_RUN;
            }
            printGuide(out, running.get(), local.files(), state.asArgument());
            return ExitCodes.OK;
        }
    }

    static void printGuide(PrintWriter out, RunningNode node, NodeFiles files, String stateArgument) {
        String netrc = shown(files.netrcFile());
        String env = ". " + shown(files.envFile());
        out.println("Elasticsearch " + node.version() + " runs at " + node.url() + " (pid " + node.pid()
                + "), security on, listening on 127.0.0.1 only.");
        out.println("  user:       elastic, password in " + shown(files.passwordFile()) + " (readable only by you)");
        out.println("  data, logs: " + shown(files.nodeDir()));
        out.println();
        out.println("Index with it:   " + env + " && " + JAR + " index --path DIR");
        out.println("Query it:        curl -s --netrc-file " + netrc + " '" + node.url()
                + "/monitron-cloudtrail-*/_search?size=1&sort=@timestamp:desc&pretty'");
        out.println("Count documents: curl -s --netrc-file " + netrc + " '" + node.url()
                + "/monitron-cloudtrail-*/_count?pretty'");
        out.println("Kibana:          docker run -d --name monitron-kibana --network host --env-file "
                + shown(files.kibanaEnvFile()) + " docker.elastic.co/kibana/kibana:" + node.version());
        out.println("  then, once http://localhost:5601 answers, import the dashboards and log in as elastic:");
        out.println("                 " + env + " && " + JAR + " setup --kibana-url http://localhost:5601");
        out.println("Stop it:         " + JAR + " local-elasticsearch stop" + stateArgument
                + "   (data stays; start it again with local-elasticsearch start)");
    }

    /** A path as the user would type it: relative when it is under the working folder. */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }
}
