package io.monitron.indexer.transform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.model.DirectoryUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityMapTest {
    @TempDir
    Path temp;

    private Path write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void csvWithColumnsInAnyOrderAndQuotedCells() throws IOException {
        Path file = write(
                "users.csv",
                "\uFEFFemail,user_id,display_name,user_name\n"
                        + "raj.patel@example.com,u-1,\"Patel, Raj\",rpatel\n"
                        + "\n"
                        + ",u-2,\"Maria \"\"Mia\"\" Lopez\",\n");

        IdentityMap map = IdentityMap.load(file);

        assertThat(map.size()).isEqualTo(2);
        assertThat(map.resolve("d-any", "u-1"))
                .contains(new DirectoryUser("u-1", "rpatel", "raj.patel@example.com", "Patel, Raj"));
        assertThat(map.resolve(null, "u-2")).contains(new DirectoryUser("u-2", null, null, "Maria \"Mia\" Lopez"));
        assertThat(map.resolve(null, "u-3")).isEmpty();
    }

    @Test
    void jsonArrayAndJsonObjectForms() throws IOException {
        Path array = write(
                "a.json",
                "[{\"user_id\":\"u-1\",\"user_name\":\"rpatel\",\"email\":\"raj.patel@example.com\"},"
                        + "{\"user_id\":\"u-2\",\"display_name\":\"Maria Lopez\"}]");
        Path object = write("o.json", "  {\"u-1\": {\"user_name\": \"rpatel\", \"display_name\": \"Raj Patel\"}}");

        assertThat(IdentityMap.load(array).resolve(null, "u-1"))
                .contains(new DirectoryUser("u-1", "rpatel", "raj.patel@example.com", null));
        assertThat(IdentityMap.load(array).resolve(null, "u-2"))
                .contains(new DirectoryUser("u-2", null, null, "Maria Lopez"));
        assertThat(IdentityMap.load(object).resolve(null, "u-1"))
                .contains(new DirectoryUser("u-1", "rpatel", null, "Raj Patel"));
    }

    @Test
    void unusableFilesAreConfigErrorsNamingTheFileAndWhere() throws IOException {
        assertThatThrownBy(() -> IdentityMap.load(temp.resolve("missing.csv")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file");
        Path noIdColumn = write("b.csv", "name,email\nraj,raj@example.com\n");
        assertThatThrownBy(() -> IdentityMap.load(noIdColumn))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no user_id column");
        Path badJson = write("b.json", "[{\"user_id\": \"u-1\",\n  \"user_name\": }]");
        assertThatThrownBy(() -> IdentityMap.load(badJson))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid JSON (line 2)");
        Path unclosed = write("c.csv", "user_id,user_name\nu-1,\"rpatel\n");
        assertThatThrownBy(() -> IdentityMap.load(unclosed))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2");
        Path empty = write("d.csv", "user_id,user_name\n");
        assertThatThrownBy(() -> IdentityMap.load(empty))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no user");
        Path latin1 = temp.resolve("e.csv");
        Files.write(latin1, new byte[] {'u', 's', 'e', 'r', '_', 'i', 'd', '\n', 'u', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> IdentityMap.load(latin1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void mapIsAskedBeforeTheIdentityStore() {
        IdentityMap map = IdentityMap.of(java.util.List.of(new DirectoryUser("u-1", "from-map", null, null)));
        IdentityResolver store = (s, id) -> java.util.Optional.of(new DirectoryUser(id, "from-store", null, null));

        IdentityResolver chain = IdentityResolver.firstOf(map, store);

        assertThat(chain.resolve("d-1", "u-1")).map(DirectoryUser::userName).contains("from-map");
        assertThat(chain.resolve("d-1", "u-2")).map(DirectoryUser::userName).contains("from-store");
    }

    @Test
    void identityStoreIdComesFromTheArn() {
        assertThat(IdentityResolver.identityStoreId("arn:aws:identitystore::123456789012:identitystore/d-9067642ac7"))
                .isEqualTo("d-9067642ac7");
        assertThat(IdentityResolver.identityStoreId("not-an-arn")).isNull();
        assertThat(IdentityResolver.identityStoreId(null)).isNull();
    }
}
