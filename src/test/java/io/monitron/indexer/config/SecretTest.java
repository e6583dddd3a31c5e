package io.monitron.indexer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(
            delimiter = '|',
            value = {
                "'pw'|'pw'",
                "'pw\n'|'pw'",
                "'pw\r\n'|'pw'",
                "'  pw with spaces  \n'|'  pw with spaces  '",
                "'pw\n\n'|'pw\n'",
                "'\tpw'|'\tpw'"
            })
    void aFileIsUsedAsWrittenExceptForOneLineBreakAtItsEnd(String content, String password) throws IOException {
        Path file = Files.writeString(temp.resolve("password"), content);

        assertThat(Secret.fromFile(file, "ES_PASSWORD_FILE").reveal()).isEqualTo(password);
    }

    @Test
    void aFolderSaysItIsAFolder() {
        assertThatThrownBy(() -> Secret.fromFile(temp, "--es-password-file"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "cannot read the secret file " + temp + " (--es-password-file): it is a folder, not a file");
    }

    @Test
    void aMissingFileSaysWhy() {
        Path missing = temp.resolve("missing");

        assertThatThrownBy(() -> Secret.fromFile(missing, "ES_PASSWORD_FILE"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read the secret file " + missing
                        + " (ES_PASSWORD_FILE): no such file or folder (NoSuchFileException)");
    }

    @Test
    void anEmptyFileOrOneWithOnlyALineBreakIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("password"), "\n");

        assertThatThrownBy(() -> Secret.fromFile(file, "ES_PASSWORD_FILE"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("is empty");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithoutShowingThem() throws IOException {
        Path file = Files.write(temp.resolve("password"), new byte[] {'p', (byte) 0xff, 'w'});

        assertThatThrownBy(() -> Secret.fromFile(file, "ES_PASSWORD_FILE"))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("it is not UTF-8 text");
    }

    @Test
    void neverPrintsItsValue() {
        assertThat(Secret.of("s3cret").toString()).isEqualTo("****");
    }
}
