package io.monitron.indexer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ElasticsearchFixtureIT {

    @Nested
    @Order(1)
    class Shared {

        private final ElasticsearchFixture es = ElasticsearchFixture.shared();

        @Test
        void clusterIsHealthyAndOpen() {
            HttpResult health = es.requestAnonymously("GET", "/_cluster/health", null);

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isIn("green", "yellow");
            assertThat(es.url()).startsWith("http://");
            assertThat(es.username()).isEmpty();
        }

        @Test
        void indexedDocumentIsFoundAfterRefresh() {
            es.deleteIndices("fixture-it-roundtrip");

            HttpResult indexed = es.request(
                    "PUT", "/fixture-it-roundtrip/_doc/event-1", "{\"eventName\":\"CreateProject\",\"n\":7}");
            es.refresh("fixture-it-roundtrip");
            HttpResult found = es.request(
                    "POST",
                    "/fixture-it-roundtrip/_search",
                    "{\"query\":{\"term\":{\"eventName.keyword\":\"CreateProject\"}}}");

            assertThat(indexed.status()).isEqualTo(201);
            assertThat(found.json().at("/hits/total/value").asInt()).isEqualTo(1);
            assertThat(found.json().at("/hits/hits/0/_id").asText()).isEqualTo("event-1");
            assertThat(found.json().at("/hits/hits/0/_source/n").asInt()).isEqualTo(7);
        }

        @Test
        void deleteIndicesRemovesOnlyMatchingIndices() {
            es.request("PUT", "/fixture-it-delete-a", null);
            es.request("PUT", "/fixture-it-delete-b", null);
            es.request("PUT", "/fixture-it-keep", null);

            es.deleteIndices("fixture-it-delete-*");

            assertThat(es.request("HEAD", "/fixture-it-delete-a", null).status())
                    .isEqualTo(404);
            assertThat(es.request("HEAD", "/fixture-it-delete-b", null).status())
                    .isEqualTo(404);
            assertThat(es.request("HEAD", "/fixture-it-keep", null).status()).isEqualTo(200);
            es.deleteIndices("fixture-it-keep");
            es.deleteIndices("fixture-it-nothing-matches-*");
        }
    }

    @Nested
    @Order(2)
    class Secured {

        @Test
        void anonymousRequestIsRejected() {
            ElasticsearchFixture es = ElasticsearchFixture.secured();

            assertThat(es.requestAnonymously("GET", "/_cluster/health", null).status())
                    .isEqualTo(401);
        }

        @Test
        void adminIsAccepted() {
            ElasticsearchFixture es = ElasticsearchFixture.secured();

            HttpResult who = es.request("GET", "/_security/_authenticate", null);

            assertThat(who.status()).isEqualTo(200);
            assertThat(who.json().get("username").asText()).isEqualTo(es.adminUsername());
            assertThat(es.username()).contains(es.adminUsername());
            assertThat(es.password()).contains(es.adminPassword());
        }

        @Test
        void wrongPasswordIsRejected() {
            ElasticsearchFixture es = ElasticsearchFixture.secured();
            Credentials wrong = new Credentials(es.adminUsername(), es.adminPassword() + "x");

            assertThat(es.requestAs(wrong, "GET", "/_cluster/health", null).status())
                    .isEqualTo(401);
        }

        @Test
        void createdUserHasOnlyItsRolePrivileges() {
            ElasticsearchFixture es = ElasticsearchFixture.secured();
            es.createRole(
                    "fixture_it_writer",
                    "{\"cluster\":[\"monitor\"],\"indices\":[{\"names\":[\"fixture-it-allowed-*\"],"
                            + "\"privileges\":[\"create_index\",\"write\"]}]}");
            Credentials writer = es.createUser("fixture_it_writer_user", "writer-password-1", "fixture_it_writer");

            HttpResult allowed = es.requestAs(writer, "PUT", "/fixture-it-allowed-1/_doc/1", "{\"a\":1}");
            HttpResult denied = es.requestAs(writer, "PUT", "/fixture-it-denied-1/_doc/1", "{\"a\":1}");

            assertThat(allowed.status()).isEqualTo(201);
            assertThat(denied.status()).isEqualTo(403);
            es.deleteIndices("fixture-it-allowed-*");
        }

        @Test
        void nativeRealmIsUnavailableInTheLocalDistribution() {
            ElasticsearchFixture es = ElasticsearchFixture.secured();
            assumeTrue(es.runsLocalDistribution(), "only the minimal local distribution lacks the native realm");

            HttpResult role = es.request("PUT", "/_security/role/fixture_it_native", "{\"cluster\":[\"monitor\"]}");
            HttpResult user = es.request(
                    "PUT", "/_security/user/fixture_it_native", "{\"password\":\"native-password-1\",\"roles\":[]}");

            // if this starts passing with 200s, the distribution grew the analysis module and tests may use the API
            assertThat(role.status()).as(role.body()).isEqualTo(400);
            assertThat(role.body()).contains("pattern_capture");
            assertThat(user.status()).as(user.body()).isEqualTo(400);
        }
    }

    @Nested
    @Order(3)
    class SwitchingSecuredFlavours {

        @Test
        void startingTheTlsNodeStopsTheSecuredNodeAndAllItsProcesses() {
            ElasticsearchFixture secured = ElasticsearchFixture.secured();
            assumeTrue(secured.runsLocalDistribution(), "only local nodes are limited to two at a time");
            List<ProcessHandle> tree = secured.localNode().orElseThrow().processTree();
            assertThat(tree).hasSizeGreaterThanOrEqualTo(3).allMatch(ProcessHandle::isAlive); // sh, CLI, server

            ElasticsearchFixture.securedTls();

            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThatThrownBy(secured::url).hasMessageContaining("stopped").hasMessageContaining("secured()");
        }
    }

    @Nested
    @Order(4)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    class SecuredTls {

        private final ElasticsearchFixture es = ElasticsearchFixture.securedTls();

        @Test
        void clientTrustingTheCaIsServed() throws Exception {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(TestCertificates.sslContextTrusting(es.caCertificatePath()))
                    .build();

            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(es.httpsUrl() + "/_cluster/health"))
                            .header("Authorization", es.admin().basicAuthorizationHeader())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(es.requestAnonymously("GET", "/_cluster/health", null).status())
                    .isEqualTo(401);
        }

        @Test
        void clientTrustingAnUnrelatedCaFailsTheHandshake(@TempDir Path otherCa) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(TestCertificates.sslContextTrusting(
                            TestCertificates.create(otherCa).caCertificate()))
                    .build();

            assertThatThrownBy(() -> client.send(
                            HttpRequest.newBuilder(URI.create(es.httpsUrl() + "/_cluster/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }

        @Test
        void fingerprintIsTheCaOfTheCertificateTheNodePresents() throws Exception {
            URI url = URI.create(es.httpsUrl());
            Certificate[] presented;
            try (SSLSocket socket = (SSLSocket)
                    es.sslContext().orElseThrow().getSocketFactory().createSocket(url.getHost(), url.getPort())) {
                socket.startHandshake();
                presented = socket.getSession().getPeerCertificates();
            }
            X509Certificate ca =
                    TestCertificates.readCertificates(es.caCertificatePath()).get(0);

            assertThat(es.caFingerprintSha256()).matches("[0-9a-f]{64}");
            presented[0].verify(ca.getPublicKey()); // throws unless the CA signed the node certificate
            assertThat(TestCertificates.sha256Fingerprint(presented[presented.length - 1]))
                    .isEqualTo(es.caFingerprintSha256());
            assertThat(((X509Certificate) presented[0])
                            .getSubjectX500Principal()
                            .getName())
                    .isEqualTo("CN=localhost");
        }
    }
}
