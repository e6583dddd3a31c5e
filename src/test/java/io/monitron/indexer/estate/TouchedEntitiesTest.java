package io.monitron.indexer.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class TouchedEntitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aSensorEventNamesItsProjectSiteAssetAndSensor() throws Exception {
        TouchedEntities touched = new TouchedEntities();

        touched.add(
                document("{\"event\":{\"provider\":\"monitron.amazonaws.com\"},\"cloud\":{\"account\":{\"id\":\"1\"},"
                        + "\"region\":\"eu-west-1\"},\"monitron\":{\"resource\":{\"type\":\"sensor\"},\"project\":{\"name\":\"p\"},"
                        + "\"site\":{\"id\":\"s\"},\"asset\":{\"id\":\"a\"},\"sensor\":{\"id\":\"SN-1\"}}}"));

        assertThat(touched.ids())
                .containsExactlyInAnyOrder("project:1:eu-west-1:p", "site:s", "asset:a", "sensor:SN-1");
        assertThat(touched.keys(EntityKind.SENSOR)).containsExactly(List.of("SN-1"));
    }

    @Test
    void anAssociationIsNamedOnlyByItsOwnActions() throws Exception {
        TouchedEntities touched = new TouchedEntities();
        String common = "\"event\":{\"provider\":\"monitron.amazonaws.com\"},\"cloud\":{\"account\":{\"id\":\"1\"},"
                + "\"region\":\"r\"},";

        touched.add(document("{" + common + "\"monitron\":{\"resource\":{\"type\":\"project_admin_user\"},"
                + "\"project\":{\"name\":\"p\"},\"target_user\":{\"id\":\"u1\"}}}"));
        touched.add(document("{" + common + "\"monitron\":{\"resource\":{\"type\":\"user_access_role\"},"
                + "\"project\":{\"name\":\"p\"},\"target_user\":{\"id\":\"u2\"}}}"));

        assertThat(touched.ids())
                .containsExactlyInAnyOrder("project:1:r:p", "project_admin:1:r:p:u1", "user_access:1:r:p:u2");
    }

    @Test
    void otherServicesEventsAndEventsWithoutAWholeKeyNameNothing() throws Exception {
        TouchedEntities touched = new TouchedEntities();

        touched.add(
                document("{\"event\":{\"provider\":\"kms.amazonaws.com\"},\"monitron\":{\"site\":{\"id\":\"s\"}}}"));
        touched.add(document("{\"event\":{\"provider\":\"monitron.amazonaws.com\"},\"monitron\":{\"project\":"
                + "{\"name\":\"p\"},\"site\":{\"name\":\"only a name\"}}}"));

        assertThat(touched.isEmpty()).isTrue();
    }
}
