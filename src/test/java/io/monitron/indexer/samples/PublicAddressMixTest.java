package io.monitron.indexer.samples;

import static io.monitron.indexer.samples.GeneratedCorpus.trailEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public address mode: the events of the documentation mode, from public and private addresses instead. */
class PublicAddressMixTest {
    private static final long SEED = 11;

    @TempDir
    Path temp;

    private static GeneratorSpec spec(Path out, AddressMode mode) {
        return new GeneratorSpec(
                        out,
                        SEED,
                        LocalDate.of(2026, 10, 1),
                        2,
                        4000,
                        0.1,
                        GeneratorSpec.accountIds(2, SEED),
                        List.of("us-east-1", "eu-west-1"),
                        null,
                        20,
                        200,
                        true,
                        OutputFormat.TRAIL)
                .withAddresses(mode);
    }

    @Test
    void sameEventsAsTheDocumentationModeWithIpAddressesReplacedInTheStatedMix() throws UnknownHostException {
        new TrailGenerator(spec(temp.resolve("documentation"), AddressMode.DOCUMENTATION)).generate();
        new TrailGenerator(spec(temp.resolve("public"), AddressMode.PUBLIC)).generate();
        List<JsonNode> documentation = trailEvents(temp.resolve("documentation"));
        List<JsonNode> publicMode = trailEvents(temp.resolve("public"));
        PublicAddressMix mix = new PublicAddressMix(SEED);
        Set<String> pool = new HashSet<>(mix.publicAddresses());
        Set<String> privates = new HashSet<>(mix.privateAddresses());

        assertThat(publicMode).as("seed %d", SEED).hasSameSizeAs(documentation);
        int ipEvents = 0;
        int privateEvents = 0;
        Set<String> publicSeen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < documentation.size(); i++) {
            ObjectNode before = documentation.get(i).deepCopy();
            ObjectNode after = publicMode.get(i).deepCopy();
            String was = before.remove("sourceIPAddress").asText();
            String is = after.remove("sourceIPAddress").asText();
            ids.add(after.remove("eventID").asText());
            before.remove("eventID");
            assertThat(after)
                    .as("event %d apart from its address and id (seed %d)", i, SEED)
                    .isEqualTo(before);
            if (Character.isDigit(was.charAt(0)) || was.contains(":")) {
                ipEvents++;
                if (privates.contains(is)) {
                    privateEvents++;
                    assertThat(InetAddress.getByName(is).isSiteLocalAddress())
                            .as(is)
                            .isTrue();
                } else {
                    assertThat(pool).as("public pool, event %d", i).contains(is);
                    assertThat(isPublic(InetAddress.getByName(is))).as(is).isTrue();
                    publicSeen.add(is);
                }
            } else {
                assertThat(is).as("a service name or AWS Internal is kept").isEqualTo(was);
            }
        }
        assertThat(ids)
                .as("event ids differ from the documentation mode's")
                .doesNotContainAnyElementsOf(documentation.stream()
                        .map(e -> e.get("eventID").asText())
                        .toList());
        assertThat(ipEvents).as("events with an address").isGreaterThan(documentation.size() / 2);
        assertThat((double) privateEvents / ipEvents).as("private share").isBetween(0.07, 0.13);
        // 4,000 events, about 3,000 public draws from 400 Zipf-weighted addresses: a few hundred distinct
        assertThat(publicSeen.size()).as("distinct public addresses").isBetween(200, 400);
        assertThat(publicSeen.stream().filter(a -> a.contains(":")).count())
                .as("IPv6 among them")
                .isPositive();
    }

    @Test
    void poolHasFourHundredDistinctPublicAddressesAFifthIpv6() throws UnknownHostException {
        PublicAddressMix mix = new PublicAddressMix(SEED);

        assertThat(new HashSet<>(mix.publicAddresses())).hasSize(PublicAddressMix.PUBLIC_POOL);
        assertThat(mix.publicAddresses().stream().filter(a -> a.contains(":"))).hasSize(PublicAddressMix.IPV6_PUBLIC);
        for (String address : mix.publicAddresses()) {
            assertThat(isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    /** Not private, reserved or documentation: the same ranges GeoIP enrichment skips, restated. */
    private static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            int top = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
            return top >= 0x2000 && top < 0x4000 && top != 0x2002 && !(top == 0x2001 && (b[2] & 0xFF) == 0x0D);
        }
        int a = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        return a >= 1
                && a <= 223
                && a != 10
                && a != 127
                && !(a == 100 && second >= 64 && second <= 127)
                && !(a == 169 && second == 254)
                && !(a == 172 && second >= 16 && second <= 31)
                && !(a == 192 && (second == 168 || second == 0))
                && !(a == 198 && (second == 18 || second == 19 || second == 51))
                && !(a == 203 && second == 0);
    }
}
