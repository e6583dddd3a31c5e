package io.monitron.indexer.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The source addresses of {@link AddressMode#PUBLIC}: a trail's callers come back from a few hundred networks again
 * and again, which is what the GeoIP cache is for, and some calls come through VPC endpoints with private addresses.
 * Each event whose documentation-mode address is an IP literal gets, drawn anew: with probability {@value
 * #PRIVATE_SHARE} one of {@value #PRIVATE_POOL} private addresses (10.0.0.0/8), otherwise one of {@value #PUBLIC_POOL}
 * public addresses ({@value #IPV6_PUBLIC} of them IPv6), picked with Zipf weights (rank r has weight 1/r: the most
 * frequent address takes about 15% of the public events, the least frequent about 0.04%). Service names and {@code
 * AWS Internal} are kept.
 *
 * <p>Public IPv4 addresses have a first octet from 1 to 223 other than 10, 100, 127, 169, 172, 192, 198 and 203, so
 * none falls in a private, shared, documentation or other reserved range; IPv6 ones lie in 2400::/6 to 2bff::/16,
 * global unicast. The draws use their own random stream, so the rest of a corpus is the same as in the documentation
 * mode for the same seed.
 */
final class PublicAddressMix implements UnaryOperator<String> {
    static final int PUBLIC_POOL = 400;
    static final int IPV6_PUBLIC = 80;
    static final int PRIVATE_POOL = 40;
    static final double PRIVATE_SHARE = 0.10;
    private static final List<Integer> RESERVED_FIRST_OCTETS = List.of(10, 100, 127, 169, 172, 192, 198, 203);

    private final SeededRandom random;
    private final List<String> publicAddresses = new ArrayList<>();
    private final List<String> privateAddresses = new ArrayList<>();
    private final double[] cumulative = new double[PUBLIC_POOL];

    PublicAddressMix(long seed) {
        this.random = new SeededRandom(seed * 0x9E3779B97F4A7C15L + 2);
        while (publicAddresses.size() < PUBLIC_POOL) {
            // every fifth is IPv6, so both kinds are spread over the ranks
            String address = publicAddresses.size() % (PUBLIC_POOL / IPV6_PUBLIC) == 1 ? publicIpv6() : publicIpv4();
            if (!publicAddresses.contains(address)) {
                publicAddresses.add(address);
            }
        }
        for (int i = 0; i < PRIVATE_POOL; i++) {
            privateAddresses.add("10." + random.below(256) + "." + random.below(256) + "." + random.between(1, 254));
        }
        double total = 0;
        for (int rank = 1; rank <= PUBLIC_POOL; rank++) {
            total += 1.0 / rank;
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < PUBLIC_POOL; i++) {
            cumulative[i] /= total;
        }
    }

    /** The address an event gets instead of {@code documentationAddress}. */
    @Override
    public String apply(String documentationAddress) {
        if (!isIpLiteral(documentationAddress)) {
            return documentationAddress;
        }
        if (random.chance(PRIVATE_SHARE)) {
            return random.pick(privateAddresses);
        }
        double draw = random.fraction();
        int low = 0;
        int high = PUBLIC_POOL - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] <= draw) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return publicAddresses.get(low);
    }

    List<String> publicAddresses() {
        return List.copyOf(publicAddresses);
    }

    List<String> privateAddresses() {
        return List.copyOf(privateAddresses);
    }

    /** The generator's addresses are IP literals, host names ({@code lambda.amazonaws.com}) or {@code AWS Internal}. */
    private static boolean isIpLiteral(String address) {
        return address.indexOf(':') >= 0 || (!address.isEmpty() && Character.isDigit(address.charAt(0)));
    }

    private String publicIpv4() {
        int first;
        do {
            first = random.between(1, 223);
        } while (RESERVED_FIRST_OCTETS.contains(first));
        return first + "." + random.below(256) + "." + random.below(256) + "." + random.between(1, 254);
    }

    private String publicIpv6() {
        return Integer.toHexString(random.between(0x2400, 0x2bff)) + ":" + Integer.toHexString(random.below(0x10000))
                + ":" + Integer.toHexString(random.below(0x10000)) + "::"
                + Integer.toHexString(random.between(1, 0xffff));
    }
}
