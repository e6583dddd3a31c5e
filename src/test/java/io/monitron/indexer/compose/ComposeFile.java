package io.monitron.indexer.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code docker-compose.yml} as written (before interpolation), read with the parts the checks need. */
record ComposeFile(JsonNode root) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static ComposeFile read(Path file) throws IOException {
        return new ComposeFile(YAML.readTree(file.toFile()));
    }

    List<String> services() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + name + "; it has " + services());
        }
        return service;
    }

    /** The service's environment, list or map form: name → value as written, empty for a pass-through name. */
    Map<String, Optional<String>> environment(String name) {
        Map<String, Optional<String>> variables = new LinkedHashMap<>();
        JsonNode environment = service(name).path("environment");
        if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String text = entry.asText();
                int equals = text.indexOf('=');
                variables.put(
                        equals < 0 ? text : text.substring(0, equals),
                        equals < 0 ? Optional.empty() : Optional.of(text.substring(equals + 1)));
            }
        } else {
            environment
                    .fields()
                    .forEachRemaining(e -> variables.put(
                            e.getKey(),
                            e.getValue().isNull()
                                    ? Optional.empty()
                                    : Optional.of(e.getValue().asText())));
        }
        return variables;
    }

    /** The build context folder of a service, when it is built here. */
    Optional<String> buildContext(String name) {
        JsonNode build = service(name).path("build");
        if (build.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(
                build.isTextual() ? build.asText() : build.path("context").asText("."));
    }

    Optional<String> dockerfile(String name) {
        return Optional.ofNullable(
                service(name).path("build").path("dockerfile").textValue());
    }

    /** Short-syntax volume entries: {@code source:target[:mode]}. */
    List<String> volumes(String name) {
        List<String> volumes = new ArrayList<>();
        service(name).path("volumes").forEach(v -> volumes.add(v.asText()));
        return volumes;
    }

    List<String> ports(String name) {
        List<String> ports = new ArrayList<>();
        service(name).path("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }

    List<String> command(String name) {
        List<String> words = new ArrayList<>();
        JsonNode command = service(name).path("command");
        if (command.isTextual()) {
            words.addAll(List.of(command.asText().trim().split("\\s+")));
        } else {
            command.forEach(w -> words.add(w.asText()));
        }
        return words;
    }

    /** The {@code depends_on} conditions: service → condition. */
    Map<String, String> dependsOn(String name) {
        Map<String, String> conditions = new LinkedHashMap<>();
        JsonNode dependsOn = service(name).path("depends_on");
        if (dependsOn.isArray()) {
            dependsOn.forEach(d -> conditions.put(d.asText(), "service_started"));
        } else {
            dependsOn
                    .fields()
                    .forEachRemaining(e -> conditions.put(
                            e.getKey(), e.getValue().path("condition").asText("service_started")));
        }
        return conditions;
    }

    List<String> namedVolumes() {
        List<String> names = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
