package io.monitron.indexer.testing;

import io.monitron.indexer.local.NodeOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One Elasticsearch node run from the local distribution, in its own copy under
 * {@code target/es-instances/<name>/elasticsearch} (copied once, reused by later runs), with fresh data, logs and
 * temporary folders on every start, random ports ({@code http.port: 0}, read back from the ports file), and its
 * console in {@code target/es-instances/<name>/console.log}.
 *
 * <p>The node runs under a small shell watchdog that holds a pipe from this JVM: when the JVM exits in any way,
 * even {@code kill -9}, the pipe closes and the watchdog stops the node, so no node outlives the test JVM.
 */
final class LocalNode implements Backend {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String ADMIN_USERNAME = "admin";
    private static final String HEAP = "-Xms512m -Xmx512m";
    private static final String COPY_MARKER = ".es-fixture-copy-of";

    // fd 3 keeps this JVM's pipe; the node gets /dev/null as stdin and no fd 3. The watcher sees EOF when the JVM
    // closes the pipe (stop) or dies, and stops the node; when the node exits by itself the watcher is ended.
    private static final String WATCHDOG = String.join(
            "\n",
            "exec 3<&0",
            "bin/elasticsearch </dev/null 3<&- &",
            "es=$!",
            "( while read -r _ <&3; do :; done; kill -TERM \"$es\" 2>/dev/null ) >/dev/null 2>&1 &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$es\"",
            "status=$?",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");

    private final String name;
    private final Path instanceDir;
    private final Process process;
    private final ConsoleLog console;
    private final URI url;
    private final Optional<Credentials> admin;
    private final Optional<Path> caCertificate;
    private final Optional<FileRealm> fileRealm;

    private LocalNode(
            String name,
            Path instanceDir,
            Process process,
            ConsoleLog console,
            URI url,
            Optional<Credentials> admin,
            Optional<Path> caCertificate,
            Optional<FileRealm> fileRealm) {
        this.name = name;
        this.instanceDir = instanceDir;
        this.process = process;
        this.console = console;
        this.url = url;
        this.admin = admin;
        this.caCertificate = caCertificate;
        this.fileRealm = fileRealm;
    }

    /**
     * Prepares the instance and starts the node; returns once it has logged "started" and its HTTP port is known.
     *
     * @throws IllegalStateException if it exits or does not start within {@link #STARTUP_TIMEOUT}; the message has
     *     the log path and its tail
     */
    static LocalNode start(FixtureKind kind, LocalDistribution distribution) {
        NodeOwner owner = NodeOwner.forThisJvm();
        Path javaHome = Path.of(System.getProperty("java.home"));
        String name = kind.instanceName();
        Path instanceDir = distribution.instancesRoot().resolve(name);
        Path home = instanceDir.resolve("elasticsearch");
        Path consoleFile = instanceDir.resolve("console.log");

        copyOnce(distribution, home);
        resetState(distribution, instanceDir, home);
        writeSettings(kind, instanceDir, home);
        Optional<Path> caCertificate = kind.tls()
                ? Optional.of(
                        TestCertificates.create(home.resolve("config/certs")).caCertificate())
                : Optional.empty();
        owner.own(instanceDir);

        Optional<Credentials> admin = Optional.empty();
        Optional<FileRealm> fileRealm = Optional.empty();
        if (kind.security()) {
            FileRealm realm = new FileRealm(home, javaHome, owner);
            Credentials superuser = new Credentials(ADMIN_USERNAME, randomPassword());
            realm.addUser(superuser.username(), superuser.password(), List.of("superuser"));
            admin = Optional.of(superuser);
            fileRealm = Optional.of(realm);
        }

        ProcessBuilder builder = new ProcessBuilder(owner.command(List.of("sh", "-c", WATCHDOG)))
                .directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("ES_JAVA_HOME", javaHome.toString());
        builder.environment().put("ES_JAVA_OPTS", HEAP);
        builder.environment().put("ES_TMPDIR", instanceDir.resolve("tmp").toString());
        builder.environment().remove("ES_PATH_CONF");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Elasticsearch from " + home, e);
        }
        ConsoleLog console = ConsoleLog.follow(process.getInputStream(), consoleFile, name);
        fileRealm.ifPresent(realm -> realm.attach(console));

        awaitStarted(name, process, console);
        String scheme = kind.tls() ? "https" : "http";
        URI url = URI.create(scheme + "://" + httpAddress(instanceDir, name, process, console));
        return new LocalNode(name, instanceDir, process, console, url, admin, caCertificate, fileRealm);
    }

    private static void awaitStarted(String name, Process process, ConsoleLog console) {
        CompletableFuture<Object> startedOrExited = CompletableFuture.anyOf(console.started(), process.onExit());
        try {
            startedOrExited.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stop(process, console);
            throw startupFailure(name, "did not start within " + STARTUP_TIMEOUT.toSeconds() + " s", console);
        } catch (InterruptedException e) {
            stop(process, console);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Elasticsearch node " + name, e);
        } catch (ExecutionException e) {
            stop(process, console);
            throw new IllegalStateException(e.getCause());
        }
        if (!console.started().isDone()) {
            // the console may still be flushing the last lines that say why
            console.ended().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
            throw startupFailure(name, "exited with code " + process.exitValue() + " before it started", console);
        }
    }

