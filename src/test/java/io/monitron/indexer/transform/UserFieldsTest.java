package io.monitron.indexer.transform;

import static io.monitron.indexer.transform.TestEvents.at;
import static io.monitron.indexer.transform.TestEvents.minimal;
import static io.monitron.indexer.transform.TestEvents.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.model.DirectoryUser;
import io.monitron.indexer.model.Document;
import io.monitron.indexer.transform.identity.IdentityResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** user.*, user.target.*, group.name and related.user for every userIdentity type (docs/fields.md, "Users"). */
class UserFieldsTest {
    private static final String STORE_ARN = "arn:aws:identitystore::123456789012:identitystore/d-9067642ac7";
    private static final String RAJ_ID = "94482488-3041-7026-18f3-be45837cd0e4";

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode withIdentity(String eventName, String identityJson) {
        ObjectNode event = minimal(eventName);
        event.set("userIdentity", parse(identityJson));
        return TestEvents.source(event);
    }

    private static JsonNode transform(ObjectNode event, IdentityResolver resolver) {
        Transformed result = new CloudTrailTransformer(
                        false, TestEvents.CLOCK, Enrichment.none().withIdentities(resolver))
                .transform(event, null, TestEvents.POSITION);
        Document document = ((Transformed.Built) result).document();
        return document.source();
    }

    @Test
    void identityCenterConsoleSessionIsFoundByThePersonsEmailAsAnExactTerm() {
        JsonNode doc = withIdentity(
                "ListProjects",
                """
                {"type":"AssumedRole","principalId":"AROAEXAMPLESSO:raj.patel@example.com",
                 "arn":"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_MonitronAdmin_2a01948441e20a37/raj.patel@example.com",
                 "accountId":"123456789012","accessKeyId":"ASIAEXAMPLE",
                 "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLESSO",
                   "arn":"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_MonitronAdmin_2a01948441e20a37",
                   "accountId":"123456789012","userName":"AWSReservedSSO_MonitronAdmin_2a01948441e20a37"},
                   "attributes":{"creationDate":"2024-05-14T08:00:00Z","mfaAuthenticated":"false"}}}""");

        assertThat(at(doc, "user.name").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(doc, "user.email").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(doc, "user.id").asText()).isEqualTo("AROAEXAMPLESSO:raj.patel@example.com");
        assertThat(texts(at(doc, "user.roles"))).containsExactly("AWSReservedSSO_MonitronAdmin_2a01948441e20a37");
        assertThat(texts(at(doc, "related.user")))
                .startsWith("raj.patel@example.com")
                .contains(
                        "AWSReservedSSO_MonitronAdmin_2a01948441e20a37",
                        "AWSReservedSSO_MonitronAdmin_2a01948441e20a37/raj.patel@example.com",
                        "AROAEXAMPLESSO:raj.patel@example.com",
                        "123456789012")
                .doesNotHaveDuplicates();
    }

    @Test
    void iamUserIsNamedByUserName() {
        JsonNode doc = withIdentity(
                "GetProject",
                """
                {"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::123456789012:user/bob",
                 "accountId":"123456789012","userName":"bob"}""");

        assertThat(at(doc, "user.name").asText()).isEqualTo("bob");
        assertThat(at(doc, "user.id").asText()).isEqualTo("AIDAEXAMPLE");
        assertThat(at(doc, "user.roles").isMissingNode()).isTrue();
        assertThat(texts(at(doc, "related.user"))).containsExactly("bob", "AIDAEXAMPLE", "123456789012");
    }

