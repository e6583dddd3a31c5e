package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * ECS {@code tls.*} from CloudTrail's {@code tlsDetails} (which also stays under {@code aws.cloudtrail.tls_details}):
 * {@code TLSv1.3} → {@code tls.version_protocol: tls}, {@code tls.version: 1.3}.
 */
final class TlsFields {
    private TlsFields() {}

    static void write(ObjectNode tlsDetails, ObjectNode doc) {
        if (tlsDetails == null) {
            return;
        }
        ObjectNode tls = doc.putObject("tls");
        String version = Lenient.text(tlsDetails, "tlsVersion");
        if (version != null) {
            int digit = firstDigit(version);
            if (digit > 0) {
                String protocol = version.substring(0, digit)
                        .replace("v", "")
                        .replace("V", "")
                        .trim();
                JsonNodes.putText(
                        tls,
                        "version_protocol",
                        protocol.isEmpty() ? null : protocol.toLowerCase(java.util.Locale.ROOT));
                tls.put("version", version.substring(digit));
            } else {
                tls.put("version", version);
            }
        }
        JsonNodes.putText(tls, "cipher", Lenient.text(tlsDetails, "cipherSuite"));
        String host = Lenient.text(tlsDetails, "clientProvidedHostHeader");
        if (host != null) {
            tls.putObject("client").put("server_name", host);
        }
        JsonNodes.removeIfEmpty(doc, "tls");
    }

    private static int firstDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
