package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads CloudTrail's {@code userIdentity} into {@code aws.cloudtrail.user_identity.*} and decides who the user is
 * ({@code user.name}, {@code user.id}). A {@code userIdentity} that is not an object is ignored.
 */
final class UserIdentityFields {
    private UserIdentityFields() {}

    /** Who called, as far as the identity tells; any part may be {@code null}. */
    record Caller(String name, String id, String userName, String sessionIssuerUserName) {}

    static final Caller NOBODY = new Caller(null, null, null, null);

    /**
     * Writes the identity fields into {@code target} (the {@code user_identity} object).
     *
     * @return who the caller is, for {@code user.*} and {@code related.user}
     */
    static Caller write(ObjectNode userIdentity, ObjectNode target) {
        if (userIdentity == null) {
            return NOBODY;
        }
        String type = Lenient.text(userIdentity, "type");
        String arn = Lenient.text(userIdentity, "arn");
        String principalId = Lenient.text(userIdentity, "principalId");
        String userName = Lenient.text(userIdentity, "userName");
        String invokedBy = Lenient.text(userIdentity, "invokedBy");
        JsonNodes.putText(target, "type", type);
        JsonNodes.putText(target, "arn", arn);
        JsonNodes.putText(target, "principal_id", principalId);
        JsonNodes.putText(target, "account_id", Lenient.text(userIdentity, "accountId"));
        JsonNodes.putText(target, "access_key_id", Lenient.text(userIdentity, "accessKeyId"));
        JsonNodes.putText(target, "user_name", userName);
        JsonNodes.putText(target, "invoked_by", invokedBy);
        JsonNodes.putText(target, "identity_provider", Lenient.text(userIdentity, "identityProvider"));

        String issuerUserName = null;
        ObjectNode session = Lenient.object(userIdentity, "sessionContext");
        if (session != null) {
            ObjectNode sessionOut = JsonNodes.child(target, "session_context");
            ObjectNode attributes = Lenient.object(session, "attributes");
            if (attributes != null) {
                Boolean mfa = Lenient.bool(attributes, "mfaAuthenticated");
                if (mfa != null) {
                    sessionOut.put("mfa_authenticated", mfa);
                }
                String created = Lenient.text(attributes, "creationDate");
                if (created != null) {
                    var instant = EventTime.parse(created);
                    if (instant != null) {
                        sessionOut.put("creation_date", instant.toString());
                    }
                }
            }
            JsonNodes.putText(sessionOut, "source_identity", Lenient.text(session, "sourceIdentity"));
            ObjectNode issuer = Lenient.object(session, "sessionIssuer");
            if (issuer != null) {
                issuerUserName = Lenient.text(issuer, "userName");
                ObjectNode issuerOut = JsonNodes.child(sessionOut, "session_issuer");
                JsonNodes.putText(issuerOut, "type", Lenient.text(issuer, "type"));
                JsonNodes.putText(issuerOut, "principal_id", Lenient.text(issuer, "principalId"));
                JsonNodes.putText(issuerOut, "arn", Lenient.text(issuer, "arn"));
                JsonNodes.putText(issuerOut, "account_id", Lenient.text(issuer, "accountId"));
                JsonNodes.putText(issuerOut, "user_name", issuerUserName);
                JsonNodes.removeIfEmpty(sessionOut, "session_issuer");
            }
            JsonNodes.removeIfEmpty(target, "session_context");
        }

        String onBehalfOfUserId = null;
        ObjectNode onBehalfOf = Lenient.object(userIdentity, "onBehalfOf");
        if (onBehalfOf != null) {
            onBehalfOfUserId = Lenient.text(onBehalfOf, "userId");
            ObjectNode onBehalfOfOut = JsonNodes.child(target, "on_behalf_of");
            JsonNodes.putText(onBehalfOfOut, "user_id", onBehalfOfUserId);
            JsonNodes.putText(onBehalfOfOut, "identity_store_arn", Lenient.text(onBehalfOf, "identityStoreArn"));
            JsonNodes.removeIfEmpty(target, "on_behalf_of");
        }

        String name = userName(type, arn, principalId, userName, invokedBy, issuerUserName, onBehalfOfUserId);
        return new Caller(name, principalId, userName, issuerUserName);
    }

    /**
     * IAMUser: userName; AssumedRole: ROLE/SESSION from the assumed-role ARN, else the session issuer's user name;
     * Root: {@code root}; AWSService: invokedBy; IdentityCenterUser (or any identity acting on behalf of one):
     * userName, else onBehalfOf.userId; FederatedUser: the name in the federated-user ARN. When the rule finds
     * nothing: userName, then principalId.
     */
    static String userName(
            String type,
            String arn,
            String principalId,
            String userName,
            String invokedBy,
            String issuerUserName,
            String onBehalfOfUserId) {
        String name = null;
        if (type != null) {
            switch (type) {
                case "IAMUser" -> name = userName;
                case "AssumedRole" -> {
                    name = afterMarker(arn, ":assumed-role/");
                    if (name == null) {
                        name = issuerUserName;
                    }
                }
                case "Root" -> name = "root";
                case "AWSService" -> name = invokedBy;
                case "IdentityCenterUser" -> name = userName != null ? userName : onBehalfOfUserId;
                case "FederatedUser" -> name = afterMarker(arn, ":federated-user/");
                default -> name = null;
            }
        }
        if (name == null && onBehalfOfUserId != null) {
            name = userName != null ? userName : onBehalfOfUserId;
        }
        if (name == null) {
            name = userName;
        }
        return name != null ? name : principalId;
    }

    /** {@code arn:aws:sts::123:assumed-role/Admin/jane} with marker {@code :assumed-role/} → {@code Admin/jane}. */
    private static String afterMarker(String arn, String marker) {
        if (arn == null) {
            return null;
        }
        int at = arn.indexOf(marker);
        if (at < 0 || at + marker.length() >= arn.length()) {
            return null;
        }
        return arn.substring(at + marker.length());
    }
}