    @Test
    void webIdentityAndSamlRoleSessionsAreNamedBySessionName() {
        JsonNode web = withIdentity(
                "GetProject",
                """
                {"type":"AssumedRole","principalId":"AROAWEB:app-session-42",
                 "arn":"arn:aws:sts::123456789012:assumed-role/MobileWebRole/app-session-42","accountId":"123456789012",
                 "sessionContext":{"sessionIssuer":{"type":"Role","userName":"MobileWebRole"},
                   "webIdFederationData":{"federatedProvider":"cognito-identity.amazonaws.com"}}}""");
        JsonNode saml = withIdentity(
                "GetProject",
                """
                {"type":"AssumedRole","principalId":"AROASAML:ana.ng@corp.example",
                 "arn":"arn:aws:sts::123456789012:assumed-role/OktaMonitron/ana.ng@corp.example","accountId":"123456789012",
                 "sessionContext":{"sessionIssuer":{"type":"Role","userName":"OktaMonitron"}}}""");

        assertThat(at(web, "user.name").asText()).isEqualTo("app-session-42");
        assertThat(at(web, "user.email").isMissingNode()).isTrue();
        assertThat(texts(at(web, "user.roles"))).containsExactly("MobileWebRole");
        assertThat(at(saml, "user.name").asText()).isEqualTo("ana.ng@corp.example");
        assertThat(at(saml, "user.email").asText()).isEqualTo("ana.ng@corp.example");
        assertThat(texts(at(saml, "user.roles"))).containsExactly("OktaMonitron");
    }

    @Test
    void federatedUserIsNamedFromTheFederatedUserArnAndItsIssuerIsRelated() {
        JsonNode doc = withIdentity(
                "GetProject",
                """
                {"type":"FederatedUser","principalId":"123456789012:ops-portal",
                 "arn":"arn:aws:sts::123456789012:federated-user/ops-portal","accountId":"123456789012",
                 "sessionContext":{"sessionIssuer":{"type":"IAMUser","userName":"broker"}}}""");

        assertThat(at(doc, "user.name").asText()).isEqualTo("ops-portal");
        assertThat(at(doc, "user.id").asText()).isEqualTo("123456789012:ops-portal");
        assertThat(texts(at(doc, "related.user"))).contains("ops-portal", "broker", "123456789012:ops-portal");
    }

    @Test
    void rootServiceAndAccountCallers() {
        JsonNode root = withIdentity(
                "ListProjects",
                """
                {"type":"Root","principalId":"123456789012","arn":"arn:aws:iam::123456789012:root",
                 "accountId":"123456789012"}""");
        JsonNode service =
                withIdentity("TagResource", "{\"type\":\"AWSService\",\"invokedBy\":\"cloudformation.amazonaws.com\"}");
        JsonNode account = withIdentity(
                "ListProjects",
                "{\"type\":\"AWSAccount\",\"principalId\":\"AIDAOTHER\",\"accountId\":\"444455556666\"}");

        assertThat(at(root, "user.name").asText()).isEqualTo("root");
        assertThat(at(root, "user.id").asText()).isEqualTo("123456789012");
        assertThat(at(service, "user.name").asText()).isEqualTo("cloudformation.amazonaws.com");
        assertThat(at(service, "user.id").isMissingNode()).isTrue();
        assertThat(at(account, "user.name").asText()).isEqualTo("444455556666");
        assertThat(at(account, "user.id").asText()).isEqualTo("AIDAOTHER");
    }

    @Test
    void unknownTypeAndMissingIdentityUseTheUserNameTheEventGives() {
        ObjectNode failedSignIn = minimal("ConsoleLogin");
        failedSignIn.put("eventSource", "signin.amazonaws.com");
        failedSignIn.set(
                "userIdentity",
                parse("{\"type\":\"Unknown\",\"principalId\":\"123456789012\",\"userName\":\"mallory\"}"));
        ObjectNode noIdentity = minimal("Authenticate");
        noIdentity.put("eventSource", "sso.amazonaws.com");
        noIdentity.set("additionalEventData", parse("{\"UserName\":\"raj.patel@example.com\"}"));
        ObjectNode nothing = minimal("ListProjects");

        assertThat(at(TestEvents.source(failedSignIn), "user.name").asText()).isEqualTo("mallory");
        JsonNode sso = TestEvents.source(noIdentity);
        assertThat(at(sso, "user.name").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(sso, "user.email").asText()).isEqualTo("raj.patel@example.com");
        JsonNode none = TestEvents.source(nothing);
        assertThat(at(none, "user").isMissingNode()).isTrue();
        assertThat(at(none, "related.user").isMissingNode()).isTrue();
    }

