package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ConsoleLogin} events say in {@code additionalEventData.MFAUsed} ({@code "Yes"}/{@code "No"}) whether the
 * sign-in used MFA; as a boolean, "console login without MFA" is one term:
 * {@code aws.cloudtrail.console_login.additional_eventdata.mfa_used: false} (the name Elastic's CloudTrail integration
 * uses, so its detection rules apply).
 */
final class ConsoleLogin {
    private ConsoleLogin() {}

    static void write(ObjectNode event, ObjectNode cloudtrail) {
        ObjectNode additional = Lenient.object(event, "additionalEventData");
        Boolean mfaUsed = yesNo(Lenient.text(additional, "MFAUsed"));
        if (mfaUsed == null) {
            return;
        }
        cloudtrail.putObject("console_login").putObject("additional_eventdata").put("mfa_used", mfaUsed);
    }

    /** {@code Yes}/{@code No} as CloudTrail writes them, and {@code true}/{@code false}; anything else is unknown. */
    static Boolean yesNo(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("no") || v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }
}
