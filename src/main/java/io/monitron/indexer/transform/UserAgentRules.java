package io.monitron.indexer.transform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import ua_parser.Client;
import ua_parser.DeviceParser;
import ua_parser.OSParser;
import ua_parser.UserAgentParser;

/**
 * uap-java's parsers over the uap-core rules it ships, built from a JSON copy of its {@code regexes.yaml} that the
 * build writes ({@link #main}): reading the YAML with SnakeYAML takes about 0.4 s of a fresh process, the JSON a tenth
 * of that. Same rules, same parsers ({@code fromList}), same answers; without the JSON (a build that skipped that
 * step) the YAML is read as uap-java reads it.
 */
final class UserAgentRules {
    static final String YAML = "/ua_parser/regexes.yaml";
    static final String JSON = "/io/monitron/indexer/transform/user-agent-rules.json";
    private static final List<String> SECTIONS = List.of("user_agent_parsers", "os_parsers", "device_parsers");

    private final UserAgentParser userAgents;
    private final OSParser systems;
    private final DeviceParser devices;

    private UserAgentRules(Map<String, List<Map<String, String>>> rules) {
        for (String section : SECTIONS) {
            if (rules.get(section) == null) {
                throw new IllegalStateException(section + " is missing from the user-agent rules");
            }
        }
        userAgents = UserAgentParser.fromList(rules.get("user_agent_parsers"));
        systems = OSParser.fromList(rules.get("os_parsers"));
        devices = DeviceParser.fromList(rules.get("device_parsers"));
    }

    static UserAgentRules load() {
        try (InputStream json = UserAgentRules.class.getResourceAsStream(JSON)) {
            if (json != null) {
                return new UserAgentRules(new ObjectMapper().readValue(json, new TypeReference<>() {}));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled user-agent rules " + JSON, e);
        }
        return new UserAgentRules(fromYaml());
    }

    Client parse(String userAgent) {
        return new Client(userAgents.parse(userAgent), systems.parse(userAgent), devices.parse(userAgent));
    }

    /** The rules as uap-java reads them: SnakeYAML's safe loader over the YAML in its jar. */
    @SuppressWarnings("unchecked")
    static Map<String, List<Map<String, String>>> fromYaml() {
        try (InputStream yaml = ua_parser.Parser.class.getResourceAsStream(YAML)) {
            if (yaml == null) {
                throw new IllegalStateException("uap-java's " + YAML + " is not on the class path");
            }
            Map<String, List<Map<String, String>>> all = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            Map<String, List<Map<String, String>>> rules = new LinkedHashMap<>();
            SECTIONS.forEach(section -> rules.put(section, all.get(section)));
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read uap-java's " + YAML, e);
        }
    }

    /** Run by the build: writes the JSON copy of the rules to the given file. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        Files.createDirectories(target.getParent());
        new ObjectMapper().writeValue(target.toFile(), fromYaml());
    }
}
