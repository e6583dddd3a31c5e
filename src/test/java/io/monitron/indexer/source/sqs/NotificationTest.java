package io.monitron.indexer.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.port.PassOver;
import io.monitron.indexer.source.sqs.Notification.Format;
import io.monitron.indexer.source.sqs.Notification.ObjectsNamed;
import io.monitron.indexer.source.sqs.Notification.TestEvent;
import io.monitron.indexer.source.sqs.Notification.Unrecognised;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Message bodies as AWS documents and sends them, and what each one names. */
class NotificationTest {
    static final String BUCKET = "org-trail-logs";
    static final String KEY = "trail/AWSLogs/o-abcdefghij/111122223333/CloudTrail/eu-west-1/2026/10/01/"
            + "111122223333_CloudTrail_eu-west-1_20261001T1205Z_Xy7aBcDeFgHiJkLm.json.gz";
    static final String DIGEST_KEY = "trail/AWSLogs/o-abcdefghij/111122223333/CloudTrail-Digest/eu-west-1/2026/10/01/"
            + "111122223333_CloudTrail-Digest_eu-west-1_org-trail_us-east-1_20261001T120512Z.json.gz";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An S3 event notification (version 2.1) for one created object, as S3 sends it to SQS. */
    static String s3Notification(String bucket, String encodedKey, String eventName, long size, String eTag) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",\
                "eventTime":"2026-10-01T12:05:31.218Z","eventName":"%s",\
                "userIdentity":{"principalId":"AWS:AROAEXAMPLEID:regionalDeliverySession"},\
                "requestParameters":{"sourceIPAddress":"10.0.12.34"},\
                "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810",\
                "x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},\
                "s3":{"s3SchemaVersion":"1.0","configurationId":"trail-to-indexer",\
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},\
                "arn":"arn:aws:s3:::%s"},\
                "object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0055AED6DCD90281E5"}}}]}"""
                .formatted(eventName, bucket, bucket, encodedKey, size, eTag);
    }

    /** {@code message} as SNS delivers it to a subscribed queue without raw message delivery. */
    static String snsEnvelope(String message) {
        ObjectNode envelope = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324")
                .put("TopicArn", "arn:aws:sns:eu-west-1:111122223333:trail-notifications")
                .put("Subject", "Amazon S3 Notification")
                .put("Message", message)
                .put("Timestamp", "2026-10-01T12:05:31.462Z")
                .put("SignatureVersion", "1")
                .put(
                        "Signature",
                        "EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=")
                .put("SigningCertURL", "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-example.pem")
                .put(
                        "UnsubscribeURL",
                        "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:eu-west-1:111122223333:trail-notifications:e1c2d3");
        return envelope.toString();
    }

    /** An EventBridge "Object Created" event, as an EventBridge rule with an SQS target delivers it. */
    static String eventBridgeObjectCreated(String bucket, String key, long size, String eTag) {
        return """
                {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created",\
                "source":"aws.s3","account":"111122223333","time":"2026-10-01T12:05:31Z","region":"eu-west-1",\
                "resources":["arn:aws:s3:::%s"],\
                "detail":{"version":"0","bucket":{"name":"%s"},\
                "object":{"key":"%s","size":%d,"etag":"%s","sequencer":"617f08299329d189"},\
                "request-id":"N4N7GDK58NMKJ12R","requester":"111122223333",\
                "source-ip-address":"10.0.12.34","reason":"PutObject"}}"""
                .formatted(bucket, bucket, key, size, eTag);
    }

    /** CloudTrail's notification for delivered log files, the Message of its SNS publication. */
    static String cloudTrailMessage(String bucket, String... keys) {
        ObjectNode message = JSON.createObjectNode().put("s3Bucket", bucket);
        var array = message.putArray("s3ObjectKey");
        for (String key : keys) {
            array.add(key);
        }
        return message.toString();
    }

    static String testEvent(String bucket) {
        return """
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-10-01T11:57:02.089Z",\
                "Bucket":"%s","RequestId":"5582815E1AEA5ADF",\
                "HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}"""
                .formatted(bucket);
    }

    @Test
    void readsAnS3NotificationSentStraightToTheQueue() {
        Notification n = Notification.parse(
                s3Notification(BUCKET, KEY, "ObjectCreated:Put", 1834, "b1946ac92492d2347c6235b4d2611184"));

        assertThat(n)
                .isEqualTo(new ObjectsNamed(
                        Format.S3,
                        List.of(new NamedObject(BUCKET, KEY, Optional.of("b1946ac92492d2347c6235b4d2611184"), 1834)),
                        0));
    }

    @Test
    void decodesUrlEncodedKeysWherePlusIsASpace() {
        Notification n = Notification.parse(
                s3Notification(BUCKET, "audit+logs/AWSLogs/a%3Db/x%2By.json.gz", "ObjectCreated:Put", 1, "e"));

        assertThat(((ObjectsNamed) n).objects())
                .extracting(NamedObject::key)
                .containsExactly("audit logs/AWSLogs/a=b/x+y.json.gz");
    }

    @Test
    void readsAnS3NotificationWrappedBySns() {
        String inner = s3Notification(BUCKET, KEY, "ObjectCreated:CompleteMultipartUpload", 99, "abc-2");

        Notification n = Notification.parse(snsEnvelope(inner));

        assertThat(n).isInstanceOf(ObjectsNamed.class);
        ObjectsNamed named = (ObjectsNamed) n;
        assertThat(named.format()).isEqualTo(Format.SNS_S3);
        assertThat(named.objects()).containsExactly(new NamedObject(BUCKET, KEY, Optional.of("abc-2"), 99));
    }

    @Test
    void readsEventBridgeObjectCreatedWithItsKeyAsItStands() {
        Notification n =
                Notification.parse(eventBridgeObjectCreated(BUCKET, KEY, 5, "d41d8cd98f00b204e9800998ecf8427e"));

        assertThat(n)
                .isEqualTo(new ObjectsNamed(
                        Format.EVENTBRIDGE,
                        List.of(new NamedObject(BUCKET, KEY, Optional.of("d41d8cd98f00b204e9800998ecf8427e"), 5)),
                        0));
    }

    @Test
    void eventBridgeEventsOtherThanObjectCreatedNameNothingToRead() {
        String deleted = eventBridgeObjectCreated(BUCKET, KEY, 5, "e").replace("Object Created", "Object Deleted");

        assertThat(Notification.parse(deleted)).isEqualTo(new ObjectsNamed(Format.EVENTBRIDGE, List.of(), 1));
    }

    @Test
    void readsCloudTrailsOwnNotificationInsideSnsWithEveryKeyAndNoEtag() {
        String second = KEY.replace("1205Z", "1210Z");

        Notification n = Notification.parse(snsEnvelope(cloudTrailMessage(BUCKET, KEY, second)));

        assertThat(n)
                .isEqualTo(new ObjectsNamed(
                        Format.CLOUDTRAIL,
                        List.of(
                                new NamedObject(BUCKET, KEY, Optional.empty(), -1),
                                new NamedObject(BUCKET, second, Optional.empty(), -1)),
                        0));
    }

    @Test
    void readsCloudTrailsNotificationDeliveredRaw() {
        assertThat(Notification.parse(cloudTrailMessage(BUCKET, KEY)))
                .isEqualTo(new ObjectsNamed(
                        Format.CLOUDTRAIL, List.of(new NamedObject(BUCKET, KEY, Optional.empty(), -1)), 0));
    }

    @Test
    void recognisesS3sTestEventStraightAndThroughSns() {
        assertThat(Notification.parse(testEvent(BUCKET))).isEqualTo(new TestEvent(BUCKET));
        assertThat(Notification.parse(snsEnvelope(testEvent(BUCKET)))).isEqualTo(new TestEvent(BUCKET));
    }

    @Test
    void objectsNotCreatedAreCountedNotNamed() {
        Notification n = Notification.parse(s3Notification(BUCKET, KEY, "ObjectRemoved:Delete", 0, "e"));

        assertThat(n).isEqualTo(new ObjectsNamed(Format.S3, List.of(), 1));
    }

    @Test
    void namesEveryRecordOfAMessageInOrder() {
        String one = s3Notification(BUCKET, KEY, "ObjectCreated:Put", 1, "a");
        String two = s3Notification(BUCKET, DIGEST_KEY, "ObjectCreated:Put", 2, "b");
        String both = one.substring(0, one.length() - 2) + "," + two.substring("{\"Records\":[".length());

        ObjectsNamed named = (ObjectsNamed) Notification.parse(both);

        assertThat(named.objects()).extracting(NamedObject::key).containsExactly(KEY, DIGEST_KEY);
    }

    @Test
    void aBodyThatIsNotJsonIsUnrecognised() {
        assertThat(Notification.parse("hello from a test script")).isInstanceOf(Unrecognised.class);
        assertThat(Notification.parse("")).isInstanceOf(Unrecognised.class);
        assertThat(Notification.parse("[1,2]")).isInstanceOf(Unrecognised.class);
    }

    @Test
    void jsonOfAnotherKindIsUnrecognisedWithAReason() {
        Notification n = Notification.parse("{\"orderId\":42}");

        assertThat(n).isInstanceOf(Unrecognised.class);
        assertThat(((Unrecognised) n).reason()).contains("neither");
    }

    @Test
    void snsSubscriptionConfirmationIsUnrecognisedAndSaysWhatToDo() {
        String confirmation = snsEnvelope("You have chosen to subscribe to the topic")
                .replace("\"Type\":\"Notification\"", "\"Type\":\"SubscriptionConfirmation\"");

        Notification n = Notification.parse(confirmation);

        assertThat(n).isInstanceOf(Unrecognised.class);
        assertThat(((Unrecognised) n).reason()).contains("confirm the subscription");
    }

    @Test
    void snsNotificationWithANonJsonMessageIsUnrecognised() {
        assertThat(Notification.parse(snsEnvelope("plain text alert"))).isInstanceOf(Unrecognised.class);
    }

    @Test
    void recordsThatAreNotS3NotificationsAreUnrecognised() {
        String cloudTrailLogFile =
                "{\"Records\":[{\"eventVersion\":\"1.09\",\"eventSource\":\"monitron.amazonaws.com\"}]}";

        assertThat(Notification.parse(cloudTrailLogFile)).isInstanceOf(Unrecognised.class);
    }

    @Test
    void aMalformedUrlEncodingIsUnrecognised() {
        assertThat(Notification.parse(s3Notification(BUCKET, "AWSLogs/%zz", "ObjectCreated:Put", 1, "e")))
                .isInstanceOf(Unrecognised.class);
    }

    @Test
    void passesOverDigestsInsightsAndKeysOutsideTheTrailLayout() {
        String insight = KEY.replace("/CloudTrail/", "/CloudTrail-Insight/");

        assertThat(TrailObjects.passOver(KEY)).isEmpty();
        assertThat(TrailObjects.passOver(DIGEST_KEY)).contains(PassOver.DIGEST);
        assertThat(TrailObjects.passOver(insight)).contains(PassOver.INSIGHT);
        assertThat(TrailObjects.passOver("exports/2026-10-01/report.csv")).contains(PassOver.NOT_A_TRAIL_OBJECT);
    }
}