    /** The documented IdentityCenterUser shape, with the user name in additionalEventData. */
    @Test
    void identityCenterUserTakesTheUserNameFromAdditionalEventDataAndTheIdFromOnBehalfOf() {
        ObjectNode event = minimal("AmazonMonitronApp:ListSites");
        event.set(
                "userIdentity",
                parse(
                        """
                {"type":"IdentityCenterUser","accountId":"123456789012",
                 "onBehalfOf":{"userId":"%s","identityStoreArn":"%s"},
                 "credentialId":"EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE"}"""
                                .formatted(RAJ_ID, STORE_ARN)));
        event.set("additionalEventData", parse("{\"UserName\":\"raj.patel@example.com\"}"));
        AtomicInteger lookups = new AtomicInteger();

        JsonNode doc = transform(event, (store, id) -> {
            lookups.incrementAndGet();
            return Optional.empty();
        });

        assertThat(at(doc, "user.name").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(doc, "user.email").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(doc, "user.id").asText()).isEqualTo(RAJ_ID);
        assertThat(texts(at(doc, "related.user"))).contains("raj.patel@example.com", RAJ_ID, "123456789012");
        assertThat(lookups).as("a name in the event needs no lookup").hasValue(0);
    }

    @Test
    void identityCenterUserWithOnlyAnIdIsResolvedInTheEventsIdentityStore() {
        ObjectNode event = minimal("AmazonMonitronApp:CreateSite");
        event.set(
                "userIdentity",
                parse("{\"type\":\"IdentityCenterUser\",\"accountId\":\"123456789012\","
                        + "\"onBehalfOf\":{\"userId\":\"%s\",\"identityStoreArn\":\"%s\"}}"
                                .formatted(RAJ_ID, STORE_ARN)));
        List<String> asked = new ArrayList<>();

        JsonNode doc = transform(event, (store, id) -> {
            asked.add(store + "/" + id);
            return Optional.of(new DirectoryUser(id, "rpatel", "raj.patel@example.com", "Raj Patel"));
        });

        assertThat(asked).containsExactly("d-9067642ac7/" + RAJ_ID);
        assertThat(at(doc, "user.name").asText()).isEqualTo("rpatel");
        assertThat(at(doc, "user.email").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(doc, "user.full_name").asText()).isEqualTo("Raj Patel");
        assertThat(at(doc, "user.id").asText()).isEqualTo(RAJ_ID);
        assertThat(texts(at(doc, "related.user"))).contains("rpatel", "raj.patel@example.com", RAJ_ID);
    }

    @Test
    void identityCenterUserThatCannotBeResolvedKeepsTheIdAsName() {
        ObjectNode event = minimal("AmazonMonitronApp:CreateSite");
        event.set(
                "userIdentity",
                parse("{\"type\":\"Unknown\",\"onBehalfOf\":{\"userId\":\"%s\",\"identityStoreArn\":\"%s\"}}"
                        .formatted(RAJ_ID, STORE_ARN)));

        JsonNode doc = transform(event, IdentityResolver.NONE);

        assertThat(at(doc, "user.name").asText()).isEqualTo(RAJ_ID);
        assertThat(at(doc, "user.id").asText()).isEqualTo(RAJ_ID);
        assertThat(at(doc, "user.email").isMissingNode()).isTrue();
    }

