package io.monitron.indexer.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.local.NodeOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Users and roles of a local node's file realm: {@code config/users}, {@code config/users_roles} (written by
 * {@code bin/elasticsearch-users}) and {@code config/roles.yml}. The minimal distribution has no native realm (its
 * {@code .security} index needs an analysis plugin that is not there), so this is how tests get least-privilege users.
 *
 * <p>A running node reloads these files on a timer ({@code resource.reload.interval.high}, set to 1 s by the
 * fixture); {@link #putRole} waits for the reload, callers of {@link #addUser} wait for the user to authenticate.
 */
final class FileRealm {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Path javaHome;
    private final NodeOwner owner;
    private final Map<String, String> roles = new LinkedHashMap<>();
    private ConsoleLog console;

    FileRealm(Path home, Path javaHome, NodeOwner owner) {
        this.home = home;
        this.javaHome = javaHome;
        this.owner = owner;
    }

    /** Connects the realm to the running node's console, so role changes can wait for the node to reload them. */
    void attach(ConsoleLog console) {
        this.console = console;
    }

    /** Adds a user, or replaces its password and roles if it exists. */
    synchronized void addUser(String username, String password, List<String> userRoles) {
        List<String> add = new ArrayList<>(List.of("useradd", username, "-p", password));
        if (!userRoles.isEmpty()) {
            add.addAll(List.of("-r", String.join(",", userRoles)));
        }
        ToolResult result = runUsersTool(add);
        if (result.exitCode() != 0 && result.output().contains("already exists")) {
            ToolResult deleted = runUsersTool(List.of("userdel", username));
            if (deleted.exitCode() != 0) {
                throw new IllegalStateException(
                        "elasticsearch-users userdel " + username + " failed: " + deleted.output());
            }
            result = runUsersTool(add);
        }
        if (result.exitCode() != 0) {
            throw new IllegalStateException("elasticsearch-users useradd " + username + " failed (exit "
                    + result.exitCode() + "): " + result.output());
        }
    }

    /**
     * Defines (or redefines) a role in {@code roles.yml}; {@code roleJson} is the body the role API takes
     * ({@code {"cluster":[...],"indices":[...]}}), which is valid YAML as it is. When the node is running, returns
     * once it has reloaded the file.
     */
    synchronized void putRole(String name, String roleJson) {
        String definition = compactObject(name, roleJson);
        if (definition.equals(roles.get(name))) {
            return;
        }
        roles.put(name, definition);
        StringBuilder yaml = new StringBuilder("# written by ElasticsearchFixture: one JSON (= YAML) role per line\n");
        roles.forEach((role, body) ->
                yaml.append(quoted(role)).append(": ").append(body).append('\n'));

        var reloaded = console == null ? null : console.nextRolesReload();
        Path rolesFile = home.resolve("config/roles.yml");
        try {
            Path next = Files.writeString(
                    Files.createTempFile(rolesFile.getParent(), "roles", ".yml.tmp"), yaml, StandardCharsets.UTF_8);
            owner.own(next);
            Files.move(next, rolesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rolesFile, e);
        }
        if (reloaded != null) {
            try {
                reloaded.get(RELOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the node did not reload " + rolesFile + " within " + RELOAD_TIMEOUT
                        + "; see " + console.file());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the roles reload", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /** Whether a role was defined through {@link #putRole}. */
    synchronized boolean definesRole(String name) {
        return roles.containsKey(name);
    }

    private static String compactObject(String name, String roleJson) {
        try {
            JsonNode role = JSON.readTree(roleJson);
            if (role == null || !role.isObject()) {
                throw new IllegalArgumentException("role " + name + " must be a JSON object, got: " + roleJson);
            }
            return JSON.writeValueAsString(role);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("role " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private record ToolResult(int exitCode, String output) {}

    // The password is on the command line of a short-lived local process; it is a random test password and the
    // command line never goes into a message.
    private ToolResult runUsersTool(List<String> arguments) {
        List<String> command =
                new ArrayList<>(List.of(home.resolve("bin/elasticsearch-users").toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(owner.command(command))
                .directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("ES_JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("ES_JAVA_OPTS");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // the tool writes little; reading to the end also waits for it to exit
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("elasticsearch-users " + arguments.get(0) + " did not finish within "
                        + TOOL_TIMEOUT + ": " + output);
            }
            return new ToolResult(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running elasticsearch-users", e);
        }
    }
}
