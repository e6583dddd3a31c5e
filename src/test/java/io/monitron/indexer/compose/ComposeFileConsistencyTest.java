package io.monitron.indexer.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Docker quick start consistent with the code it runs, without a Docker engine: image versions, files the
 * compose file and the Dockerfile use, the jar name, environment variable names, options, defaults and start order.
 * ({@link DockerComposeConfigTest} has docker-compose itself parse the file.)
 */
class ComposeFileConsistencyTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = ROOT.resolve("docker/index-from-env.sh");
    private static final Pattern ENV_NAME_LITERAL = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");

    /** The variables the AWS SDK reads itself (credentials, profile, region), passed through to the indexer. */
    private static final Set<String> AWS_SDK_VARIABLES = Set.of(
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_ROLE_ARN",
            "AWS_WEB_IDENTITY_TOKEN_FILE");

    /**
     * Options of {@code index} that the script uses and that the sources work (S3 and Event History) adds in
     * parallel; once merged, {@code index --help} lists them and this set no longer matters.
     */
    private static ComposeFile compose;

    private static Dockerfile dockerfile;
    private static String pom;

    @BeforeAll
    static void read() throws IOException {
        compose = ComposeFile.read(ROOT.resolve("docker-compose.yml"));
        dockerfile = Dockerfile.read(ROOT.resolve("Dockerfile"));
        pom = Files.readString(ROOT.resolve("pom.xml"));
    }

    private static String pomValue(String element) {
        Matcher m = Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("pom.xml has <" + element + ">").isTrue();
        return m.group(1).trim();
    }

    /** The services built from this repository's Dockerfile: they run the indexer. */
    private static List<String> indexerServices() {
        return compose.services().stream()
                .filter(s -> compose.buildContext(s).isPresent())
                .toList();
    }

    @Test
    void elasticImagesAreTheVersionTheIntegrationTestsRun() {
        String version = pomValue("elasticsearch.version");
        Map<String, String> images = new LinkedHashMap<>();
        for (String service : compose.services()) {
            String image = compose.service(service).path("image").asText("");
            if (image.startsWith("docker.elastic.co/")) {
                images.put(service, image);
            }
        }
        assertThat(images.values())
                .containsExactlyInAnyOrder(
                        "docker.elastic.co/elasticsearch/elasticsearch:" + version,
                        "docker.elastic.co/kibana/kibana:" + version);
    }

    @Test
    void everyBuildContextDockerfileAndRepositoryMountExists() {
        assertThat(indexerServices()).contains("setup", "indexer");
        for (String service : indexerServices()) {
            Path context =
                    ROOT.resolve(compose.buildContext(service).orElseThrow()).normalize();
            assertThat(context).as(service + " build context").isDirectory();
            assertThat(context.resolve(compose.dockerfile(service).orElse("Dockerfile")))
                    .as(service + " Dockerfile")
                    .isRegularFile();
        }
        for (String service : compose.services()) {
            for (String volume : compose.volumes(service)) {
                String source =
                        volume.substring(0, volume.indexOf(':', volume.startsWith("${") ? volume.indexOf('}') : 0));
                if (source.startsWith("./") || source.startsWith("../")) {
                    assertThat(ROOT.resolve(source).normalize())
                            .as(service + " mounts " + source)
                            .exists();
                } else if (!source.startsWith("${") && !source.startsWith("~") && !source.startsWith("/")) {
                    assertThat(compose.namedVolumes())
                            .as(service + " uses volume " + source)
                            .contains(source);
                }
            }
        }
    }

    @Test
    void everyFileTheDockerfileCopiesExistsAndIsNotDockerIgnored() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
                .toList();
        List<String> sources = new ArrayList<>();
        for (Dockerfile.Instruction copy : dockerfile.contextCopies()) {
            List<String> words = copy.words();
            sources.addAll(words.subList(0, words.size() - 1));
        }
        assertThat(sources).contains("pom.xml", "src/", "docker/index-from-env.sh");
        for (String source : sources) {
            String path = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
            assertThat(ROOT.resolve(path)).as("COPY " + source).exists();
            assertThat(ignored)
                    .as("COPY " + source + " must not be excluded by .dockerignore")
                    .noneMatch(pattern -> path.equals(pattern) || path.startsWith(pattern + "/"));
        }
    }

    @Test
    void theImageRunsTheJarTheMavenBuildMakes() throws IOException {
        String jar = pomValue("finalName") + ".jar";
        assertThat(dockerfile.stageCopies()).singleElement().satisfies(copy -> assertThat(copy.words())
                .endsWith("/src/target/" + jar, "/app/" + jar));
        // the image runs the launcher (bin/monitron-cloudtrail-indexer) on that jar, as the README's launch command
        // does
        String launcher = "/app/bin/monitron-cloudtrail-indexer";
        assertThat(dockerfile.all("ENTRYPOINT")).singleElement().satisfies(entry -> assertThat(entry.arguments())
                .isEqualTo("[\"" + launcher + "\"]"));
        assertThat(dockerfile.contextCopies()).anySatisfy(copy -> assertThat(copy.words())
                .containsExactly("bin/monitron-cloudtrail-indexer", launcher));
        assertThat(dockerfile.all("ENV"))
                .anySatisfy(env -> assertThat(env.arguments()).contains("MCI_JAR=/app/" + jar));
        assertThat(Files.readString(SCRIPT)).contains(launcher);
        assertThat(dockerfile.all("USER"))
                .as("runs as a non-root user")
                .singleElement()
                .satisfies(user -> assertThat(user.arguments()).isNotIn("root", "0"));
    }

    @Test
    void theIndexerEntrypointIsTheScriptTheImageHolds() {
        String entrypoint = compose.service("indexer").path("entrypoint").get(0).asText();
        assertThat(dockerfile.contextCopies())
                .anySatisfy(copy -> assertThat(copy.words()).containsExactly("docker/index-from-env.sh", entrypoint));
    }

    @Test
    void indexerServicesSetOnlyVariablesTheCliTheScriptOrTheAwsSdkRead() throws IOException {
        Set<String> read = new TreeSet<>(AWS_SDK_VARIABLES);
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main/java/io/monitron/indexer/cli"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ENV_NAME_LITERAL.matcher(Files.readString(source));
                while (m.find()) {
                    read.add(m.group(1));
                }
            }
        }
        Matcher m = SHELL_VARIABLE.matcher(Files.readString(SCRIPT));
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).as("names the CLI reads").contains("ES_URL", "ES_PASSWORD", "INDEXER_PASSWORD");
        for (String service : indexerServices()) {
            assertThat(compose.environment(service).keySet())
                    .as("variables set for " + service)
                    .isNotEmpty()
                    .isSubsetOf(read);
        }
    }

    @Test
    void setupAndTheScriptUseOnlyOptionsTheCommandsHave() throws IOException {
        List<String> setup = compose.command("setup");
        assertThat(setup.get(0)).isEqualTo("setup");
        Set<String> setupOptions = options(help("setup"));
        assertThat(setup.stream().filter(w -> w.startsWith("--")))
                .isNotEmpty()
                .allSatisfy(
                        option -> assertThat(setupOptions).as("setup --help").contains(option));

        Set<String> indexOptions = options(help("index"));
        Set<String> used = options(Files.readString(SCRIPT));
        assertThat(used).contains("--path", "--s3", "--lookup-events").isSubsetOf(indexOptions);
    }

    @Test
    void theIndexerRunsAsTheUserSetupCreatesWithThePasswordSetupGivesIt() {
        List<String> setup = compose.command("setup");
        String created = setup.get(setup.indexOf("--create-indexer-user") + 1);
        Map<String, Optional<String>> indexer = compose.environment("indexer");
        assertThat(indexer.get("ES_USERNAME")).contains(created);
        assertThat(indexer.get("ES_PASSWORD"))
                .isEqualTo(compose.environment("setup").get("INDEXER_PASSWORD"));
        assertThat(compose.environment("kibana").get("ELASTICSEARCH_USERNAME")).contains("kibana_system");
        assertThat(compose.environment("kibana").get("ELASTICSEARCH_PASSWORD"))
                .isEqualTo(compose.environment("setup").get("KIBANA_SYSTEM_PASSWORD"));
        assertThat(compose.environment("setup").get("ES_PASSWORD"))
                .isEqualTo(compose.environment("elasticsearch").get("ELASTIC_PASSWORD"));
    }

    @Test
    void everyVariableTheComposeFileTakesIsInEnvExampleWithTheSameDefault() throws IOException {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            Matcher assignment = Pattern.compile("^#?([A-Z_][A-Z0-9_]*)=(.*)$").matcher(line.strip());
            if (assignment.matches()) {
                example.put(assignment.group(1), line.strip().startsWith("#") ? null : assignment.group(2));
            }
        }
        Matcher m = INTERPOLATION.matcher(Files.readString(ROOT.resolve("docker-compose.yml")));
        int checked = 0;
        while (m.find()) {
            String name = m.group(1);
            assertThat(example).as(".env.example documents " + name).containsKey(name);
            if (example.get(name) != null) {
                assertThat(m.group(2)).as("the compose default of " + name).isEqualTo(example.get(name));
                checked++;
            }
        }
        assertThat(checked).as("defaults compared").isGreaterThanOrEqualTo(4);
    }

    @Test
    void portsListenOnLoopbackOnly() {
        List<String> ports = compose.services().stream()
                .flatMap(s -> compose.ports(s).stream())
                .toList();
        assertThat(ports).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    }

    @Test
    void servicesStartInOrderOfHealth() {
        assertThat(compose.service("elasticsearch").has("healthcheck")).isTrue();
        assertThat(compose.service("kibana").has("healthcheck")).isTrue();
        assertThat(compose.dependsOn("kibana")).containsEntry("elasticsearch", "service_healthy");
        assertThat(compose.dependsOn("setup")).containsEntry("elasticsearch", "service_healthy");
        assertThat(compose.dependsOn("indexer")).containsEntry("setup", "service_completed_successfully");
        assertThat(compose.command("setup")).contains("--kibana-wait");
        assertThat(compose.volumes("elasticsearch"))
                .anySatisfy(v -> assertThat(v).endsWith(":/usr/share/elasticsearch/data"));
    }

    private static String help(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(
                new String[] {command, "--help"},
                new Environment(Map.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Set<String> options(String text) {
        Set<String> options = new TreeSet<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            options.add(m.group(1));
        }
        return options;
    }
}
