package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * One API call before it becomes a CloudTrail event: what was called, by whom, with what, and how it ended.
 *
 * @param eventSource e.g. {@code monitron.amazonaws.com}
 * @param eventName the recorded name, possibly prefixed ({@code AmazonMonitronApp:CreateSite})
 * @param caller who called
 * @param requestParameters the request, or null
 * @param responseElements the response, or null (always null for a failed call)
 * @param additionalEventData extra data some services record, or null
 * @param resources the {@code resources} element, or null when the event has none
 * @param readOnly whether the call only reads
 * @param eventType {@code AwsApiCall}, {@code AwsServiceEvent} or {@code AwsConsoleSignIn}
 * @param failure how it failed, or null when it succeeded
 */
record ApiCall(
        String eventSource,
        String eventName,
        Caller caller,
        JsonNode requestParameters,
        JsonNode responseElements,
        JsonNode additionalEventData,
        ArrayNode resources,
        boolean readOnly,
        String eventType,
        Failure failure) {

    /** A failed call's {@code errorCode} and {@code errorMessage}. */
    record Failure(String code, String message) {}

    /** A {@code resources} element naming one resource: {@code [{"accountId","type","ARN"}]}. */
    static ArrayNode resource(String accountId, String type, String arn) {
        ArrayNode resources = JsonNodeFactory.instance.arrayNode();
        resources.addObject().put("accountId", accountId).put("type", type).put("ARN", arn);
        return resources;
    }

    boolean isMonitron() {
        return "monitron.amazonaws.com".equals(eventSource);
    }

    ApiCall failedWith(Failure failure) {
        return new ApiCall(
                eventSource,
                eventName,
                caller,
                requestParameters,
                null,
                additionalEventData,
                resources,
                readOnly,
                eventType,
                failure);
    }
}
