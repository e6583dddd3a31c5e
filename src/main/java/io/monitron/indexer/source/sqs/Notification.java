package io.monitron.indexer.source.sqs;

import java.util.List;

/**
 * What one queue message says, recognised without configuration: S3 event notifications (straight to SQS, or
 * wrapped by SNS), EventBridge "Object Created" events, CloudTrail's own SNS notification for delivered log files, and
 * S3's test event. Anything else is {@link Unrecognised}: data, not an exception.
 */
public sealed interface Notification {
    /** Which kind of message named the objects. */
    enum Format {
        /** S3 event notification delivered straight to SQS ({@code Records[].s3}). */
        S3,
        /** S3 event notification published to an SNS topic the queue subscribes ({@code Message} holds it). */
        SNS_S3,
        /** EventBridge event from S3 ({@code source: aws.s3}), straight or through SNS. */
        EVENTBRIDGE,
        /** CloudTrail's notification for each delivered log file ({@code s3Bucket}, {@code s3ObjectKey}). */
        CLOUDTRAIL
    }

    /**
     * Objects to read.
     *
     * @param objects the objects created, in message order
     * @param otherEvents events about objects that were not created (deleted, restored, tagged ...): nothing to read
     */
    record ObjectsNamed(Format format, List<NamedObject> objects, int otherEvents) implements Notification {
        public ObjectsNamed {
            objects = List.copyOf(objects);
        }
    }

    /** S3's {@code s3:TestEvent}, sent when a bucket's notification configuration is saved: nothing to read. */
    record TestEvent(String bucket) implements Notification {}

    /** Not a message this indexer understands; {@code reason} says why, for the log line. */
    record Unrecognised(String reason) implements Notification {}

    /** Reads a message body; never throws. */
    static Notification parse(String body) {
        return NotificationParser.parse(body);
    }
}
