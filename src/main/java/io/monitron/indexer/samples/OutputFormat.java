package io.monitron.indexer.samples;

/** The layouts the generator can write the same event stream in. */
public enum OutputFormat {
    /** An S3 trail folder: {@code AWSLogs/.../CloudTrail/...json.gz} log files plus hourly digest files. */
    TRAIL,
    /** One JSON document shaped like {@code aws cloudtrail lookup-events} output. */
    LOOKUP_EVENTS,
    /** Newline-delimited EventBridge "AWS API Call via CloudTrail" envelopes. */
    EVENTBRIDGE
}
