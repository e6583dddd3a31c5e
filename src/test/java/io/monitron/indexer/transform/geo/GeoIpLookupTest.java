package io.monitron.indexer.transform.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monitron.indexer.bench.MmdbWriter;
import io.monitron.indexer.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GeoIP City and ASN lookups with databases this project writes itself (MmdbWriter). */
class GeoIpLookupTest {
    @TempDir
    Path temp;

    private GeoIpLookup lookup;

    @BeforeEach
    void open() throws IOException {
        lookup = GeoIpLookup.open(List.of(TestDatabases.city(temp), TestDatabases.asn(temp)));
    }

    @AfterEach
    void close() {
        lookup.close();
    }

    @Test
    void publicIpv4AddressGetsCityCountryRegionLocationAndAs() {
        SourceLocation location = lookup.lookup(TestDatabases.LONDON_IPV4);

        assertThat(location)
                .isEqualTo(new SourceLocation(
                        "EU",
                        "Europe",
                        "GB",
                        "United Kingdom",
                        "GB-ENG",
                        "England",
                        "London",
                        51.5142,
                        -0.0931,
                        TestDatabases.AS_NUMBER,
                        TestDatabases.AS_ORGANIZATION));
    }

    @Test
    void publicIpv6AddressGetsItsLocationAndAs() {
        SourceLocation location = lookup.lookup(TestDatabases.BERLIN_IPV6);

        assertThat(location.cityName()).isEqualTo("Berlin");
        assertThat(location.countryIsoCode()).isEqualTo("DE");
        assertThat(location.latitude()).isEqualTo(52.5244);
        assertThat(location.asNumber()).isEqualTo(TestDatabases.AS_NUMBER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.1.2.3",
                "172.16.0.1",
                "192.168.1.1",
                "100.64.0.1",
                "127.0.0.1",
                "169.254.169.254",
                "203.0.113.10",
                "198.51.100.23",
                "192.0.2.1",
                "198.18.0.1",
                "240.0.0.1",
                "0.0.0.0",
                "::1",
                "fd12:3456::1",
                "fe80::1",
                "2001:db8::1",
                "ff02::1",
                "::ffff:10.0.0.1"
            })
    void privateAndReservedAddressesGetNothingEvenWhenTheDatabaseKnowsThem(String address) {
        assertThat(lookup.lookup(address)).isEqualTo(SourceLocation.NONE);
        assertThat(lookup.lookups()).as("not even looked up").isZero();
    }

    @Test
    void publicAddressTheDatabasesDoNotKnowGetsNothing() {
        assertThat(lookup.lookup("8.8.8.8")).isEqualTo(SourceLocation.NONE);
        assertThat(lookup.lookups()).isEqualTo(1);
    }

    @Test
    void eachAddressIsLookedUpOnce() {
        for (int i = 0; i < 10; i++) {
            lookup.lookup(TestDatabases.LONDON_IPV4);
        }
        assertThat(lookup.lookups()).isEqualTo(1);
    }

    @Test
    void asnDatabaseAloneGivesAsWithoutGeo() throws IOException {
        try (GeoIpLookup asnOnly = GeoIpLookup.open(List.of(TestDatabases.asn(temp)))) {
            SourceLocation location = asnOnly.lookup(TestDatabases.LONDON_IPV4);

            assertThat(location.hasGeo()).isFalse();
            assertThat(location.asOrganization()).isEqualTo(TestDatabases.AS_ORGANIZATION);
        }
    }

    @Test
    void missingDatabaseIsAUsageErrorAtStart() {
        assertThatThrownBy(() -> GeoIpLookup.open(List.of(temp.resolve("GeoLite2-City.mmdb"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no such file")
                .hasMessageContaining("GeoLite2-City.mmdb");
    }

    @Test
    void fileThatIsNotAMaxMindDatabaseIsAUsageErrorAtStart() throws IOException {
        long seed = 20261204L;
        byte[] noise = new byte[4096];
        new SplittableRandom(seed).nextBytes(noise);
        Path file = Files.write(temp.resolve("noise.mmdb"), noise);

        assertThatThrownBy(() -> GeoIpLookup.open(List.of(file)))
                .as("seed %d", seed)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("noise.mmdb");
    }

    @Test
    void databaseWithACorruptSearchTreeIsAUsageErrorAtStart() throws IOException {
        byte[] database = Files.readAllBytes(TestDatabases.city(temp));
        // the metadata (found by its marker at the end) stays intact; the root node points far past the data
        Arrays.fill(database, 0, 8, (byte) 0xFF);
        Path file = Files.write(temp.resolve("cut-City.mmdb"), database);

        assertThatThrownBy(() -> GeoIpLookup.open(List.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cut-City.mmdb");
    }

    @Test
    void databaseOfAnotherKindIsAUsageErrorAtStart() throws IOException {
        Path file = temp.resolve("anonymous.mmdb");
        new MmdbWriter("GeoIP2-Anonymous-IP")
                .add("81.2.69.0/24", Map.of("is_anonymous", true))
                .write(file);

        assertThatThrownBy(() -> GeoIpLookup.open(List.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither location nor AS");
    }
}
