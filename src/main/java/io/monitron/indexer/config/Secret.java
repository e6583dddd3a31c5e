package io.monitron.indexer.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A password or key. Its {@code toString} never shows the value, so a secret that ends up in a log line, an exception
 * message or a record's string form prints as {@code ****}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value);
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /**
     * The secret a file holds: its UTF-8 text as written, except for one line break at its end (which editors and
     * {@code echo} add). Spaces are kept: they may be part of a password.
     *
     * @param origin how the file was given, for messages: {@code --es-password-file}, {@code ES_PASSWORD_FILE}
     * @throws ConfigException when the file cannot be read, is a folder, is not UTF-8 text or holds nothing
     */
    public static Secret fromFile(Path path, String origin) {
        String where = "the secret file " + path + " (" + origin + ")";
        if (Files.isDirectory(path)) {
            throw new ConfigException("cannot read " + where + ": it is a folder, not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + where + ": " + IoFailure.describe(e));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("cannot read " + where + ": it is not UTF-8 text");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new ConfigException(where + " is empty");
        }
        return new Secret(text);
    }

    /** The value itself; call only where it is handed to the protocol that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
