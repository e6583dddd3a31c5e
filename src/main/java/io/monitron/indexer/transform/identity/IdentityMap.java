package io.monitron.indexer.transform.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.model.DirectoryUser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Identity Center users from a file, for air-gapped runs ({@code --identity-map FILE}): user id → user name, e-mail,
 * display name, whatever identity store the event names. Read once, whole, at start; immutable after.
 *
 * <p>Formats, told apart by the first character that is not white space ({@code [} or <code>{</code> is JSON):
 *
 * <ul>
 *   <li>CSV with a header naming the columns, in any order: {@code user_id} (required), {@code user_name},
 *       {@code email}, {@code display_name}; fields may be quoted ({@code "Patel, Raj"}, {@code ""} for a quote);
 *   <li>JSON: an array of objects with those keys, or an object from user id to an object with the other keys.
 * </ul>
 *
 * A file that cannot be read or holds no valid entry is a {@link ConfigException} naming the file and the line, so
 * the run stops at start (exit 2) rather than silently resolving nobody.
 */
public final class IdentityMap implements IdentityResolver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_ID = "user_id";

    private final Map<String, DirectoryUser> users;

    private IdentityMap(Map<String, DirectoryUser> users) {
        this.users = Map.copyOf(users);
    }

    public static IdentityMap of(Iterable<DirectoryUser> users) {
        Map<String, DirectoryUser> byId = new HashMap<>();
        users.forEach(user -> byId.put(user.userId(), user));
        return new IdentityMap(byId);
    }

    /** Reads a CSV or JSON identity map; see the class comment. */
    public static IdentityMap load(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException("--identity-map: no such file: " + file);
        } catch (CharacterCodingException e) {
            throw new ConfigException("--identity-map: " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException("--identity-map: cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String trimmed = text.stripLeading();
        List<DirectoryUser> entries =
                trimmed.startsWith("[") || trimmed.startsWith("{") ? fromJson(file, trimmed) : fromCsv(file, text);
        if (entries.isEmpty()) {
            throw new ConfigException("--identity-map: " + file + " holds no user (expected a CSV header "
                    + "user_id,user_name,email,display_name and one line per user, or JSON)");
        }
        return of(entries);
    }

    @Override
    public Optional<DirectoryUser> resolve(String identityStoreId, String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    public int size() {
        return users.size();
    }

    private static List<DirectoryUser> fromJson(Path file, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("--identity-map: " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        }
        List<DirectoryUser> users = new ArrayList<>();
        if (root.isArray()) {
            int index = 0;
            for (JsonNode entry : root) {
                String id = text(entry, USER_ID);
                if (id == null) {
                    throw new ConfigException("--identity-map: " + file + ": entry " + index + " has no \"user_id\"");
                }
                users.add(user(id, entry));
                index++;
            }
        } else {
            root.properties().forEach(entry -> {
                if (!entry.getValue().isObject()) {
                    throw new ConfigException("--identity-map: " + file + ": the value of \"" + entry.getKey()
                            + "\" is not an object with user_name, email, display_name");
                }
                users.add(user(entry.getKey(), entry.getValue()));
            });
        }
        return users;
    }

    private static DirectoryUser user(String id, JsonNode entry) {
        return new DirectoryUser(id, text(entry, "user_name"), text(entry, "email"), text(entry, "display_name"));
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static List<DirectoryUser> fromCsv(Path file, String text) {
        List<String> lines = text.lines().toList();
        int headerLine = 0;
        while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
            headerLine++;
        }
        if (headerLine == lines.size()) {
            return List.of();
        }
        List<String> header = CsvLine.split(lines.get(headerLine));
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        if (!columns.containsKey(USER_ID)) {
            throw new ConfigException("--identity-map: " + file + ": the CSV header (line " + (headerLine + 1)
                    + ") has no user_id column; expected user_id,user_name,email,display_name");
        }
        List<DirectoryUser> users = new ArrayList<>();
        for (int n = headerLine + 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells;
            try {
                cells = CsvLine.split(line);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--identity-map: " + file + ", line " + (n + 1) + ": " + e.getMessage());
            }
            String id = cell(cells, columns, USER_ID);
            if (id == null) {
                throw new ConfigException("--identity-map: " + file + ", line " + (n + 1) + " has no user_id");
            }
            users.add(new DirectoryUser(
                    id,
                    cell(cells, columns, "user_name"),
                    cell(cells, columns, "email"),
                    cell(cells, columns, "display_name")));
        }
        return users;
    }

    private static String cell(List<String> cells, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= cells.size()) {
            return null;
        }
        String value = cells.get(index).trim();
        return value.isEmpty() ? null : value;
    }
}
