package io.monitron.indexer.transform.geo;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is routed on the public internet, so that a location means something. Private (RFC 1918,
 * unique-local), shared (100.64/10), loopback, link-local, multicast, unspecified, documentation (192.0.2/24,
 * 198.51.100/24, 203.0.113/24, 2001:db8::/32), benchmarking (198.18/15), 192.0.0/24 and 240/4 are not; an IPv4-mapped
 * IPv6 address is judged as its IPv4 address.
 */
final class PublicAddress {
    private PublicAddress() {}

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(b[0] & 0xFF, b[1] & 0xFF, b[2] & 0xFF);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            if ((first & 0xFE) == 0xFC) {
                return false; // fc00::/7 unique local
            }
            if (first == 0x20 && (b[1] & 0xFF) == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
                return false; // 2001:db8::/32 documentation
            }
            if (isIpv4Mapped(b)) {
                return isPublicIpv4(b[12] & 0xFF, b[13] & 0xFF, b[14] & 0xFF);
            }
            // everything outside 2000::/3 (global unicast) is reserved or special
            return (first & 0xE0) == 0x20;
        }
        return false;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }

    private static boolean isPublicIpv4(int a, int b, int c) {
        return !(a == 0
                || a == 10
                || a == 127
                || (a == 100 && b >= 64 && b <= 127)
                || (a == 169 && b == 254)
                || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168)
                || (a == 192 && b == 0 && (c == 0 || c == 2))
                || (a == 198 && (b == 18 || b == 19))
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113)
                || a >= 224);
    }
}
