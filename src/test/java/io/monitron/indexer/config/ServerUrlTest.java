package io.monitron.indexer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTest {
    private static final String ADVICE = "ES_USERNAME and ES_PASSWORD";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://user:s3cret@host:9200",
                "http://user:s3cret PW@host:9200",
                "http://user:s3cr\"et@host:9200",
                "http://user:s3cr%et@host:9200",
                "http://user:s3cr|et@host:9200",
                "http://user:s3cr@et@host:9200",
                "http://user:s3cr/et@host:9200",
                "http://user:s3cret@host_underscore:9200",
                "user:s3cret@host:9200",
                "http://user:s3cr et@",
                "ftp://user:s3cret@host"
            })
    void neverShowsUserInfoParsableOrNot(String url) {
        assertThatThrownBy(() -> ServerUrl.parse(url, "ES_URL", ADVICE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ES_URL")
                .hasMessageContaining("****@")
                .hasMessageNotContaining("s3cr")
                .hasMessageNotContaining("user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:s3,cret@host:9200", "http://a:9200,http://user:s3,cret@b:9200"})
    void aPasswordWithACommaInAListIsNeverShownInPieces(String value) {
        assertThatThrownBy(() -> ServerUrl.parseAll(List.of(value.split(",")), "ES_URL", ADVICE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not in the URL (ES_URL)")
                .hasMessageNotContaining("s3")
                .hasMessageNotContaining("cret")
                .hasMessageNotContaining("user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:9200", "http://", "http:// host:9200", "http://host:port", " "})
    void namesWhereABadUrlCameFrom(String url) {
        assertThatThrownBy(() -> ServerUrl.parse(url, "--es-url", ADVICE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--es-url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:9200", "https://es.example.com", " http://[::1]:9200/ "})
    void acceptsHttpAndHttpsUrlsWithAHost(String url) {
        assertThat(ServerUrl.parse(url, "--es-url", ADVICE)).isEqualTo(URI.create(url.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://host:9200", "not a url at all"})
    void leavesTextWithoutAnAtSignAlone(String text) {
        assertThat(ServerUrl.redact(text)).isEqualTo(text);
    }
}
