package io.monitron.indexer.source.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.monitron.indexer.model.Input;
import io.monitron.indexer.port.Listing;
import io.monitron.indexer.source.SourceException;
import io.monitron.indexer.source.aws.AwsClients;
import io.monitron.indexer.source.aws.AwsSettings;
import io.monitron.indexer.testing.LocalS3;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@code --role-arn}/{@code --external-id}: the real SDK's STS client against a local server speaking STS's query
 * protocol (form-encoded {@code Action=AssumeRole}, XML answer), and S3Proxy accepting only the assumed role's keys.
 */
class AssumeRoleAgainstLocalStsProtocolTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/monitron-trail-reader";
    private static final String ROLE_ACCESS_KEY = "ASIAROLEACCESSKEY";
    private static final String ROLE_SECRET = "role-secret-key";
    private static final String KEY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/01/"
            + "111122223333_CloudTrail_us-east-1_20261001T0000Z_abcdefghijklmnop.json.gz";

    private final List<Map<String, String>> stsRequests = new CopyOnWriteArrayList<>();
    private HttpServer sts;
    private LocalS3 s3;

    @BeforeEach
    void start() throws Exception {
        s3 = new LocalS3(ROLE_ACCESS_KEY, ROLE_SECRET);
        s3.createBucket("trail");
        s3.put("trail", KEY, new TrailFiles(7).logFile("111122223333", "us-east-1", LocalDate.of(2026, 10, 1), 3, 10));
        sts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sts.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            stsRequests.add(form);
            byte[] answer = ("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                            + "<AssumeRoleResult><Credentials><AccessKeyId>" + ROLE_ACCESS_KEY + "</AccessKeyId>"
                            + "<SecretAccessKey>" + ROLE_SECRET + "</SecretAccessKey><SessionToken>session-token"
                            + "</SessionToken><Expiration>" + Instant.now().plusSeconds(3600) + "</Expiration>"
                            + "</Credentials><AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/"
                            + "monitron-trail-reader/monitron-cloudtrail-indexer</Arn><AssumedRoleId>AROAEXAMPLE:"
                            + "monitron-cloudtrail-indexer</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>"
                            + "<ResponseMetadata><RequestId>local-1</RequestId></ResponseMetadata>"
                            + "</AssumeRoleResponse>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        sts.start();
        // the SDK's service-specific endpoint setting: the STS client AwsClients builds goes to the local server
        System.setProperty(
                "aws.endpointUrlSts", "http://127.0.0.1:" + sts.getAddress().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("aws.endpointUrlSts");
        sts.stop(0);
        s3.close();
    }

    private AwsClients clients(Optional<String> role, Optional<String> externalId) {
        return AwsClients.create(
                new AwsSettings(
                        Optional.empty(),
                        role,
                        externalId,
                        Optional.of(s3.endpoint()),
                        true,
                        Optional.of("us-east-1"),
                        Optional.empty()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("base-access", "base-secret")),
                List.of());
    }

    private static List<String> keys(AwsClients clients) {
        return new S3TrailSource(
                        clients.s3(), S3Location.parse("s3://trail"), TrailScope.everything(), p -> Optional.empty())
                .inputs(Listing.IGNORE)
                .map(Input::location)
                .toList();
    }

    @Test
    void theRoleIsAssumedWithItsExternalIdAndItsCredentialsSignTheS3Requests() {
        try (AwsClients clients = clients(Optional.of(ROLE), Optional.of("ext-4711"))) {
            assertThat(keys(clients)).containsExactly("s3://trail/" + KEY);
        }
        assertThat(stsRequests).isNotEmpty();
        Map<String, String> request = stsRequests.get(0);
        assertThat(request)
                .containsEntry("Action", "AssumeRole")
                .containsEntry("RoleArn", ROLE)
                .containsEntry("ExternalId", "ext-4711")
                .containsEntry("RoleSessionName", AwsClients.SESSION_NAME);
    }

    @Test
    void withoutTheRoleTheBaseCredentialsAreRefused() {
        try (AwsClients clients = clients(Optional.empty(), Optional.empty())) {
            assertThatThrownBy(() -> keys(clients)).isInstanceOf(SourceException.class);
        }
        assertThat(stsRequests).isEmpty();
    }
}
