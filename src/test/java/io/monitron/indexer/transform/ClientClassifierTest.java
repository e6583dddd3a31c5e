package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.transform.ClientClassifier.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientClassifierTest {

    private static Client classify(String userAgent) {
        return ClientClassifier.classify(userAgent, "IAMUser", null, null);
    }

    @Test
    void androidAppIsTheMobileAppWithVersionAndOs() {
        Client client = classify("AmazonMonitron/2.5.1 (Android 13; Pixel 7)");

        assertThat(client).isEqualTo(new Client("mobile_app", "Monitron mobile app", "2.5.1", "Android", "13"));
    }

    @Test
    void iosAppIsTheMobileAppWithVersionAndOs() {
        Client client = classify("AmazonMonitron/2.5.1 (iOS 17.4; iPhone14,2)");

        assertThat(client).isEqualTo(new Client("mobile_app", "Monitron mobile app", "2.5.1", "iOS", "17.4"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64 command/monitron.list-projects | aws-cli | 2.15.30",
                "aws-sdk-java/2.25.1 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10+7 | aws-sdk-java | 2.25.1",
                "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#6.5 Botocore/1.34.51 | Boto3 | 1.34.51",
                "botocore/1.34.51 | botocore | 1.34.51",
                "aws-sdk-js/3.540.0 ua/2.0 os/darwin#23.4.0 lang/js | aws-sdk-js | 3.540.0",
                "APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) | Terraform | 1.7.5"
            })
    void cliAndSdkClientsAreNamedByTheirFirstProduct(String userAgent, String name, String version) {
        Client client = classify(userAgent);

        assertThat(client.type()).isEqualTo("cli_sdk");
        assertThat(client.name()).isEqualTo(name);
        assertThat(client.version()).isEqualTo(version);
    }

    @Test
    void cliUserAgentNamingMonitronIsStillTheCli() {
        assertThat(classify("aws-cli/2.15.30 command/monitron.list-projects").type())
                .isEqualTo("cli_sdk");
    }

    @ParameterizedTest
    @CsvSource({
        "console.amazonaws.com",
        "AWS Internal",
        "'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'"
    })
    void consoleUserAgents(String userAgent) {
        assertThat(classify(userAgent).type()).isEqualTo("console");
    }

    @Test
    void consoleSessionCredentialsMakeAnUnknownAgentTheConsole() {
        assertThat(ClientClassifier.classify("some-agent", "AssumedRole", null, Boolean.TRUE)
                        .type())
                .isEqualTo("console");
    }

    @Test
    void awsServiceIdentityWinsOverItsUserAgent() {
        assertThat(ClientClassifier.classify("aws-sdk-java/1.12", "AWSService", "events.amazonaws.com", null)
                        .type())
                .isEqualTo("aws_service");
    }

    @Test
    void serviceHostUserAgentIsAnAwsService() {
        assertThat(classify("cloudformation.amazonaws.com").type()).isEqualTo("aws_service");
    }

    @Test
    void invokedByMakesAnAwsService() {
        assertThat(ClientClassifier.classify(null, "AssumedRole", "ssm.amazonaws.com", null)
                        .type())
                .isEqualTo("aws_service");
    }

    @Test
    void anythingElseIsOther() {
        assertThat(classify("curl/8.5.0").type()).isEqualTo("other");
        assertThat(classify(null).type()).isEqualTo("other");
    }

    @Test
    void mobileUserAgentWithoutDetailsStillClassifies() {
        assertThat(classify("AmazonMonitron"))
                .isEqualTo(new Client("mobile_app", "Monitron mobile app", null, null, null));
    }
}
