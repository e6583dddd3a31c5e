package io.monitron.indexer.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line tools of the node's copy of the distribution, run as the node's owner. Secrets go to them on
 * standard input or come back on standard output, never on a command line.
 */
final class DistributionTools {

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern SERVICE_TOKEN = Pattern.compile("SERVICE_TOKEN \\S+ = (\\S+)");

    private final Path home;
    private final Path javaHome;
    private final NodeOwner owner;

    DistributionTools(Path home, Path javaHome, NodeOwner owner) {
        this.home = home;
        this.javaHome = javaHome;
        this.owner = owner;
    }

    /** Sets the password of the built-in user {@code elastic} ({@code bootstrap.password} in the keystore). */
    void setElasticPassword(String password) {
        run(List.of("elasticsearch-keystore", "add", "--force", "--stdin", "bootstrap.password"), password);
    }

    /** Creates a file-based token for Kibana's service account {@code elastic/kibana} and returns it. */
    String createKibanaServiceToken(String name) {
        String output = run(List.of("elasticsearch-service-tokens", "create", "elastic/kibana", name), "");
        Matcher token = SERVICE_TOKEN.matcher(output);
        if (!token.find()) {
            throw new LocalNodeException("elasticsearch-service-tokens printed no token");
        }
        return token.group(1);
    }

    // the output is never put in a message: it may hold a token
    private String run(List<String> tool, String input) {
        List<String> command = new ArrayList<>(tool);
        command.set(0, home.resolve("bin").resolve(tool.get(0)).toString());
        ProcessBuilder builder = new ProcessBuilder(owner.command(command))
                .directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("ES_JAVA_HOME", javaHome.toString());
        builder.environment().remove("ES_PATH_CONF");
        builder.environment().remove("ES_JAVA_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new LocalNodeException(tool.get(0) + " did not finish within " + TOOL_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new LocalNodeException(String.join(" ", tool.subList(0, 2)) + " failed with exit code "
                        + process.exitValue() + " (in " + home + ")");
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while running " + tool.get(0), e);
        }
    }
}
