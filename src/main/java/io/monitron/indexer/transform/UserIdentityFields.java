package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads CloudTrail's {@code userIdentity} into {@code aws.cloudtrail.user_identity.*}; {@link UserFields} decides
 * from what it read who the user is. A {@code userIdentity} that is not an object is ignored.
 */
final class UserIdentityFields {
    private UserIdentityFields() {}

    /**
     * What the identity says about who called; any part may be {@code null}.
     *
     * @param type {@code userIdentity.type}
     * @param principalId {@code userIdentity.principalId}
     * @param arn {@code userIdentity.arn}
     * @param accountId {@code userIdentity.accountId}
     * @param userName {@code userIdentity.userName}
     * @param invokedBy {@code userIdentity.invokedBy}
     * @param issuerUserName the session issuer's {@code userName} (for a role session, the role name)
     * @param onBehalfOfUserId the Identity Center user id the call was made for
     * @param identityStoreArn the identity store that user belongs to
     */
    record Caller(
            String type,
            String principalId,
            String arn,
            String accountId,
            String userName,
            String invokedBy,
            String issuerUserName,
            String onBehalfOfUserId,
            String identityStoreArn) {}

    static final Caller NOBODY = new Caller(null, null, null, null, null, null, null, null, null);

    /**
     * Writes the identity fields into {@code target} (the {@code user_identity} object).
     *
     * @return what the identity says about the caller, for {@code user.*} and {@code related.user}
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
        String identityStoreArn = null;
        ObjectNode onBehalfOf = Lenient.object(userIdentity, "onBehalfOf");
        if (onBehalfOf != null) {
            onBehalfOfUserId = Lenient.text(onBehalfOf, "userId");
            ObjectNode onBehalfOfOut = JsonNodes.child(target, "on_behalf_of");
            JsonNodes.putText(onBehalfOfOut, "user_id", onBehalfOfUserId);
            identityStoreArn = Lenient.text(onBehalfOf, "identityStoreArn");
            JsonNodes.putText(onBehalfOfOut, "identity_store_arn", identityStoreArn);
            JsonNodes.removeIfEmpty(target, "on_behalf_of");
        }

        return new Caller(
                type,
                principalId,
                arn,
                Lenient.text(userIdentity, "accountId"),
                userName,
                invokedBy,
                issuerUserName,
                onBehalfOfUserId,
                identityStoreArn);
    }
}
