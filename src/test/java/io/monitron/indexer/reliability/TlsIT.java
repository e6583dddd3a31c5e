package io.monitron.indexer.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.monitron.indexer.testing.ElasticsearchFixture;
import io.monitron.indexer.testing.IndexedDocuments;
import io.monitron.indexer.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against the real Elasticsearch with HTTPS and a CA made for the test: verification is on by default, a CA file
 * or a pinned CA fingerprint make it pass, a wrong CA or fingerprint make it fail, and turning it off takes a flag that
 * prints a warning.
 */
class TlsIT {
    private static final String PREFIX = "rel-tls";
    private static ElasticsearchFixture es;

    @TempDir
    Path temp;

    private Path input;

    @BeforeAll
    static void installTemplate() {
        es = ElasticsearchFixture.securedTls();
        Map<String, String> env = credentials();
        env.put("ES_CA_CERT", es.caCertificatePath().toString());
        CliResult setup = new InProcessCli(env).run("setup", "--index-prefix", PREFIX);
        assertThat(setup.exitCode()).as(setup.transcript()).isZero();
    }

    @BeforeEach
    void writeInput() {
        es.deleteIndices(PREFIX + "-*");
        input = Events.write(
                temp.resolve("in.json"),
                Events.utf8(Events.records(Events.monitron("tls-1").toString())));
    }

    private static Map<String, String> credentials() {
        Map<String, String> env = new HashMap<>();
        env.put("ES_URL", es.httpsUrl());
        env.put("ES_USERNAME", es.adminUsername());
        env.put("ES_PASSWORD", es.adminPassword());
        return env;
    }

    private CliResult index(Map<String, String> env, String... more) {
        return new InProcessCli(env).index(temp, PREFIX, input, more);
    }

    private static boolean indexed() {
        return IndexedDocuments.ids(es, PREFIX + "-*").contains("tls-1");
    }

    @Test
    void verificationIsOnByDefaultSoAnUnknownCaIsRefused() {
        CliResult run = index(credentials());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach Elasticsearch at " + es.httpsUrl());
        assertThat(indexed()).isFalse();
    }

    @Test
    void caFileMakesTheConnectionTrusted() {
        Map<String, String> env = credentials();
        env.put("ES_CA_CERT", es.caCertificatePath().toString());

        CliResult run = index(env);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).isTrue();
    }

    @Test
    void pinnedCaFingerprintMakesTheConnectionTrusted() {
        CliResult run = index(credentials(), "--es-ca-fingerprint", es.caFingerprintSha256());

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(indexed()).isTrue();
    }

    @Test
    void wrongCaFileOrFingerprintIsRefused() {
        TestCertificates other = TestCertificates.create(temp.resolve("other-ca"));
        Map<String, String> env = credentials();
        env.put("ES_CA_CERT", other.caCertificate().toString());

        CliResult wrongCa = index(env);
        CliResult wrongFingerprint = index(
                credentials(),
                "--es-ca-fingerprint",
                TestCertificates.sha256Fingerprint(
                        TestCertificates.readCertificates(other.caCertificate()).get(0)));

        assertThat(wrongCa.exitCode()).as(wrongCa.transcript()).isEqualTo(1);
        assertThat(wrongFingerprint.exitCode())
                .as(wrongFingerprint.transcript())
                .isEqualTo(1);
        assertThat(indexed()).isFalse();
    }

    @Test
    void insecureTakesAnExplicitFlagAndPrintsAWarning() {
        String[] args = {
            "index",
            "--path",
            input.toString(),
            "--index-prefix",
            PREFIX,
            "--insecure",
            "--dead-letter",
            temp.resolve("dl").toString()
        };
        CliResult run = IndexerProcess.run(credentials(), Duration.ofMinutes(2), args);

        assertThat(run.exitCode()).as(run.transcript()).isZero();
        assertThat(run.err()).contains("[WARN]").contains("TLS certificate verification for Elasticsearch is OFF");
        assertThat(indexed()).isTrue();
    }
}