    private static String httpAddress(Path instanceDir, String name, Process process, ConsoleLog console) {
        // written by the node (node.portsfile) before it logs "started"
        Path portsFile = instanceDir.resolve("logs/http.ports");
        try (Stream<String> lines = Files.lines(portsFile)) {
            return lines.filter(address -> address.startsWith("127.0.0.1:"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no IPv4 address in " + portsFile));
        } catch (IOException | RuntimeException e) {
            stop(process, console);
            throw startupFailure(name, "started but its HTTP port is unknown (" + e.getMessage() + ")", console);
        }
    }

    private static IllegalStateException startupFailure(String name, String what, ConsoleLog console) {
        return new IllegalStateException("Elasticsearch node '" + name + "' " + what + "; log: " + console.file()
                + "\n--- last lines ---\n" + ConsoleLog.tail(console.file(), 40));
    }

    private static void copyOnce(LocalDistribution distribution, Path home) {
        Path marker = home.resolve(COPY_MARKER);
        String origin = distribution.home() + " " + distribution.version();
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(origin)) {
                return;
            }
            deleteTree(home);
            Files.createDirectories(home);
            copyTree(distribution.home(), home);
            Files.writeString(marker, origin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + distribution.home() + " to " + home, e);
        }
    }

    // Every start is a fresh cluster: tests must not see a previous run's indices or users.
    private static void resetState(LocalDistribution distribution, Path instanceDir, Path home) {
        try {
            for (String folder : List.of("data", "logs", "tmp")) {
                deleteTree(instanceDir.resolve(folder));
                Files.createDirectories(instanceDir.resolve(folder));
            }
            deleteTree(home.resolve("config/certs"));
            Files.deleteIfExists(home.resolve("config/elasticsearch.keystore"));
            for (String file : List.of("users", "users_roles", "roles.yml")) {
                Files.copy(
                        distribution.home().resolve("config").resolve(file),
                        home.resolve("config").resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset " + instanceDir, e);
        }
    }

    private static void writeSettings(FixtureKind kind, Path instanceDir, Path home) {
        StringBuilder yaml = new StringBuilder()
                .append("# written by ElasticsearchFixture on every start\n")
                .append("cluster.name: es-fixture-")
                .append(kind.instanceName())
                .append('\n')
                .append("node.name: ")
                .append(kind.instanceName())
                .append('\n')
                .append("path.data: ")
                .append(instanceDir.resolve("data"))
                .append('\n')
                .append("path.logs: ")
                .append(instanceDir.resolve("logs"))
                .append('\n')
                .append("network.host: 127.0.0.1\n")
                // random free ports, read back from logs/http.ports: no race with other test JVMs on the machine
                .append("http.port: 0\n")
                .append("transport.port: 0\n")
                .append("node.portsfile: true\n")
                .append("discovery.type: single-node\n")
                // a full-ish build disk must not make indices read-only mid-test
                .append("cluster.routing.allocation.disk.threshold_enabled: false\n")
                // tests clean up with wildcards
                .append("action.destructive_requires_name: false\n")
                .append("xpack.security.enabled: ")
                .append(kind.security())
                .append('\n');
        if (kind.security()) {
            // the file realm picks up users and roles added while the node runs within about a second
            yaml.append("resource.reload.interval.high: 1s\n");
        }
        if (kind.tls()) {
            yaml.append("xpack.security.http.ssl.enabled: true\n")
                    .append("xpack.security.http.ssl.certificate: certs/node.crt\n")
                    .append("xpack.security.http.ssl.key: certs/node.key\n")
                    .append("xpack.security.http.ssl.certificate_authorities: [ \"certs/ca.crt\" ]\n");
        }
        Path settings = home.resolve("config/elasticsearch.yml");
        try {
            Files.writeString(settings, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settings, e);
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    @Override
    public String description() {
        return "local distribution at " + instanceDir.resolve("elasticsearch") + " (log: " + console.file() + ")";
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public Optional<Credentials> admin() {
        return admin;
    }

    @Override
    public Optional<Path> caCertificate() {
        return caCertificate;
    }

    @Override
    public Optional<FileRealm> fileRealm() {
        return fileRealm;
    }

    @Override
    public boolean isLocalDistribution() {
        return true;
    }

    /** The watchdog process and everything under it, for tests that check nothing is left running. */
    List<ProcessHandle> processTree() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .toList();
    }

    @Override
    public void stop() {
        stop(process, console);
    }

    private static void stop(Process process, ConsoleLog console) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        try {
            process.getOutputStream().close(); // the watchdog stops the node gracefully
        } catch (IOException ignored) {
            // already closed: the watchdog has been told
        }
        CompletableFuture<?> allExited =
                CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
        try {
            allExited.get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalNode[" + name + " " + url + "]";
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
