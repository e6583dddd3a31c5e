package io.monitron.indexer.source.sqs;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** Turns SQS failures into messages a user can act on. SDK messages carry no credentials; neither do these. */
final class SqsErrors {
    private SqsErrors() {}

    static String describe(SdkException e, String permissionHint) {
        if (e instanceof QueueDoesNotExistException) {
            return "SQS answered that the queue does not exist (check --sqs-queue-url, and --aws-region or"
                    + " --sqs-endpoint)";
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorCode();
            String text = service.awsErrorDetails() == null
                    ? null
                    : service.awsErrorDetails().errorMessage();
            StringBuilder message = new StringBuilder("SQS answered HTTP ").append(service.statusCode());
            if (code != null) {
                message.append(' ').append(code);
            }
            if (text != null && !text.isBlank()) {
                message.append(": ").append(text);
            }
            if (service.statusCode() == 403 || (code != null && code.contains("AccessDenied"))) {
                message.append(" (").append(permissionHint).append(')');
            }
            return message.toString();
        }
        return e.getMessage();
    }
}
