package io.monitron.indexer.transform;

import static io.monitron.indexer.transform.TestEvents.at;
import static io.monitron.indexer.transform.TestEvents.minimal;
import static io.monitron.indexer.transform.TestEvents.parse;
import static io.monitron.indexer.transform.TestEvents.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** source.*, tls.*, console login MFA, authentication and session categories, error.message. */
class NetworkAndSessionFieldsTest {

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode withSource(String sourceIpAddress) {
        ObjectNode event = minimal("GetProject");
        event.put("sourceIPAddress", sourceIpAddress);
        return source(event);
    }

    @Test
    void proxiedConsoleCallTakesTheFirstOfTwoAddresses() {
        JsonNode doc = withSource("203.0.113.10, 10.0.0.1");

        assertThat(at(doc, "source.ip").asText()).isEqualTo("203.0.113.10");
        assertThat(texts(at(doc, "related.ip"))).containsExactly("203.0.113.10");
        assertThat(at(doc, "source.address").asText()).isEqualTo("203.0.113.10, 10.0.0.1");
        assertThat(at(doc, "source.domain").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"AWS Internal", "redacted", "12345", "10.0.0", "-bad-.example.com", "a..b", "under_score.com"})
    void valuesThatAreNeitherAddressNorHostNameHaveNoDomain(String value) {
        JsonNode doc = withSource(value);

        assertThat(at(doc, "source.domain").isMissingNode()).isTrue();
        assertThat(at(doc, "source.ip").isMissingNode()).isTrue();
        assertThat(at(doc, "source.address").asText()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cloudformation.amazonaws.com", "monitron.us-east-1.amazonaws.com", "ec2-1.example"})
    void hostNamesAreSourceDomains(String value) {
        assertThat(at(withSource(value), "source.domain").asText()).isEqualTo(value);
    }

    @Test
    void tlsDetailsBecomeEcsTlsFieldsAndStayUnderCloudTrail() {
        ObjectNode event = minimal("GetProject");
        event.set(
                "tlsDetails",
                parse("{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
                        + "\"clientProvidedHostHeader\":\"monitron.us-east-1.amazonaws.com\"}"));

        JsonNode doc = source(event);

        assertThat(at(doc, "tls.version").asText()).isEqualTo("1.3");
        assertThat(at(doc, "tls.version_protocol").asText()).isEqualTo("tls");
        assertThat(at(doc, "tls.cipher").asText()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(at(doc, "tls.client.server_name").asText()).isEqualTo("monitron.us-east-1.amazonaws.com");
        assertThat(at(doc, "aws.cloudtrail.tls_details.tls_version").asText()).isEqualTo("TLSv1.3");
    }

    @ParameterizedTest
    @CsvSource({"No, false", "Yes, true"})
    void consoleLoginMfaIsOneBoolean(String mfaUsed, boolean expected) {
        ObjectNode event = minimal("ConsoleLogin");
        event.put("eventSource", "signin.amazonaws.com");
        event.set(
                "additionalEventData",
                parse("{\"LoginTo\":\"https://console.aws.amazon.com\",\"MobileVersion\":\"No\"," + "\"MFAUsed\":\""
                        + mfaUsed + "\"}"));
        event.set("responseElements", parse("{\"ConsoleLogin\":\"Success\"}"));

        JsonNode doc = source(event);

        JsonNode mfa = at(doc, "aws.cloudtrail.console_login.additional_eventdata.mfa_used");
        assertThat(mfa.isBoolean()).isTrue();
        assertThat(mfa.booleanValue()).isEqualTo(expected);
        assertThat(texts(at(doc, "event.category"))).containsExactly("authentication");
        assertThat(texts(at(doc, "event.type"))).containsExactly("start");
    }

    @Test
    void otherEventsHaveNoConsoleLoginFields() {
        ObjectNode event = minimal("GetProject");
        event.set("additionalEventData", parse("{\"MFAUsed\":\"No\"}"));

        assertThat(at(source(event), "aws.cloudtrail.console_login").isMissingNode())
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "sts.amazonaws.com, AssumeRole, authentication, start",
        "sts.amazonaws.com, AssumeRoleWithSAML, authentication, start",
        "sts.amazonaws.com, AssumeRoleWithWebIdentity, authentication, start",
        "sts.amazonaws.com, GetSessionToken, authentication, start",
        "signin.amazonaws.com, ConsoleLogin, authentication, start",
        "ssm.amazonaws.com, StartSession, session, start",
        "ssm.amazonaws.com, ResumeSession, session, start",
        "ssm.amazonaws.com, TerminateSession, session, end",
        "sts.amazonaws.com, GetCallerIdentity, iam, info",
        "ssm.amazonaws.com, GetParameter, configuration, access"
    })
    void credentialAndSessionEventsAreCategorisedForEcsSearches(
            String eventSource, String eventName, String category, String type) {
        ObjectNode event = minimal(eventName);
        event.put("eventSource", eventSource);

        JsonNode doc = source(event);

        assertThat(texts(at(doc, "event.category"))).containsExactly(category);
        assertThat(texts(at(doc, "event.type"))).containsExactly(type);
    }

    @Test
    void errorMessageIsBothTextAndOneKeywordTerm() {
        ObjectNode event = minimal("AmazonMonitronApp:CreateSite");
        event.put("errorCode", "ConflictException");
        event.put("errorMessage", "Site name already exists");

        JsonNode doc = source(event);

        assertThat(at(doc, "error.message").asText())
                .as("one value in _source; the keyword sub-field is the mapping's")
                .isEqualTo("Site name already exists");
    }
}
