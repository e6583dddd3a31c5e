package io.monitron.indexer.transform;

/**
 * Recognises IPv4 and IPv6 address literals by their text alone. CloudTrail's {@code sourceIPAddress} also holds
 * host names ({@code cloudformation.amazonaws.com}) and {@code AWS Internal}; resolving those would be slow and
 * wrong, so nothing here touches DNS. Literals Elasticsearch's {@code ip} type would refuse (IPv4 octets with leading
 * zeros, IPv6 zone ids, brackets) are not literals here either.
 */
final class IpLiteral {
    private IpLiteral() {}

    static boolean isIp(String text) {
        if (text == null || text.isEmpty() || text.length() > 45) {
            return false;
        }
        return text.indexOf(':') >= 0 ? isIpv6(text) : isIpv4(text, 0, text.length());
    }

    static boolean isIpv4(String text, int from, int to) {
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i == to) {
                return parts == 4;
            }
            if (text.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
        }
    }

    private static boolean isIpv6(String text) {
        int length = text.length();
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (text.startsWith("::")) {
            compressed = true;
            i = 2;
            if (i == length) {
                return true;
            }
        } else if (text.charAt(0) == ':') {
            return false;
        }
        while (i < length) {
            int start = i;
            while (i < length && isHex(text.charAt(i))) {
                i++;
            }
            int digits = i - start;
            if (i < length && text.charAt(i) == '.') {
                // an embedded IPv4 address ends the literal and counts as two groups
                if (!isIpv4(text, start, length)) {
                    return false;
                }
                groups += 2;
                i = length;
                break;
            }
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == length) {
                break;
            }
            if (text.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == length) {
                return false; // a single trailing colon
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
