package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MonitronActionTest {
    private static final Set<String> CONFIGURATION_TYPES = Set.of("access", "change", "creation", "deletion", "info");
    private static final Set<String> IAM_TYPES =
            Set.of("admin", "change", "creation", "deletion", "group", "info", "user");

    static Stream<Arguments> theTwentySevenActions() {
        return Stream.of(
                Arguments.of("CreateProject", "project", "project", "create", "configuration", List.of("creation")),
                Arguments.of("UpdateProject", "project", "project", "update", "configuration", List.of("change")),
                Arguments.of("DeleteProject", "project", "project", "delete", "configuration", List.of("deletion")),
                Arguments.of("GetProject", "project", "project", "get", "configuration", List.of("access")),
                Arguments.of("ListProjects", "project", "project", "list", "configuration", List.of("access")),
                Arguments.of(
                        "AssociateProjectAdminUser",
                        "project",
                        "project_admin_user",
                        "associate",
                        "iam",
                        List.of("admin", "change")),
                Arguments.of(
                        "DisassociateProjectAdminUser",
                        "project",
                        "project_admin_user",
                        "disassociate",
                        "iam",
                        List.of("admin", "change")),
                Arguments.of(
                        "ListProjectAdminUsers",
                        "project",
                        "project_admin_user",
                        "list",
                        "iam",
                        List.of("admin", "info")),
                Arguments.of(
                        "GetProjectAdminUser", "project", "project_admin_user", "get", "iam", List.of("admin", "info")),
                Arguments.of("TagResource", "project", "tag", "tag", "configuration", List.of("change")),
                Arguments.of("UntagResource", "project", "tag", "untag", "configuration", List.of("change")),
                Arguments.of("ListTagsForResource", "project", "tag", "list", "configuration", List.of("access")),
                Arguments.of("CreateSensor", "app", "sensor", "create", "configuration", List.of("creation")),
                Arguments.of("UpdateSensor", "app", "sensor", "update", "configuration", List.of("change")),
                Arguments.of("DeleteSensor", "app", "sensor", "delete", "configuration", List.of("deletion")),
                Arguments.of("CreateGateway", "app", "gateway", "create", "configuration", List.of("creation")),
                Arguments.of("DeleteGateway", "app", "gateway", "delete", "configuration", List.of("deletion")),
                Arguments.of("CreateSite", "app", "site", "create", "configuration", List.of("creation")),
                Arguments.of("UpdateSite", "app", "site", "update", "configuration", List.of("change")),
                Arguments.of("DeleteSite", "app", "site", "delete", "configuration", List.of("deletion")),
                Arguments.of("CreateAsset", "app", "asset", "create", "configuration", List.of("creation")),
                Arguments.of("UpdateAsset", "app", "asset", "update", "configuration", List.of("change")),
                Arguments.of("DeleteAsset", "app", "asset", "delete", "configuration", List.of("deletion")),
                Arguments.of(
                        "CreateAssetStateTransition",
                        "app",
                        "asset_state",
                        "transition",
                        "configuration",
                        List.of("change")),
                Arguments.of(
                        "CreateUserAccessRoleAssociation",
                        "app",
                        "user_access_role",
                        "create",
                        "iam",
                        List.of("user", "creation")),
                Arguments.of(
                        "UpdateUserAccessRoleAssociation",
                        "app",
                        "user_access_role",
                        "update",
                        "iam",
                        List.of("user", "change")),
                Arguments.of(
                        "DeleteUserAccessRoleAssociation",
                        "app",
                        "user_access_role",
                        "delete",
                        "iam",
                        List.of("user", "deletion")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("theTwentySevenActions")
    void classifiesEveryKnownAction(
            String action, String api, String resource, String operation, String category, List<String> types) {
        String eventName = api.equals("app") ? "AmazonMonitronApp:" + action : action;

        MonitronAction classified = MonitronAction.classify(eventName);

        assertThat(classified.known()).isTrue();
        assertThat(classified.action()).isEqualTo(action);
        assertThat(classified.api()).isEqualTo(api);
        assertThat(classified.resourceType()).isEqualTo(resource);
        assertThat(classified.operation()).isEqualTo(operation);
        assertThat(classified.categorization().categories()).containsExactly(category);
        assertThat(classified.categorization().types()).containsExactlyElementsOf(types);
        assertThat(classified.categorization().types())
                .isSubsetOf(category.equals("iam") ? IAM_TYPES : CONFIGURATION_TYPES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("theTwentySevenActions")
    void appActionsAreKnownWithoutThePrefixToo(String action) {
        assertThat(MonitronAction.classify(action).known()).isTrue();
    }

    @Test
    void theTableHoldsExactlyTheTwentySevenActions() {
        assertThat(MonitronAction.table()).hasSize(27);
        assertThat(MonitronAction.table().keySet())
                .containsExactlyInAnyOrderElementsOf(
                        theTwentySevenActions().map(a -> (String) a.get()[0]).toList());
    }

    @Test
    void docsActionTableMatchesTheCode() throws IOException {
        Map<String, String> documented = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs/fields.md"))) {
            if (line.startsWith("| `") && line.split("\\|").length == 7) {
                String[] cells = line.split("\\|");
                String action = cells[1].trim().replace("`", "");
                documented.put(action, String.join(",", trimmed(cells, 2, 7)));
            }
        }
        Map<String, String> coded = new TreeMap<>();
        MonitronAction.table()
                .forEach((name, action) -> coded.put(
                        name,
                        String.join(
                                ",",
                                action.api(),
                                action.resourceType(),
                                action.operation(),
                                String.join(", ", action.categorization().categories()),
                                String.join(", ", action.categorization().types()))));

        assertThat(documented).isEqualTo(coded);
    }

    private static List<String> trimmed(String[] cells, int from, int to) {
        return Stream.of(cells).skip(from).limit(to - from).map(String::trim).toList();
    }

    @Test
    void unknownPlainActionBelongsToTheProjectApi() {
        MonitronAction action = MonitronAction.classify("ListWidgets");

        assertThat(action.known()).isFalse();
        assertThat(action.api()).isEqualTo("project");
        assertThat(action.operation()).isEqualTo("list");
        assertThat(action.resourceType()).isEqualTo("widget");
        assertThat(action.categorization().types()).containsExactly("access");
    }

    @Test
    void unknownActionAboutUsersIsIam() {
        MonitronAction action = MonitronAction.classify("AmazonMonitronApp:DeleteUserGroupBinding");

        assertThat(action.categorization().categories()).containsExactly("iam");
        assertThat(action.categorization().types()).containsExactly("deletion");
        assertThat(action.resourceType()).isEqualTo("user_group_binding");
    }

    @Test
    void unknownVerbKeepsTheVerbAsOperationAndIsInfo() {
        MonitronAction action = MonitronAction.classify("AmazonMonitronApp:StartFirmwareUpdate");

        assertThat(action.operation()).isEqualTo("start");
        assertThat(action.resourceType()).isEqualTo("firmware_update");
        assertThat(action.categorization().types()).containsExactly("info");
    }
}
