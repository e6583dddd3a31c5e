package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ua_parser.Client;
import ua_parser.Parser;

class UserAgentRulesTest {
    @Test
    void theBuildsJsonCopyHoldsExactlyTheRulesUapJavaReadsFromItsYaml() throws Exception {
        try (InputStream json = UserAgentRules.class.getResourceAsStream(UserAgentRules.JSON)) {
            assertThat(json).as("the build writes " + UserAgentRules.JSON).isNotNull();
            Map<String, List<Map<String, String>>> copy = new ObjectMapper().readValue(json, new TypeReference<>() {});
            Map<String, List<Map<String, String>>> yaml = UserAgentRules.fromYaml();
            assertThat(copy).isEqualTo(yaml);
            assertThat(copy.get("user_agent_parsers")).hasSizeGreaterThan(100);
        }
    }

    @Test
    void theRulesAnswerAsUapJavasOwnParser() {
        Parser reference = new Parser();
        UserAgentRules rules = UserAgentRules.load();
        for (String agent : List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0"
                        + " Safari/537.36",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4"
                        + " Safari/605.1.15",
                "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Mobile/15E148",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0"
                        + " Mobile Safari/537.36",
                "aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64.amzn.2 prompt/off command/monitron.list-projects",
                "Go-http-client/1.1",
                "")) {
            Client expected = reference.parse(agent);
            Client actual = rules.parse(agent);
            assertThat(actual.toString()).as(agent).isEqualTo(expected.toString());
        }
    }
}
