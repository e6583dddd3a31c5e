package io.monitron.indexer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.monitron.indexer.cli.Environment;
import io.monitron.indexer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in {@code deploy/} parse, and reference what exists: the image the Dockerfile builds, the
 * {@code index} command's options and the environment variables it reads, the ports the containers open, and one
 * another (service selector, KEDA target, trigger authentication, kustomization).
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("deploy");
    /** The image the Dockerfile builds and docker-compose.yml runs (repository part). */
    private static final String IMAGE = "monitron-cloudtrail-indexer";

    /**
     * Options of the continuous mode that {@code index} does not have yet: the SQS source and the metrics server are
     * built, their wiring into {@code index} comes next. Each name here must be absent from {@code index --help}
     * (remove it once it is there), so this list cannot silently outlive the wiring.
     */
    private static final Set<String> PENDING_OPTIONS = Set.of();

    /** Variables the manifests set for others than the indexer's option parsing. */
    private static final Set<String> OTHER_VARIABLES = Set.of("AWS_REGION", "JAVA_TOOL_OPTIONS", "SQS_QUEUE_URL");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern OPTION = Pattern.compile("(--[a-z0-9][a-z0-9-]*)");
    /** The variables {@code index --help} names, as in "(env ES_PASSWORD_FILE; or ES_PASSWORD)". */
    private static final Pattern ENV_IN_HELP = Pattern.compile("\\b(ES_[A-Z_]+)\\b");

    private static final List<JsonNode> MANIFESTS = new ArrayList<>();
    private static String indexHelp;

    @BeforeAll
    static void readManifestsAndHelp() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("_file", file.toString());
                        MANIFESTS.add(node);
                    });
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Main.run(new String[] {"index", "--help"}, new Environment(Map.of()), print, print);
        indexHelp = out.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> ofKind(String kind) {
        return MANIFESTS.stream()
                .filter(m -> kind.equals(m.path("kind").asText()))
                .toList();
    }

    private static JsonNode one(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertThat(found).as(kind + " manifests").hasSize(1);
        return found.get(0);
    }

    /** The pod template of a Deployment or a CronJob. */
    private static JsonNode podSpec(JsonNode workload) {
        return workload.path("kind").asText().equals("CronJob")
                ? workload.at("/spec/jobTemplate/spec/template/spec")
                : workload.at("/spec/template/spec");
    }

    private static List<JsonNode> containers() {
        List<JsonNode> containers = new ArrayList<>();
        for (JsonNode workload : Stream.concat(ofKind("Deployment").stream(), ofKind("CronJob").stream())
                .toList()) {
            podSpec(workload).path("containers").forEach(containers::add);
        }
        return containers;
    }

    private static List<String> args(JsonNode container) {
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    private static Set<String> indexOptions() {
        Set<String> options = new TreeSet<>();
        Matcher m = OPTION.matcher(indexHelp);
        while (m.find()) {
            options.add(m.group(1));
        }
        return options;
    }

    @Test
    void everyManifestParsesAndNamesItsKind() {
        assertThat(MANIFESTS).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode manifest : MANIFESTS) {
            assertThat(manifest.path("apiVersion").asText())
                    .as(manifest.path("_file").asText())
                    .isNotEmpty();
            assertThat(manifest.path("kind").asText())
                    .as(manifest.path("_file").asText())
                    .isNotEmpty();
            assertThat(manifest.at("/metadata/name").asText())
                    .as(manifest.path("_file").asText())
                    .isNotEmpty();
        }
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        JsonNode kustomization =
                YAML.readTree(DEPLOY.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization
                .path("resources")
                .forEach(r -> listed.add(DEPLOY.resolve(r.asText()).toString()));
        Set<String> files =
                MANIFESTS.stream().map(m -> m.path("_file").asText()).collect(Collectors.toCollection(TreeSet::new));

        assertThat(listed).isEqualTo(files);
    }

    @Test
    void containersRunTheProjectsImageWithTheIndexCommand() throws IOException {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        assertThat(compose).contains("image: " + IMAGE + ":");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("docker build -t " + IMAGE + " .");

        assertThat(containers()).hasSize(2).allSatisfy(container -> {
            String image = container.path("image").asText();
            String repository = image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
            assertThat(repository).isEqualTo(IMAGE);
            assertThat(args(container)).first().isEqualTo("index");
        });
    }

    @Test
    void containersUseOnlyOptionsTheIndexCommandHasOrWillHave() {
        Set<String> known = indexOptions();
        assertThat(known).as("index --help was read").contains("--s3", "--dead-letter");
        assertThat(PENDING_OPTIONS)
                .as("wired into index already: remove from PENDING_OPTIONS")
                .doesNotContainAnyElementsOf(known);

        for (JsonNode container : containers()) {
            List<String> used =
                    args(container).stream().filter(a -> a.startsWith("--")).toList();
            assertThat(used).allSatisfy(option -> assertThat(known.contains(option) || PENDING_OPTIONS.contains(option))
                    .as(option + " is an option of index")
                    .isTrue());
        }
    }

    @Test
    void containersSetOnlyVariablesTheIndexerReadsAndExpandOnlyVariablesTheySet() {
        Set<String> read = new TreeSet<>(OTHER_VARIABLES);
        Matcher m = ENV_IN_HELP.matcher(indexHelp);
        while (m.find()) {
            read.add(m.group(1));
        }
        assertThat(read).as("index --help names its variables").contains("ES_URL", "ES_USERNAME");
        for (JsonNode container : containers()) {
            Set<String> set = new TreeSet<>();
            container.path("env").forEach(e -> set.add(e.path("name").asText()));
            assertThat(read).containsAll(set);
            for (String arg : args(container)) {
                Matcher reference = Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(arg);
                while (reference.find()) {
                    assertThat(set).as("variable expanded in args").contains(reference.group(1));
                }
            }
        }
    }

    @Test
    void theDeploymentProbesHealthOnTheMetricsPortAndLimitResources() {
        JsonNode deployment = one("Deployment");
        JsonNode container = podSpec(deployment).path("containers").get(0);
        List<String> args = args(container);
        assertThat(args).contains("--sqs-queue-url", "--metrics-port");
        String metricsPort = args.get(args.indexOf("--metrics-port") + 1);
        Map<String, Integer> ports = new java.util.HashMap<>();
        container
                .path("ports")
                .forEach(p -> ports.put(
                        p.path("name").asText(), p.path("containerPort").asInt()));

        assertThat(ports).containsEntry("metrics", Integer.parseInt(metricsPort));
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/path").asText())
                    .as(probe)
                    .isEqualTo("/health");
            assertThat(ports)
                    .as(probe + " port")
                    .containsKey(container.at("/" + probe + "/httpGet/port").asText());
        }
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/cpu").asText()).isNotEmpty();
        assertThat(deployment
                        .at("/spec/template/metadata/annotations/prometheus.io~1port")
                        .asText())
                .isEqualTo(metricsPort);
    }

    @Test
    void theServiceSelectsTheDeploymentsPodsOnTheirMetricsPort() {
        JsonNode service = one("Service");
        JsonNode deployment = one("Deployment");
        JsonNode labels = deployment.at("/spec/template/metadata/labels");
        service.at("/spec/selector").fields().forEachRemaining(e -> assertThat(
                        labels.path(e.getKey()).asText())
                .as("pod label " + e.getKey())
                .isEqualTo(e.getValue().asText()));
        Set<String> portNames = new TreeSet<>();
        podSpec(deployment)
                .path("containers")
                .get(0)
                .path("ports")
                .forEach(p -> portNames.add(p.path("name").asText()));
        service.at("/spec/ports").forEach(p -> assertThat(portNames)
                .contains(p.path("targetPort").asText()));
    }

    @Test
    void kedaScalesTheDeploymentOnTheQueueItReads() {
        JsonNode scaled = one("ScaledObject");
        JsonNode deployment = one("Deployment");
        JsonNode trigger = scaled.at("/spec/triggers/0");
        JsonNode container = podSpec(deployment).path("containers").get(0);
        Set<String> env = new TreeSet<>();
        container.path("env").forEach(e -> env.add(e.path("name").asText()));

        assertThat(scaled.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText())
                .isEqualTo(deployment.at("/metadata/name").asText());
        assertThat(trigger.path("type").asText()).isEqualTo("aws-sqs-queue");
        assertThat(env).contains(trigger.at("/metadata/queueURLFromEnv").asText());
        assertThat(args(container))
                .contains("$(" + trigger.at("/metadata/queueURLFromEnv").asText() + ")");
        assertThat(trigger.at("/metadata/queueLength").isTextual())
                .as("KEDA metadata values are strings")
                .isTrue();
        assertThat(one("TriggerAuthentication").at("/metadata/name").asText())
                .isEqualTo(trigger.at("/authenticationRef/name").asText());
        assertThat(scaled.at("/spec/maxReplicaCount").asInt())
                .isGreaterThanOrEqualTo(scaled.at("/spec/minReplicaCount").asInt());
    }

    @Test
    void theCronJobRunsABatchOverTheBucket() {
        JsonNode cronJob = one("CronJob");
        List<String> args = args(podSpec(cronJob).path("containers").get(0));

        assertThat(args).contains("--s3").doesNotContain("--sqs-queue-url");
        assertThat(args.get(args.indexOf("--s3") + 1)).startsWith("s3://");
        assertThat(cronJob.at("/spec/concurrencyPolicy").asText()).isEqualTo("Forbid");
        assertThat(podSpec(cronJob).path("serviceAccountName").asText())
                .isEqualTo(one("ServiceAccount").at("/metadata/name").asText());
    }
}
