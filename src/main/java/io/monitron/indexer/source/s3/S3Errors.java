package io.monitron.indexer.source.s3;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK failures into messages a user can act on. SDK messages carry no credentials; neither do these. */
final class S3Errors {
    private S3Errors() {}

    /** What went wrong, with the permission to check when access was denied. */
    static String describe(SdkException e, String permissionHint) {
        if (e instanceof S3Exception s3) {
            String code =
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            String text =
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
            StringBuilder message = new StringBuilder("S3 answered HTTP ").append(s3.statusCode());
            if (code != null) {
                message.append(' ').append(code);
            }
            if (text != null && !text.isBlank()) {
                message.append(": ").append(text);
            }
            if (s3.statusCode() == 403) {
                message.append(" (").append(permissionHint).append(')');
            } else if ("NoSuchBucket".equals(code)) {
                message.append(" (check the bucket name in --s3)");
            }
            return message.toString();
        }
        return e.getMessage();
    }
}
