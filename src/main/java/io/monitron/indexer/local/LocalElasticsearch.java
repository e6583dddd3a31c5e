package io.monitron.indexer.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A single-node Elasticsearch of the user's own, for trying the indexer where no cluster is at hand: run from a copy
 * of an unpacked distribution, security on (the built-in user {@code elastic} with a generated password kept in a
 * mode-600 file), listening on 127.0.0.1 only, data kept between starts. It runs in the background, in a session of
 * its own, until {@link #stop} is called.
 *
 * <p>{@link #start} reuses a node that is already running from the same folder; the first start copies the
 * distribution and creates the secrets, later starts reuse them.
 */
public final class LocalElasticsearch {

    public static final int DEFAULT_PORT = 9200;
    public static final String DEFAULT_HEAP = "512m";
    public static final Path DEFAULT_STATE_DIR = Path.of(".local-elasticsearch");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final String ELASTIC = "elastic";
    private static final String KIBANA_TOKEN_NAME = "local";
    private static final String KIBANA_TOKEN_VARIABLE = "ELASTICSEARCH_SERVICEACCOUNTTOKEN";
    // the minimal distribution has no GET /; the nodes API answers the same question
    private static final String NODE_INFO = "/_nodes/_local?filter_path=nodes.*.version";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeFiles files;
    private final NodeOwner owner;
    private final Path javaHome;
    private final HttpClient http;

    private LocalElasticsearch(NodeFiles files, NodeOwner owner, Path javaHome) {
        this.files = files;
        this.owner = owner;
        this.javaHome = javaHome;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** The node whose files are in {@code stateDir}; nothing is started or created yet. */
    public static LocalElasticsearch in(Path stateDir) {
        NodeOwner owner = NodeOwner.forThisJvm();
        return new LocalElasticsearch(NodeFiles.in(stateDir, owner), owner, Path.of(System.getProperty("java.home")));
    }

    public NodeFiles files() {
        return files;
    }

    /** The node, if its process runs; it may not answer yet (or refuse the password in its files). */
    public Optional<Long> pid() {
        return process().map(ProcessHandle::pid);
    }

    /** The node, if it runs and answers with the password in {@link NodeFiles#passwordFile()}. */
    public Optional<RunningNode> status() {
        Optional<ProcessHandle> process = process();
        if (process.isEmpty()) {
            return Optional.empty();
        }
        URI url = url();
        return probe(url)
                .filter(answer -> answer.status() == 200)
                .map(answer -> new RunningNode(process.get().pid(), url, answer.version(), true));
    }

    /**
     * Starts the node, or reuses the one already running from these files; returns once it answers.
     *
     * @param distribution the distribution to copy on the first start (asked for only when a node must start)
     * @param port the HTTP port on 127.0.0.1; 0 for any free one
     * @param heap the JVM heap, e.g. {@code 512m}
     * @throws ConfigException if there is no distribution or the port is taken
     * @throws LocalNodeException if the node does not start or answer; the message says where its log is
     */
    public RunningNode start(Supplier<Distribution> distribution, int port, String heap) {
        DistributionTools tools = new DistributionTools(files.home(), javaHome, owner);
        Optional<ProcessHandle> running = process();
        RunningNode node;
        if (running.isPresent()) {
            node = awaitAnswer(running.get(), url(), true);
        } else {
            if (port != 0) {
                requireFree(port);
            }
            Distribution dist = distribution.get();
            prepareFolders();
            copyOnce(dist);
            writeSettings(port);
            owner.own(files.nodeDir());
            if (!Files.exists(files.passwordFile())
                    || !Files.exists(files.home().resolve("config/elasticsearch.keystore"))) {
                // read by the node when it starts
                String password = randomPassword();
                tools.setElasticPassword(password);
                PrivateFile.write(files.passwordFile(), password);
                PrivateFile.write(
                        files.netrcFile(), "machine 127.0.0.1 login " + ELASTIC + " password " + password + "\n");
            }
            node = awaitAnswer(launch(heap), url(), false);
        }
        writeClientFiles(node.url(), tools);
        return node;
    }

    /** The files for the indexer and for Kibana, which name the node's URL; Kibana's token is made once. */
    private void writeClientFiles(URI url, DistributionTools tools) {
        writeEnvFile(url);
        // a running node picks up a new service_tokens file by itself
        String kibanaToken = existingKibanaToken().orElseGet(() -> {
            deleteQuietly(files.home().resolve("config/service_tokens"));
            return tools.createKibanaServiceToken(KIBANA_TOKEN_NAME);
        });
        PrivateFile.write(
                files.kibanaEnvFile(),
                "ELASTICSEARCH_HOSTS=" + url + "\n" + KIBANA_TOKEN_VARIABLE + "=" + kibanaToken + "\n"
                        + "SERVER_HOST=127.0.0.1\n");
    }

    /**
     * Stops the node and waits for it to exit (its data stays); returns whether it was running.
     *
     * @throws LocalNodeException if it does not exit, even when killed
     */
    public boolean stop() {
        Optional<ProcessHandle> running = process();
        if (running.isEmpty()) {
            deleteQuietly(files.pidFile());
            return false;
        }
        ProcessHandle node = running.get();
        node.destroy(); // SIGTERM: Elasticsearch shuts down cleanly
        if (!exited(node, STOP_TIMEOUT)) {
            node.destroyForcibly();
            if (!exited(node, Duration.ofSeconds(10))) {
                throw new LocalNodeException("Elasticsearch (pid " + node.pid() + ") does not exit, even killed");
            }
        }
        deleteQuietly(files.pidFile());
        return true;
    }

    private static boolean exited(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while stopping Elasticsearch", e);
        }
    }

    /** The server process named by the pid file, if it is alive and runs from this node's copy. */
    private Optional<ProcessHandle> process() {
        Path pidFile = files.pidFile();
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        String homeArgument = "-Des.path.home=" + files.home();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> process.info()
                .arguments()
                .map(arguments -> List.of(arguments).contains(homeArgument))
                .orElse(true)); // arguments unknown: trust the pid file
    }

    private URI url() {
        Path portsFile = files.portsFile();
        try (Stream<String> lines = Files.lines(portsFile)) {
            return lines.filter(address -> address.startsWith("127.0.0.1:"))
                    .findFirst()
                    .map(address -> URI.create("http://" + address))
                    .orElseThrow(() -> new LocalNodeException("no 127.0.0.1 address in " + portsFile));
        } catch (IOException e) {
            throw new LocalNodeException("the node runs but its HTTP port is unknown (cannot read " + portsFile + ")");
        }
    }

    private RunningNode awaitAnswer(ProcessHandle node, URI url, boolean reused) {
        Instant deadline = Instant.now().plus(ANSWER_TIMEOUT);
        String lastAnswer = "no answer";
        while (true) {
            Optional<Answer> answer = probe(url);
            if (answer.isPresent()) {
                lastAnswer = "HTTP " + answer.get().status();
            }
            if (answer.isPresent() && answer.get().status() == 200) {
                return new RunningNode(node.pid(), url, answer.get().version(), reused);
            }
            if (answer.isPresent() && answer.get().status() == 401) {
                throw new LocalNodeException("Elasticsearch at " + url + " refuses the password in "
                        + files.passwordFile() + "; stop it (local-elasticsearch stop) and start it again");
            }
            if (!node.isAlive()) {
                throw new LocalNodeException("Elasticsearch exited; see its log in " + files.logs());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LocalNodeException("Elasticsearch (pid " + node.pid() + ") does not answer at " + url
                        + " within " + ANSWER_TIMEOUT.toSeconds() + " s (last: " + lastAnswer + "); see its log in "
                        + files.logs());
            }
            pause();
        }
    }

    private record Answer(int status, String version) {}

    private Optional<Answer> probe(URI url) {
        Optional<String> password = password();
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(NODE_INFO))
                .timeout(Duration.ofSeconds(5))
                .GET();
        password.ifPresent(secret -> request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((ELASTIC + ":" + secret).getBytes(StandardCharsets.UTF_8))));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String version = "";
            if (response.statusCode() == 200) {
                JsonNode root = JSON.readTree(response.body());
                version = root.path("nodes").elements().hasNext()
                        ? root.path("nodes").elements().next().path("version").asText("")
                        : "";
            }
            return Optional.of(new Answer(response.statusCode(), version));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while waiting for Elasticsearch", e);
        }
    }

    private Optional<String> password() {
        try {
            return Optional.of(Files.readString(files.passwordFile()).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<String> existingKibanaToken() {
        if (!Files.exists(files.home().resolve("config/service_tokens"))) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(files.kibanaEnvFile())) {
            return lines.filter(line -> line.startsWith(KIBANA_TOKEN_VARIABLE + "="))
                    .map(line -> line.substring(KIBANA_TOKEN_VARIABLE.length() + 1))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private ProcessHandle launch(String heap) {
        List<String> command = new ArrayList<>();
        if (onPath("setsid")) {
            // a session of its own: Ctrl-C in the terminal that started it, or closing it, does not stop the node
            command.addAll(List.of("setsid", "--wait"));
        }
        command.addAll(owner.command(List.of(
                files.home().resolve("bin/elasticsearch").toString(),
                "--daemonize",
                "--pidfile",
                files.pidFile().toString())));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(files.home().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.to(files.console().toFile()));
        builder.environment().put("ES_JAVA_HOME", javaHome.toString());
        builder.environment().put("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap);
        builder.environment().put("ES_TMPDIR", files.tmp().toString());
        builder.environment().remove("ES_PATH_CONF");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process launcher;
        try {
            launcher = builder.start();
        } catch (IOException e) {
            throw new LocalNodeException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
        // with --daemonize, the launcher returns once the node has started, or failed to
        boolean returned;
        try {
            returned = launcher.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launcher.descendants().forEach(ProcessHandle::destroy);
            throw new LocalNodeException("interrupted while starting Elasticsearch", e);
        }
        if (!returned) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            throw startFailure("did not start within " + START_TIMEOUT.toMinutes() + " min");
        }
        if (launcher.exitValue() != 0) {
            throw startFailure("did not start (exit code " + launcher.exitValue() + ")");
        }
        return process().orElseThrow(() -> startFailure("started, but its process is not running"));
    }

    private LocalNodeException startFailure(String what) {
        return new LocalNodeException("Elasticsearch " + what + "; see " + files.console() + " and the log in "
                + files.logs() + "\n--- last lines of " + files.console().getFileName() + " ---\n"
                + tail(files.console(), 20));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ")";
        }
    }

    private void prepareFolders() {
        try {
            Files.createDirectories(files.stateDir());
            if (owner.switchesUser()) {
                // the node's user passes through to node/; the secrets inside stay mode 600
                Files.setPosixFilePermissions(files.stateDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            for (Path folder : List.of(files.nodeDir(), files.data(), files.logs(), files.tmp())) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + files.nodeDir(), e);
        }
    }

    private void copyOnce(Distribution distribution) {
        Path home = files.home();
        String origin = distribution.home() + " " + distribution.version();
        try {
            if (Files.exists(files.copyMarker())
                    && Files.readString(files.copyMarker()).equals(origin)) {
                return;
            }
            deleteTree(home);
            copyTree(distribution.home(), home);
            Files.writeString(files.copyMarker(), origin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + distribution.home() + " to " + home, e);
        }
    }

    private void writeSettings(int port) {
        String yaml = String.join(
                "\n",
                "# written by `local-elasticsearch start` on every start",
                "cluster.name: monitron-local",
                "node.name: local",
                "path.data: " + files.data(),
                "path.logs: " + files.logs(),
                "network.host: 127.0.0.1",
                "http.port: " + port,
                "transport.port: 0",
                "node.portsfile: true",
                "discovery.type: single-node",
                "xpack.security.enabled: true",
                // a nearly full disk on a laptop must not make the indices read-only
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "");
        Path settings = files.home().resolve("config/elasticsearch.yml");
        try {
            Files.writeString(settings, yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + settings, e);
        }
    }

    private void writeEnvFile(URI url) {
        String env = "# for the indexer: . " + files.envFile() + "\n"
                + "export ES_URL=" + url + "\n"
                + "export ES_USERNAME=" + ELASTIC + "\n"
                + "export ES_PASSWORD_FILE=" + files.passwordFile() + "\n";
        try {
            Files.writeString(files.envFile(), env, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + files.envFile(), e);
        }
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ConfigException("port " + port + " on 127.0.0.1 is taken (another Elasticsearch?): stop what"
                    + " listens there or give --port");
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
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

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while waiting for Elasticsearch", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file that stays is harmless: it is checked before use
        }
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

    private static void deleteTree(Path root) throws IOException {
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