    @Test
    void roleSessionActingOnBehalfOfAnIdentityCenterUserIsNamedBySessionWithoutALookup() {
        ObjectNode event = minimal("AmazonMonitronApp:ListSites");
        event.set(
                "userIdentity",
                parse(
                        """
                {"type":"AssumedRole","principalId":"AROAEXAMPLESSO:raj.patel@example.com",
                 "arn":"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_MonitronUser_2a01948441e20a37/raj.patel@example.com",
                 "onBehalfOf":{"userId":"%s","identityStoreArn":"%s"}}"""
                                .formatted(RAJ_ID, STORE_ARN)));
        AtomicInteger lookups = new AtomicInteger();

        JsonNode doc = transform(event, (store, id) -> {
            lookups.incrementAndGet();
            return Optional.empty();
        });

        assertThat(at(doc, "user.name").asText()).isEqualTo("raj.patel@example.com");
        assertThat(at(doc, "user.id").asText()).isEqualTo(RAJ_ID);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void monitronTargetUserKnownOnlyByIdIsResolvedToo() {
        ObjectNode event = minimal("AssociateProjectAdminUser");
        event.set(
                "userIdentity",
                parse("{\"type\":\"IdentityCenterUser\",\"onBehalfOf\":{\"userId\":\"%s\",\"identityStoreArn\":\"%s\"}}"
                        .formatted(RAJ_ID, STORE_ARN)));
        event.set("additionalEventData", parse("{\"UserName\":\"raj.patel@example.com\"}"));
        event.set("requestParameters", parse("{\"ProjectName\":\"plant-a\",\"AdminUserId\":\"u-maria\"}"));

        JsonNode doc = transform(
                event,
                (store, id) -> id.equals("u-maria")
                        ? Optional.of(new DirectoryUser(id, "maria.lopez@example.com", null, "Maria Lopez"))
                        : Optional.empty());

        assertThat(at(doc, "user.target.id").asText()).isEqualTo("u-maria");
        assertThat(at(doc, "user.target.name").asText()).isEqualTo("maria.lopez@example.com");
        assertThat(at(doc, "user.target.email").asText()).isEqualTo("maria.lopez@example.com");
        assertThat(at(doc, "user.target.full_name").asText()).isEqualTo("Maria Lopez");
        assertThat(texts(at(doc, "related.user"))).contains("raj.patel@example.com", "maria.lopez@example.com");
    }

    @Test
    void iamCallOnAnotherUserAndGroupHasTargetAndGroupName() {
        ObjectNode event = minimal("AddUserToGroup");
        event.put("eventSource", "iam.amazonaws.com");
        event.set("userIdentity", parse("{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"admin\"}"));
        event.set("requestParameters", parse("{\"groupName\":\"monitron-admins\",\"userName\":\"tech.tom\"}"));

        JsonNode doc = TestEvents.source(event);

        assertThat(at(doc, "user.name").asText()).isEqualTo("admin");
        assertThat(at(doc, "user.target.name").asText()).isEqualTo("tech.tom");
        assertThat(at(doc, "group.name").asText()).isEqualTo("monitron-admins");
        assertThat(texts(at(doc, "related.user"))).contains("admin", "tech.tom").doesNotContain("monitron-admins");
    }

    @Test
    void assumeRoleNamesTheTargetRoleAndSession() {
        ObjectNode event = minimal("AssumeRole");
        event.put("eventSource", "sts.amazonaws.com");
        event.set("userIdentity", parse("{\"type\":\"IAMUser\",\"principalId\":\"AIDA1\",\"userName\":\"ci\"}"));
        event.set(
                "requestParameters",
                parse("{\"roleArn\":\"arn:aws:iam::123456789012:role/deploy/MonitronDeployer\","
                        + "\"roleSessionName\":\"pipeline-77\"}"));

        JsonNode doc = TestEvents.source(event);

        assertThat(texts(at(doc, "user.target.roles"))).containsExactly("MonitronDeployer");
        assertThat(at(doc, "user.target.name").asText()).isEqualTo("pipeline-77");
        assertThat(texts(at(doc, "event.category"))).containsExactly("authentication");
        assertThat(texts(at(doc, "event.type"))).containsExactly("start");
    }

    @Test
    void emailDetectionNeedsOneAtAndADottedDomain() {
        assertThat(UserFields.isEmail("raj.patel@example.com")).isTrue();
        assertThat(UserFields.isEmail("a@b.io")).isTrue();
        assertThat(UserFields.isEmail("jane.doe")).isFalse();
        assertThat(UserFields.isEmail("@example.com")).isFalse();
        assertThat(UserFields.isEmail("raj@localhost")).isFalse();
        assertThat(UserFields.isEmail("a@b@c.com")).isFalse();
        assertThat(UserFields.isEmail("raj patel@example.com")).isFalse();
        assertThat(UserFields.isEmail("raj@example.")).isFalse();
    }
}
