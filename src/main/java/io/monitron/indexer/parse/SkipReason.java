package io.monitron.indexer.parse;

/** Why an input or a record was skipped on purpose. */
public enum SkipReason {
    /** A CloudTrail digest file: one JSON object describing a set of log files, no events. */
    DIGEST,
    /** A CloudTrail Insights record or file: an anomaly summary, not a user action. */
    INSIGHT,
    /** An empty input (zero bytes, or only white space). */
    EMPTY,
    /** An EventBridge event that did not come from CloudTrail. */
    NOT_CLOUDTRAIL,
    /**
     * The end of an input, after the last byte sequence a wanted event must contain: read and searched, not split into
     * records (reported once per input).
     */
    TAIL_CANNOT_MATCH
}
