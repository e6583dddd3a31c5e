package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "203.0.113.10",
                "0.0.0.0",
                "255.255.255.255",
                "::",
                "::1",
                "2001:db8:85a3::8a2e:370:7334",
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "fe80::1",
                "1::",
                "::ffff:192.0.2.1",
                "1:2:3:4:5:6:192.0.2.1"
            })
    void addressLiteralsAreIps(String text) {
        assertThat(IpLiteral.isIp(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "AWS Internal",
                "cloudformation.amazonaws.com",
                "monitron.amazonaws.com",
                "",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "01.2.3.4",
                "1.2.3.4 ",
                "1..2.3",
                ":::",
                "1:::2",
                "1::2::3",
                "12345::1",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4::5:6:7:8",
                "fe80::1%eth0",
                "[::1]",
                "g::1",
                "1:",
                ":1"
            })
    void otherTextIsNotAnIp(String text) {
        assertThat(IpLiteral.isIp(text)).isFalse();
    }
}
