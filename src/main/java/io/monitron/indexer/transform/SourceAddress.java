package io.monitron.indexer.transform;

/**
 * What {@code sourceIPAddress} says about where a call came from. Proxied console calls carry two addresses
 * ({@code "203.0.113.10, 10.0.0.1"}): the first is the caller's. Service callers are written as host names
 * ({@code cloudformation.amazonaws.com}); {@code AWS Internal}, {@code redacted} and bare numbers are neither an
 * address nor a host name.
 *
 * @param ip the first address when it is an IP literal, else {@code null}
 * @param domain the value when it is a host name (dot-separated labels of letters, digits and hyphens, at least one
 *     dot and one letter, not an IP literal), else {@code null}
 */
record SourceAddress(String ip, String domain) {
    private static final int MAX_HOST_NAME = 253;

    static SourceAddress of(String sourceIpAddress) {
        if (sourceIpAddress == null) {
            return new SourceAddress(null, null);
        }
        int comma = sourceIpAddress.indexOf(',');
        String first = (comma < 0 ? sourceIpAddress : sourceIpAddress.substring(0, comma)).trim();
        if (IpLiteral.isIp(first)) {
            return new SourceAddress(first, null);
        }
        String value = sourceIpAddress.trim();
        return new SourceAddress(null, isHostName(value) ? value : null);
    }

    static boolean isHostName(String value) {
        if (value.isEmpty() || value.length() > MAX_HOST_NAME || value.indexOf('.') < 0) {
            return false;
        }
        boolean letter = false;
        int labelStart = 0;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '.';
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0
                        || labelLength > 63
                        || value.charAt(labelStart) == '-'
                        || value.charAt(i - 1) == '-') {
                    return false;
                }
                labelStart = i + 1;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return letter;
    }
}
