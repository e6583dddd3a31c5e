package io.monitron.indexer.transform;

import static io.monitron.indexer.transform.TestEvents.at;
import static io.monitron.indexer.transform.TestEvents.build;
import static io.monitron.indexer.transform.TestEvents.load;
import static io.monitron.indexer.transform.TestEvents.minimal;
import static io.monitron.indexer.transform.TestEvents.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.model.RecordPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudTrailTransformerTest {

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void documentedDeleteProjectSuccessBecomesAConfigurationDeletion() {
        Document document = build(load("delete-project-success.json"));
        JsonNode doc = document.source();

        assertThat(document.id()).isEqualTo("6f1b8a8e-3c1d-4a4e-9a55-0f1e2d3c4b5a");
        assertThat(document.timestamp()).isEqualTo(Instant.parse("2024-05-14T09:21:07Z"));
        assertThat(document.position()).isEqualTo(TestEvents.POSITION);
        assertThat(doc.get("@timestamp").asText()).isEqualTo("2024-05-14T09:21:07Z");
        assertThat(at(doc, "event.id").asText()).isEqualTo(document.id());
        assertThat(at(doc, "event.action").asText()).isEqualTo("DeleteProject");
        assertThat(at(doc, "event.provider").asText()).isEqualTo("monitron.amazonaws.com");
        assertThat(at(doc, "event.kind").asText()).isEqualTo("event");
        assertThat(texts(at(doc, "event.category"))).containsExactly("configuration");
        assertThat(texts(at(doc, "event.type"))).containsExactly("deletion");
        assertThat(at(doc, "event.outcome").asText()).isEqualTo("success");
        assertThat(at(doc, "event.dataset").asText()).isEqualTo("monitron.cloudtrail");
        assertThat(at(doc, "event.module").asText()).isEqualTo("aws");
        assertThat(at(doc, "event.ingested").asText()).isEqualTo("2024-06-01T12:00:00.123Z");
        assertThat(at(doc, "event.original").isMissingNode()).isTrue();
        assertThat(at(doc, "cloud.provider").asText()).isEqualTo("aws");
        assertThat(at(doc, "cloud.region").asText()).isEqualTo("us-east-1");
        assertThat(at(doc, "cloud.account.id").asText()).isEqualTo("123456789012");
        assertThat(at(doc, "cloud.service.name").asText()).isEqualTo("monitron");
        assertThat(at(doc, "monitron.api").asText()).isEqualTo("project");
        assertThat(at(doc, "monitron.resource.type").asText()).isEqualTo("project");
        assertThat(at(doc, "monitron.operation").asText()).isEqualTo("delete");
        assertThat(at(doc, "monitron.project.name").asText()).isEqualTo("plant-a");
        assertThat(at(doc, "monitron.client.type").asText()).isEqualTo("console");
        assertThat(at(doc, "aws.cloudtrail.request_parameters").asText()).isEqualTo("{\"Name\":\"plant-a\"}");
        assertThat(at(doc, "aws.cloudtrail.response_elements").asText()).isEqualTo("{\"Name\":\"plant-a\"}");
        assertThat(at(doc, "aws.cloudtrail.flattened.request_parameters.Name").asText())
                .isEqualTo("plant-a");
        assertThat(at(doc, "aws.cloudtrail.read_only").isBoolean()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.read_only").booleanValue()).isFalse();
        assertThat(at(doc, "aws.cloudtrail.session_credential_from_console").booleanValue())
                .isTrue();
        assertThat(at(doc, "aws.cloudtrail.tls_details.tls_version").asText()).isEqualTo("TLSv1.3");
        assertThat(at(doc, "log.file.path").asText()).isEqualTo("trail/file.json.gz");
        assertThat(at(doc, "log.file.record").asLong()).isEqualTo(7);
        assertThat(at(doc, "error").isMissingNode()).isTrue();
    }

    @Test
    void aReDrivenEventNamesItsOriginalInputAndTheDeadLetterFileApart() {
        RecordPosition entry = new RecordPosition("dead-letter/dead-letter-20261124T101500Z-1.ndjson", 2);
        Transformed result = new CloudTrailTransformer(false, TestEvents.CLOCK)
                .transform(minimal("GetProject"), null, RecordPosition.reDriven("trail/file.json.gz", 7, entry));

        JsonNode doc = ((Transformed.Built) result).document().source();
        assertThat(at(doc, "log.file.path").asText()).isEqualTo("trail/file.json.gz");
        assertThat(at(doc, "log.file.record").asLong()).isEqualTo(7);
        assertThat(at(doc, "aws.cloudtrail.redriven_from").asText())
                .isEqualTo("dead-letter/dead-letter-20261124T101500Z-1.ndjson");
    }

    @Test
    void anEventReadFromItsOriginalInputHasNoReDriveNote() {
        assertThat(at(source(minimal("GetProject")), "aws.cloudtrail.redriven_from")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void assumedRoleWithMfaIsNamedBySessionWithTheRoleInUserRoles() {
        JsonNode doc = source(load("delete-project-success.json"));

        assertThat(at(doc, "user.name").asText()).isEqualTo("jane.doe");
        assertThat(at(doc, "user.id").asText()).isEqualTo("AROAEXAMPLEROLEID:jane.doe");
        assertThat(texts(at(doc, "user.roles"))).containsExactly("MonitronAdmin");
        assertThat(at(doc, "user.email").isMissingNode()).isTrue();
        assertThat(texts(at(doc, "related.user")))
                .contains("jane.doe", "MonitronAdmin/jane.doe", "MonitronAdmin", "AROAEXAMPLEROLEID:jane.doe");
        String identity = "aws.cloudtrail.user_identity.";
        assertThat(at(doc, identity + "type").asText()).isEqualTo("AssumedRole");
        assertThat(at(doc, identity + "session_context.mfa_authenticated").isBoolean())
                .isTrue();
        assertThat(at(doc, identity + "session_context.mfa_authenticated").booleanValue())
                .isTrue();
        assertThat(at(doc, identity + "session_context.creation_date").asText()).isEqualTo("2024-05-14T08:59:31Z");
        assertThat(at(doc, identity + "session_context.session_issuer.user_name")
                        .asText())
                .isEqualTo("MonitronAdmin");
        assertThat(at(doc, "source.ip").asText()).isEqualTo("203.0.113.10");
        assertThat(texts(at(doc, "related.ip"))).containsExactly("203.0.113.10");
    }

    @Test
    void assumedRoleWithoutMfaAndWithoutUsableArnFallsBackToTheSessionIssuer() {
        ObjectNode event = minimal("GetProject");
        event.set(
                "userIdentity",
                TestEvents.parse(
                        """
                {"type":"AssumedRole","principalId":"AROAX:ci","arn":"not-an-arn",
                 "sessionContext":{"sessionIssuer":{"type":"Role","userName":"DeployRole"},
                   "attributes":{"mfaAuthenticated":"false","creationDate":"yesterday"}}}"""));

        JsonNode doc = source(event);

        assertThat(at(doc, "user.name").asText()).isEqualTo("DeployRole");
        JsonNode session = at(doc, "aws.cloudtrail.user_identity.session_context");
        assertThat(session.get("mfa_authenticated").booleanValue()).isFalse();
        assertThat(session.has("creation_date"))
                .as("unparseable creationDate is left out")
                .isFalse();
    }

    @Test
    void documentedAccessDeniedIsAFailureWithTheErrorMessage() {
        JsonNode doc = source(load("delete-project-access-denied.json"));

        assertThat(at(doc, "event.outcome").asText()).isEqualTo("failure");
        assertThat(at(doc, "error.code").asText()).isEqualTo("AccessDenied");
        assertThat(at(doc, "error.message").asText()).startsWith("User: arn:aws:iam::123456789012:user/bob");
        assertThat(at(doc, "user.name").asText()).isEqualTo("bob");
        assertThat(at(doc, "user.id").asText()).isEqualTo("AIDAEXAMPLEUSERID01");
        assertThat(texts(at(doc, "related.user"))).containsExactly("bob", "AIDAEXAMPLEUSERID01", "123456789012");
        assertThat(at(doc, "monitron.client.type").asText()).isEqualTo("cli_sdk");
        assertThat(at(doc, "user_agent.name").asText()).isEqualTo("aws-cli");
        assertThat(at(doc, "user_agent.version").asText()).isEqualTo("2.15.30");
        assertThat(at(doc, "user_agent.os.name").asText()).isEqualTo("Linux");
        assertThat(at(doc, "monitron.project.name").asText()).isEqualTo("plant-a");
        assertThat(at(doc, "aws.cloudtrail.response_elements").isMissingNode())
                .as("a null response has no text form")
                .isTrue();
    }

    @Test
    void conflictExceptionTakesItsMessageFromTheResponse() {
        JsonNode doc = source(load("create-site-conflict.json"));

        assertThat(at(doc, "event.outcome").asText()).isEqualTo("failure");
        assertThat(at(doc, "error.code").asText()).isEqualTo("ConflictException");
        assertThat(at(doc, "error.message").asText())
                .isEqualTo("A site named Dock 4 already exists in project plant-a");
        assertThat(at(doc, "event.action").asText()).isEqualTo("CreateSite");
        assertThat(at(doc, "aws.cloudtrail.event_name").asText()).isEqualTo("AmazonMonitronApp:CreateSite");
        assertThat(at(doc, "monitron.api").asText()).isEqualTo("app");
        assertThat(at(doc, "monitron.site.id").asText()).isEqualTo("site-7f3a");
        assertThat(at(doc, "monitron.site.name").asText()).isEqualTo("Dock 4");
        assertThat(at(doc, "monitron.client.type").asText()).isEqualTo("mobile_app");
        assertThat(at(doc, "user_agent.os.name").asText()).isEqualTo("Android");
        assertThat(at(doc, "user_agent.os.version").asText()).isEqualTo("13");
    }

    @Test
    void identityCenterUserWithoutUserNameIsNamedByOnBehalfOfUserId() {
        JsonNode doc = source(load("create-site-conflict.json"));

        assertThat(at(doc, "user.name").asText()).isEqualTo("94482488-3041-7026-18f3-be45837cd0e4");
        assertThat(at(doc, "aws.cloudtrail.user_identity.on_behalf_of.identity_store_arn")
                        .asText())
                .isEqualTo("arn:aws:identitystore::123456789012:identitystore/d-9067642ac7");
        assertThat(at(doc, "cloud.account.id").asText()).isEqualTo("123456789012");
    }

    @Test
    void identityCenterUserWithUserNameAndIpv6SourceFromIosApp() {
        JsonNode doc = source(load("asset-state-transition-ios.json"));

        assertThat(at(doc, "user.name").asText()).isEqualTo("maria.lopez");
        assertThat(at(doc, "source.ip").asText()).isEqualTo("2001:db8:85a3::8a2e:370:7334");
        assertThat(at(doc, "source.domain").isMissingNode()).isTrue();
        assertThat(at(doc, "user_agent.name").asText()).isEqualTo("Monitron mobile app");
        assertThat(at(doc, "user_agent.version").asText()).isEqualTo("2.5.1");
        assertThat(at(doc, "user_agent.os.name").asText()).isEqualTo("iOS");
        assertThat(at(doc, "user_agent.os.version").asText()).isEqualTo("17.4");
        assertThat(at(doc, "monitron.resource.type").asText()).isEqualTo("asset_state");
        assertThat(at(doc, "monitron.operation").asText()).isEqualTo("transition");
        assertThat(at(doc, "monitron.asset_state.from").asText()).isEqualTo("ALARM");
        assertThat(at(doc, "monitron.asset_state.to").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(at(doc, "monitron.asset.name").asText()).isEqualTo("Pump 3");
    }

    @Test
    void awsServiceCallerWithAHostNameSource() {
        JsonNode doc = source(load("tag-resource-by-cloudformation.json"));

        assertThat(at(doc, "user.name").asText()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(at(doc, "monitron.client.type").asText()).isEqualTo("aws_service");
        assertThat(at(doc, "source.ip").isMissingNode()).isTrue();
        assertThat(at(doc, "related.ip").isMissingNode()).isTrue();
        assertThat(at(doc, "source.domain").asText()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(at(doc, "source.address").asText()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(at(doc, "monitron.project.name").asText()).isEqualTo("plant-b");
        assertThat(at(doc, "monitron.project.arn").asText())
                .isEqualTo("arn:aws:monitron:us-east-1:123456789012:project/plant-b");
        assertThat(texts(at(doc, "monitron.tag.keys"))).containsExactly("env", "cost.center");
        assertThat(texts(at(doc, "aws.cloudtrail.resources.type"))).containsExactly("AWS::Monitron::Project");
        assertThat(at(doc, "aws.cloudtrail.flattened.request_parameters.Tags.cost_center")
                        .asText())
                .as("dotted tag key made safe in the flattened copy")
                .isEqualTo("4711");
    }

    @Test
    void rootCallerFromTheConsoleWithAwsInternalSource() {
        JsonNode doc = source(load("list-projects-by-root.json"));

        assertThat(at(doc, "user.name").asText()).isEqualTo("root");
        assertThat(at(doc, "monitron.client.type").asText()).isEqualTo("console");
        assertThat(at(doc, "source.address").asText()).isEqualTo("AWS Internal");
        assertThat(at(doc, "source.domain").isMissingNode())
                .as("AWS Internal is not a host name")
                .isTrue();
        assertThat(at(doc, "source.ip").isMissingNode()).isTrue();
        assertThat(texts(at(doc, "event.type"))).containsExactly("access");
        assertThat(at(doc, "aws.cloudtrail.read_only").booleanValue()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.request_parameters").isMissingNode()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.flattened").isMissingNode()).isTrue();
    }

    @Test
    void includesTheOriginalEventWhenAsked() {
        ObjectNode event = load("delete-project-success.json");
        Transformed result =
                new CloudTrailTransformer(true, TestEvents.CLOCK).transform(event, null, TestEvents.POSITION);

        JsonNode original = at(((Transformed.Built) result).document().source(), "event.original");
        assertThat(TestEvents.parse(original.asText())).isEqualTo(event);
    }

    @Test
    void keepsTheOriginalTextAsReadWhenTheReaderHasIt() {
        ObjectNode event = load("delete-project-success.json");
        String asRead = "{ \"spacing\" : \"as in the file\" }";
        Transformed result =
                new CloudTrailTransformer(true, TestEvents.CLOCK).transform(event, asRead, TestEvents.POSITION);

        assertThat(at(((Transformed.Built) result).document().source(), "event.original")
                        .asText())
                .isEqualTo(asRead);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"eventTime\": null}",
                "{\"eventTime\": 1715678467}",
                "{\"eventTime\": \"yesterday\"}",
                "{\"eventTime\": \"1969-12-31T23:59:59Z\"}",
                "{\"eventTime\": \"3000-01-01T00:00:00Z\"}"
            })
    void eventWithoutAUsableTimeIsInvalidAndNamesTheField(String fields) {
        ObjectNode event = minimal("GetProject");
        event.remove("eventTime");
        event.setAll(TestEvents.parse(fields));

        Transformed result =
                new CloudTrailTransformer(false, TestEvents.CLOCK).transform(event, null, TestEvents.POSITION);

        assertThat(result).isInstanceOf(Transformed.Invalid.class);
        assertThat(((Transformed.Invalid) result).reason()).contains("eventTime");
    }

    @Test
    void invalidReasonShowsTheBadValueCutTo200Characters() {
        ObjectNode event = minimal("GetProject");
        event.put("eventTime", "x".repeat(1000));

        Transformed.Invalid invalid = (Transformed.Invalid)
                new CloudTrailTransformer(false, TestEvents.CLOCK).transform(event, null, TestEvents.POSITION);

        assertThat(invalid.reason()).contains("x".repeat(200)).doesNotContain("x".repeat(201));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"eventSource\": 42}", "{\"eventSource\": \"\"}", "{\"eventSource\": null}"})
    void eventWithoutAUsableSourceIsInvalid(String fields) {
        ObjectNode event = minimal("GetProject");
        event.remove("eventSource");
        event.setAll(TestEvents.parse(fields));

        Transformed result =
                new CloudTrailTransformer(false, TestEvents.CLOCK).transform(event, null, TestEvents.POSITION);

        assertThat(result).isInstanceOf(Transformed.Invalid.class);
        assertThat(((Transformed.Invalid) result).reason()).contains("eventSource");
    }

    @Test
    void wrongTypedFieldsAreLeftOutOrConvertedNeverFatal() {
        ObjectNode event = minimal("UpdateSite");
        event.put("readOnly", "true");
        event.put("managementEvent", "maybe");
        event.set("awsRegion", TestEvents.parse("{\"not\":\"a region\"}"));
        event.put("userIdentity", "arn:aws:iam::123456789012:user/bob");
        event.put("recipientAccountId", 123456789012L);
        event.set("sourceIPAddress", TestEvents.JSON.createArrayNode().add("1.2.3.4"));
        event.set("tlsDetails", TestEvents.JSON.getNodeFactory().textNode("TLSv1.2"));
        event.set("resources", TestEvents.parse("{\"ARN\":\"x\"}"));
        event.put("userAgent", 17);
        event.put("requestParameters", "siteId=site-1");

        JsonNode doc = source(event);

        assertThat(at(doc, "aws.cloudtrail.read_only").isBoolean()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.read_only").booleanValue()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.management_event").isMissingNode()).isTrue();
        assertThat(at(doc, "cloud.region").isMissingNode()).isTrue();
        assertThat(at(doc, "user").isMissingNode()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.user_identity").isMissingNode()).isTrue();
        assertThat(at(doc, "cloud.account.id").asText()).isEqualTo("123456789012");
        assertThat(at(doc, "source").isMissingNode()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.tls_details").isMissingNode()).isTrue();
        assertThat(at(doc, "aws.cloudtrail.resources").isMissingNode()).isTrue();
        assertThat(at(doc, "user_agent.original").asText()).isEqualTo("17");
        assertThat(at(doc, "aws.cloudtrail.request_parameters").asText()).isEqualTo("siteId=site-1");
        assertThat(at(doc, "aws.cloudtrail.flattened").isMissingNode())
                .as("a string request has no flattened copy")
                .isTrue();
    }

    @Test
    void arrayRequestParametersAreWrappedForTheFlattenedCopy() {
        ObjectNode event = minimal("UpdateSite");
        event.set("requestParameters", TestEvents.parse("{\"a\":[1,{\"b\":2}]}").get("a"));

        JsonNode doc = source(event);

        assertThat(at(doc, "aws.cloudtrail.request_parameters").asText()).isEqualTo("[1,{\"b\":2}]");
        assertThat(at(doc, "aws.cloudtrail.flattened.request_parameters._value").isArray())
                .isTrue();
    }

    @Test
    void deepNestingStaysUnderTheFlattenedDepthLimit() {
        ObjectNode event = minimal("UpdateAsset");
        ObjectNode request = TestEvents.JSON.createObjectNode();
        ObjectNode node = request;
        for (int level = 0; level < 50; level++) {
            node = node.putObject("level" + level);
        }
        node.put("leaf", "bottom");
        event.set("requestParameters", request);

        JsonNode doc = source(event);

        JsonNode copy = at(doc, "aws.cloudtrail.flattened.request_parameters");
        assertThat(SafeFlattenedTest.objectDepth(copy)).isLessThanOrEqualTo(SafeFlattened.DEPTH_LIMIT);
        assertThat(at(doc, "aws.cloudtrail.request_parameters").asText()).contains("bottom");
    }

    @Test
    void eventWithoutEventIdGetsTheSameHashIdEveryTime() {
        ObjectNode event = load("delete-project-success.json");
        event.remove("eventID");
        ObjectNode reordered = TestEvents.JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        names.forEach(name -> reordered.set(name, event.get(name)));

        Document first = build(event);
        Document second = build(event.deepCopy());
        Document third = build(reordered);

        assertThat(first.id()).matches("[0-9a-f]{64}");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(third.id()).as("key order does not change the id").isEqualTo(first.id());
        assertThat(at(first.source(), "event.id").asText()).isEqualTo(first.id());
    }

    @Test
    void unknownFutureMonitronActionIsClassifiedFromItsName() {
        ObjectNode event = minimal("AmazonMonitronApp:CreateWorkOrder");
        event.set("requestParameters", TestEvents.parse("{\"projectName\":\"plant-a\",\"siteId\":\"s-1\"}"));

        JsonNode doc = source(event);

        assertThat(at(doc, "event.action").asText()).isEqualTo("CreateWorkOrder");
        assertThat(at(doc, "monitron.api").asText()).isEqualTo("app");
        assertThat(at(doc, "monitron.operation").asText()).isEqualTo("create");
        assertThat(at(doc, "monitron.resource.type").asText()).isEqualTo("work_order");
        assertThat(texts(at(doc, "event.category"))).containsExactly("configuration");
        assertThat(texts(at(doc, "event.type"))).containsExactly("creation");
        assertThat(at(doc, "monitron.project.name").asText()).isEqualTo("plant-a");
    }

    @Test
    void otherServicesEventsHaveNoMonitronFields() {
        ObjectNode event = minimal("DescribeInstances");
        event.put("eventSource", "ec2.amazonaws.com");

        JsonNode doc = source(event);

        assertThat(doc.has("monitron")).isFalse();
        assertThat(at(doc, "cloud.service.name").asText()).isEqualTo("ec2");
        assertThat(texts(at(doc, "event.category"))).containsExactly("configuration");
        assertThat(texts(at(doc, "event.type"))).containsExactly("access");
    }

    @Test
    void otherServicesEventWithAnUnknownVerbIsInfoOnly() {
        ObjectNode event = minimal("ConsoleLoginCheck");
        event.put("eventSource", "health.amazonaws.com");

        JsonNode doc = source(event);

        assertThat(at(doc, "event.category").isMissingNode()).isTrue();
        assertThat(texts(at(doc, "event.type"))).containsExactly("info");
    }

    @Test
    void targetUserOfAnAccessRoleChangeIsUserTargetAndARelatedUser() {
        ObjectNode event = minimal("AmazonMonitronApp:CreateUserAccessRoleAssociation");
        event.set(
                "userIdentity",
                TestEvents.parse("{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"admin\"}"));
        event.set(
                "requestParameters",
                TestEvents.parse(
                        "{\"projectName\":\"plant-a\",\"userId\":\"u-1\",\"userName\":\"tech.tom\",\"role\":\"TECHNICIAN\"}"));

        JsonNode doc = source(event);

        assertThat(texts(at(doc, "event.category"))).containsExactly("iam");
        assertThat(texts(at(doc, "event.type"))).containsExactly("user", "creation");
        assertThat(at(doc, "monitron.target_user.id").asText()).isEqualTo("u-1");
        assertThat(at(doc, "monitron.target_user.name").asText()).isEqualTo("tech.tom");
        assertThat(at(doc, "monitron.role").asText()).isEqualTo("TECHNICIAN");
        assertThat(at(doc, "user.target.name").asText()).isEqualTo("tech.tom");
        assertThat(at(doc, "user.target.id").asText()).isEqualTo("u-1");
        assertThat(texts(at(doc, "related.user"))).containsExactly("admin", "AIDA1", "tech.tom", "u-1");
    }

    @Test
    void eventIdLongerThan512CharactersIsReplacedByAHash() {
        ObjectNode event = minimal("GetProject");
        event.put("eventID", "e".repeat(513));

        assertThat(build(event).id()).matches("[0-9a-f]{64}");
    }
}
