package io.monitron.indexer.transform;

import static io.monitron.indexer.transform.TestEvents.at;
import static io.monitron.indexer.transform.TestEvents.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** user_agent.* for browsers, tools, the Monitron app and AWS CLI/SDK agents. */
class UserAgentFieldsTest {

    private static JsonNode withUserAgent(String userAgent) {
        ObjectNode event = minimal("ListProjects");
        event.put("userAgent", userAgent);
        return TestEvents.source(event);
    }

    private static String text(JsonNode doc, String path) {
        JsonNode value = at(doc, path);
        return value.isMissingNode() ? "" : value.asText();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Chrome on Windows|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36|Chrome|124.0.6367|Windows|10||console",
                "Edge on Windows|Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67|Edge|124.0.2478|Windows|10||console",
                "Firefox on Linux|Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0|Firefox|125.0|Ubuntu|||console",
                "Safari on macOS|Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15|Safari|17.4|Mac OS X|10.15.7|Mac|console",
                "Safari on iOS|Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1|Mobile Safari|17.4|iOS|17.4|iPhone|console",
                "Chrome on Android|Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36|Chrome Mobile|124.0.6367|Android|14|Pixel 8|console",
                "Go HTTP client|Go-http-client/1.1|Go-http-client|1.1||||other",
                "unknown tool|acme-sync/3.2 (build 7)|acme-sync|3.2||||other",
                "CLI in brackets|[aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255-316-236.530.amzn2.x86_64 exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/s3api.list-buckets]|aws-cli|2.13.5|Linux|4.14.255-316-236.530.amzn2.x86_64||cli_sdk",
                "SDK with os/NAME#VERSION|Boto3/1.28.0 md/Botocore#1.31.0 ua/2.0 os/linux#5.10.186-179.751.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.4|Boto3|1.28.0|Linux|5.10.186-179.751.amzn2.x86_64||cli_sdk",
                "Go SDK v2|aws-sdk-go-v2/1.21.0 os/linux lang/go#1.20.7 md/GOOS#linux md/GOARCH#amd64 api/sts#1.21.5|aws-sdk-go-v2|1.21.0|Linux|||cli_sdk",
                "Monitron app|AmazonMonitron/2.5.1 (Android 13; Pixel 7)|Monitron mobile app|2.5.1|Android|13||mobile_app"
            })
    void userAgentIsParsedIntoEcsFields(
            String description,
            String userAgent,
            String name,
            String version,
            String osName,
            String osVersion,
            String device,
            String clientType) {
        JsonNode doc = withUserAgent(userAgent);

        assertThat(text(doc, "user_agent.original")).isEqualTo(userAgent);
        assertThat(text(doc, "user_agent.name")).isEqualTo(name);
        assertThat(text(doc, "user_agent.version")).isEqualTo(nullToEmpty(version));
        assertThat(text(doc, "user_agent.os.name")).isEqualTo(nullToEmpty(osName));
        assertThat(text(doc, "user_agent.os.version")).isEqualTo(nullToEmpty(osVersion));
        assertThat(text(doc, "user_agent.device.name")).isEqualTo(nullToEmpty(device));
        assertThat(text(doc, "monitron.client.type")).isEqualTo(clientType);
    }

    @org.junit.jupiter.api.Test
    void aUserAgentLongerThanAnyRealClientsIsKeptButNotMatchedAgainstTheRules() {
        // a browser's agent padded past the limit: the rules would name it Chrome; they are not run on it
        String padded = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0.6367.91 Safari/537.36 "
                + "x".repeat(UserAgentParser.MAX_PARSED_LENGTH);

        JsonNode doc = withUserAgent(padded);

        assertThat(text(doc, "user_agent.original")).isEqualTo(padded);
        assertThat(text(doc, "user_agent.name")).isEmpty();
        assertThat(text(doc, "user_agent.os.name")).isEmpty();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
