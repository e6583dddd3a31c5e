package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Who made a call: one of the identity types CloudTrail records, able to render its {@code userIdentity} element
 * for a call at a given time. Temporary credentials (session keys, creation dates) are derived from the principal and
 * the hour of the call, so a principal keeps one session per hour without the generator remembering any.
 */
sealed interface Principal {
    JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The {@code userIdentity} element, fields in CloudTrail's order. */
    ObjectNode userIdentity(Instant time);

    /** What {@code lookup-events} shows as {@code Username}. */
    String userName();

    /** The access key of a call at {@code time}, or null when the identity has none. */
    String accessKeyId(Instant time);

    /** Whether a console session is possible for this identity (it gets {@code sessionCredentialFromConsole}). */
    default boolean canUseConsole() {
        return false;
    }

    record Root(String accountId) implements Principal {
        @Override
        public ObjectNode userIdentity(Instant time) {
            ObjectNode identity = JSON.objectNode()
                    .put("type", "Root")
                    .put("principalId", accountId)
                    .put("arn", "arn:aws:iam::" + accountId + ":root")
                    .put("accountId", accountId)
                    .put("accessKeyId", accessKeyId(time));
            identity.set("sessionContext", sessionContext(null, time, accountId, true));
            return identity;
        }

        @Override
        public String userName() {
            return "root";
        }

        @Override
        public String accessKeyId(Instant time) {
            return sessionKey(accountId, time);
        }

        @Override
        public boolean canUseConsole() {
            return true;
        }
    }

    /** An IAM user calling with its long-term access key. */
    record IamUser(String accountId, String name, String userId, String accessKey) implements Principal {
        @Override
        public ObjectNode userIdentity(Instant time) {
            return JSON.objectNode()
                    .put("type", "IAMUser")
                    .put("principalId", userId)
                    .put("arn", "arn:aws:iam::" + accountId + ":user/" + name)
                    .put("accountId", accountId)
                    .put("accessKeyId", accessKey)
                    .put("userName", name);
        }

        @Override
        public String userName() {
            return name;
        }

        @Override
        public String accessKeyId(Instant time) {
            return accessKey;
        }
    }

    /** A session of an assumed IAM role: a person through IAM Identity Center, a workload, or a service. */
    record AssumedRole(
            String accountId,
            String roleName,
            String roleId,
            String sessionName,
            boolean mfa,
            String sourceIdentity,
            String invokedBy,
            boolean console)
            implements Principal {
        @Override
        public ObjectNode userIdentity(Instant time) {
            ObjectNode identity = JSON.objectNode()
                    .put("type", "AssumedRole")
                    .put("principalId", roleId + ":" + sessionName)
                    .put("arn", "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName)
                    .put("accountId", accountId)
                    .put("accessKeyId", accessKeyId(time));
            ObjectNode issuer = JSON.objectNode()
                    .put("type", "Role")
                    .put("principalId", roleId)
                    .put("arn", roleArn())
                    .put("accountId", accountId)
                    .put("userName", roleName);
            ObjectNode context = sessionContext(issuer, time, roleId + sessionName, mfa);
            if (sourceIdentity != null) {
                context.put("sourceIdentity", sourceIdentity);
            }
            identity.set("sessionContext", context);
            if (invokedBy != null) {
                identity.put("invokedBy", invokedBy);
            }
            return identity;
        }

        String roleArn() {
            return roleName.startsWith("AWSReservedSSO_")
                    ? "arn:aws:iam::" + accountId + ":role/aws-reserved/sso.amazonaws.com/" + roleName
                    : "arn:aws:iam::" + accountId + ":role/" + roleName;
        }

        @Override
        public String userName() {
            return sessionName;
        }

        @Override
        public String accessKeyId(Instant time) {
            return sessionKey(roleId + sessionName, time);
        }

        @Override
        public boolean canUseConsole() {
            return console;
        }
    }

    /** A workforce user of IAM Identity Center, as the Monitron app signs its users in. */
    record IdentityCenterUser(
            String accountId, String userId, String name, String identityStoreArn, String credentialId)
            implements Principal {
        @Override
        public ObjectNode userIdentity(Instant time) {
            ObjectNode identity =
                    JSON.objectNode().put("type", "IdentityCenterUser").put("accountId", accountId);
            identity.set(
                    "onBehalfOf", JSON.objectNode().put("userId", userId).put("identityStoreArn", identityStoreArn));
            identity.put("credentialId", credentialId);
            return identity;
        }

        @Override
        public String userName() {
            return name;
        }

        @Override
        public String accessKeyId(Instant time) {
            return null;
        }
    }

    /** An AWS service calling on the account's behalf. */
    record AwsService(String service) implements Principal {
        @Override
        public ObjectNode userIdentity(Instant time) {
            return JSON.objectNode().put("type", "AWSService").put("invokedBy", service);
        }

        @Override
        public String userName() {
            return service;
        }

        @Override
        public String accessKeyId(Instant time) {
            return null;
        }
    }

    private static ObjectNode sessionContext(ObjectNode issuer, Instant time, String salt, boolean mfa) {
        ObjectNode context = JSON.objectNode();
        context.set("sessionIssuer", issuer == null ? JSON.objectNode() : issuer);
        context.set("webIdFederationData", JSON.objectNode());
        context.set(
                "attributes",
                JSON.objectNode()
                        .put("creationDate", sessionStart(salt, time).toString())
                        .put("mfaAuthenticated", Boolean.toString(mfa)));
        return context;
    }

    /** The start of the session a call at {@code time} belongs to: within the hour before the call. */
    private static Instant sessionStart(String salt, Instant time) {
        Instant hour = time.truncatedTo(ChronoUnit.HOURS);
        long seconds = Math.floorMod(salt.hashCode() * 31L + hour.getEpochSecond(), 3600);
        return hour.minus(Duration.ofSeconds(seconds));
    }

    private static String sessionKey(String salt, Instant time) {
        SplittableRandom random = new SplittableRandom(salt.hashCode() * 1_000_003L
                + time.truncatedTo(ChronoUnit.HOURS).getEpochSecond());
        char[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
        StringBuilder key = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            key.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return key.toString();
    }
}
