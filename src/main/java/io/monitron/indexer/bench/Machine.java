package io.monitron.indexer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures came from: cores, CPU model, memory, OS and Java, for the report. */
final class Machine {
    private Machine() {}

    static ObjectNode describe(ObjectMapper mapper) {
        ObjectNode machine = mapper.createObjectNode();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return machine;
    }

    static String describeText() {
        ObjectNode m = describe(new ObjectMapper());
        return m.path("cores").asText() + " cores (" + m.path("cpu").asText() + "), "
                + m.path("memory").asText() + ", " + m.path("os").asText() + ", "
                + m.path("java").asText();
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the report just lacks the detail
        }
        return "unknown";
    }
}
