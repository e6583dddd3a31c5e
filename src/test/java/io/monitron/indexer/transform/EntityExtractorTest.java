package io.monitron.indexer.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.transform.EntityExtractor.Entities;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    private static Entities extract(String eventName, String request, String response) {
        ObjectNode event = TestEvents.minimal(eventName);
        if (request != null) {
            event.set("requestParameters", TestEvents.parse(request));
        }
        if (response != null) {
            event.set("responseElements", TestEvents.parse(response));
        }
        return EntityExtractor.extract(event, MonitronAction.classify(eventName));
    }

    @Test
    void bareNameOnProjectActionsIsTheProjectName() {
        Entities entities = extract("DeleteProject", "{\"Name\":\"plant-a\"}", null);

        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("plant-a");
    }

    @Test
    void bareNameOnSiteActionsIsTheSiteName() {
        Entities entities =
                extract("AmazonMonitronApp:UpdateSite", "{\"name\":\"Dock 4\",\"ProjectName\":\"p\"}", null);

        assertThat(entities.get(MonitronEntity.SITE_NAME)).isEqualTo("Dock 4");
        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("p");
    }

    @Test
    void namesMatchInAnyCase() {
        Entities entities = extract(
                "AmazonMonitronApp:CreateSensor",
                "{\"PROJECTNAME\":\"p\",\"SiteID\":\"s\",\"ASSETid\":\"a\",\"sensorID\":\"SN-1\",\"SensorName\":\"motor\"}",
                null);

        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("p");
        assertThat(entities.get(MonitronEntity.SITE_ID)).isEqualTo("s");
        assertThat(entities.get(MonitronEntity.ASSET_ID)).isEqualTo("a");
        assertThat(entities.get(MonitronEntity.SENSOR_ID)).isEqualTo("SN-1");
        assertThat(entities.get(MonitronEntity.SENSOR_NAME)).isEqualTo("motor");
    }

    @Test
    void requestWinsOverResponseAndResponseFillsTheGaps() {
        Entities entities = extract(
                "AmazonMonitronApp:CreateAsset",
                "{\"projectName\":\"p\",\"assetName\":\"Pump\"}",
                "{\"projectName\":\"other\",\"assetId\":\"asset-9\"}");

        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("p");
        assertThat(entities.get(MonitronEntity.ASSET_ID)).isEqualTo("asset-9");
    }

    @Test
    void nestedObjectsOneLevelDownAreSearched() {
        Entities entities = extract("AmazonMonitronApp:CreateGateway", "{\"gateway\":{\"gatewayId\":\"gw-1\"}}", null);

        assertThat(entities.get(MonitronEntity.GATEWAY_ID)).isEqualTo("gw-1");
    }

    @Test
    void projectArnGivesArnAndName() {
        Entities entities = extract(
                "UntagResource",
                "{\"ResourceArn\":\"arn:aws:monitron:eu-west-1:123456789012:project/plant-c\",\"TagKeys\":[\"env\",\"team\"]}",
                null);

        assertThat(entities.get(MonitronEntity.PROJECT_ARN))
                .isEqualTo("arn:aws:monitron:eu-west-1:123456789012:project/plant-c");
        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("plant-c");
        assertThat(entities.tagKeys()).containsExactly("env", "team");
    }

    @Test
    void projectArnParsing() {
        assertThat(EntityExtractor.projectNameFromArn("arn:aws-cn:monitron:cn-north-1:123:project/p1"))
                .isEqualTo("p1");
        assertThat(EntityExtractor.projectNameFromArn("arn:aws:iot:us-east-1:123:project/p1"))
                .isNull();
        assertThat(EntityExtractor.projectNameFromArn("arn:aws:monitron:us-east-1:123:site/s1"))
                .isNull();
        assertThat(EntityExtractor.projectNameFromArn("arn:aws:monitron:us-east-1:123:project/"))
                .isNull();
        assertThat(EntityExtractor.projectNameFromArn("not an arn")).isNull();
    }

    @Test
    void adminUserOfAProjectIsTheTargetUser() {
        Entities entities = extract(
                "AssociateProjectAdminUser",
                "{\"ProjectName\":\"p\",\"AdminUserId\":\"u-1\",\"AdminUserName\":\"ana\"}",
                null);

        assertThat(entities.get(MonitronEntity.TARGET_USER_ID)).isEqualTo("u-1");
        assertThat(entities.get(MonitronEntity.TARGET_USER_NAME)).isEqualTo("ana");
    }

    @Test
    void userNameOutsideUserActionsIsNotATargetUser() {
        Entities entities = extract("AmazonMonitronApp:CreateSite", "{\"userName\":\"caller\"}", null);

        assertThat(entities.get(MonitronEntity.TARGET_USER_NAME)).isNull();
    }

    @Test
    void tagsObjectAndTagsListGiveTagKeys() {
        assertThat(extract("CreateProject", "{\"Name\":\"p\",\"Tags\":{\"env\":\"prod\"}}", null)
                        .tagKeys())
                .containsExactly("env");
        assertThat(extract("TagResource", "{\"Tags\":[{\"Key\":\"line\",\"Value\":\"3\"}]}", null)
                        .tagKeys())
                .containsExactly("line");
    }

    @Test
    void nonTextValuesAreIgnored() {
        Entities entities = extract(
                "AmazonMonitronApp:UpdateSite", "{\"siteId\":{\"x\":1},\"siteName\":[\"a\"],\"projectName\":7}", null);

        assertThat(entities.get(MonitronEntity.SITE_ID)).isNull();
        assertThat(entities.get(MonitronEntity.SITE_NAME)).isNull();
        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("7");
    }

    @Test
    void resourcesArnNamesTheProject() {
        ObjectNode event = TestEvents.minimal("GetProject");
        event.set(
                "resources",
                TestEvents.parse(
                                "{\"r\":[{\"ARN\":\"arn:aws:monitron:us-east-1:123456789012:project/from-resources\"}]}")
                        .get("r"));

        Entities entities = EntityExtractor.extract(event, MonitronAction.classify("GetProject"));

        assertThat(entities.get(MonitronEntity.PROJECT_NAME)).isEqualTo("from-resources");
    }
}
