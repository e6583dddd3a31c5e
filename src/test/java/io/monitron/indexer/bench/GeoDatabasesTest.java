package io.monitron.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import io.monitron.indexer.transform.geo.GeoIpLookup;
import io.monitron.indexer.transform.geo.SourceLocation;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's made-up City and ASN databases, read back with MaxMind's reader. */
class GeoDatabasesTest {
    private static final long SEED = 20261204L;

    @TempDir
    Path temp;

    @Test
    void maxMindsReaderFindsThePlannedCountryAndAsForAnyPublicAddress() throws Exception {
        GeoDatabases plan = GeoDatabases.plan(SEED, new GeoDatabases.Size(2_000, 600), new GeoDatabases.Size(900, 600));
        GeoDatabases.Written written = plan.write(temp, "bench");

        assertThat(written.cityNetworks()).isEqualTo(2_600);
        assertThat(written.asnNetworks()).isEqualTo(1_500);
        SplittableRandom random = new SplittableRandom(SEED);
        try (DatabaseReader city = new DatabaseReader.Builder(written.city().toFile()).build();
                DatabaseReader asn = new DatabaseReader.Builder(written.asn().toFile()).build()) {
            assertThat(city.getMetadata().databaseType()).isEqualTo("GeoLite2-City");
            assertThat(asn.getMetadata().databaseType()).isEqualTo("GeoLite2-ASN");
            for (int i = 0; i < 400; i++) {
                InetAddress address = i % 4 == 0 ? ipv6(random) : ipv4(random);
                Optional<CityResponse> found = city.tryCity(address);
                Optional<AsnResponse> system = asn.tryAsn(address);

                assertThat(found).as("%s (seed %d)", address, SEED).isPresent();
                assertThat(found.get().country().isoCode())
                        .as("%s (seed %d)", address, SEED)
                        .isEqualTo(plan.countryOf(address).orElseThrow());
                assertThat(found.get().city().name() != null)
                        .as("city name of %s", address)
                        .isEqualTo(plan.hasCity(address));
                assertThat(found.get().country().names()).hasSize(GeoDatabases.LANGUAGES.size());
                assertThat(system.map(AsnResponse::autonomousSystemNumber))
                        .as("%s (seed %d)", address, SEED)
                        .isEqualTo(plan.asNumberOf(address));
            }
        }
    }

    @Test
    void theIndexersGeoIpLookupAcceptsThemAndPlacesAPublicAddress() throws IOException {
        GeoDatabases plan = GeoDatabases.plan(SEED, new GeoDatabases.Size(500, 100), new GeoDatabases.Size(300, 50));
        GeoDatabases.Written written = plan.write(temp, "bench");
        InetAddress address = InetAddress.getByName("81.2.69.160");

        try (GeoIpLookup lookup = GeoIpLookup.open(List.of(written.city(), written.asn()))) {
            SourceLocation location = lookup.lookup(address.getHostAddress());

            assertThat(location.countryIsoCode())
                    .isEqualTo(plan.countryOf(address).orElseThrow());
            assertThat(location.asNumber()).isEqualTo(plan.asNumberOf(address).orElseThrow());
        }
    }

    @Test
    void benchmarkSizedTilingHasTheAskedNetworksWithoutOverlap() {
        List<GeoDatabases.Network> networks = GeoDatabases.tile(GeoDatabases.CITY, new SplittableRandom(SEED));

        assertThat(networks).hasSize(GeoDatabases.CITY.networks());
        assertThat(networks.stream().filter(n -> n.first().length == 4)).hasSize(GeoDatabases.CITY.ipv4Networks());
        for (int i = 1; i < networks.size(); i++) {
            GeoDatabases.Network previous = networks.get(i - 1);
            GeoDatabases.Network next = networks.get(i);
            if (previous.first().length == next.first().length) {
                BigInteger end = previous.start()
                        .add(BigInteger.ONE.shiftLeft(previous.first().length * 8 - previous.prefixLength()));
                assertThat(next.start())
                        .as("network %d starts after %d ends", i, i - 1)
                        .isGreaterThanOrEqualTo(end);
            }
        }
    }

    private static InetAddress ipv4(SplittableRandom random) throws IOException {
        int first;
        do {
            first = 1 + random.nextInt(223);
        } while (first == 10
                || first == 127
                || first == 100
                || first == 169
                || first == 172
                || first == 192
                || first == 198
                || first == 203);
        return InetAddress.getByAddress(new byte[] {
            (byte) first, (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) (1 + random.nextInt(254))
        });
    }

    private static InetAddress ipv6(SplittableRandom random) throws IOException {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        int top = 0x2400 + random.nextInt(0x0800);
        bytes[0] = (byte) (top >>> 8);
        bytes[1] = (byte) top;
        return InetAddress.getByAddress(bytes);
    }
}
