package io.monitron.indexer.transform.geo;

import io.monitron.indexer.bench.MmdbWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A small City and a small ASN database in MaxMind's format, written by {@link MmdbWriter}. */
public final class TestDatabases {
    public static final String LONDON_IPV4 = "81.2.69.160";
    public static final String BERLIN_IPV6 = "2a02:8010:1234::5";
    public static final long AS_NUMBER = 64_500L;
    public static final String AS_ORGANIZATION = "Example Networks Ltd";

    private TestDatabases() {}

    public static Path city(Path folder) throws IOException {
        Path file = folder.resolve("test-City.mmdb");
        new MmdbWriter("GeoLite2-City")
                .add(
                        "81.2.69.0/24",
                        city("London", 2643743L, "GB", "United Kingdom", "ENG", "England", 51.5142, -0.0931))
                .add("2a02:8010::/32", city("Berlin", 2950159L, "DE", "Germany", "BE", "Land Berlin", 52.5244, 13.4105))
                // the database knows these too; they must still get no location
                .add("10.0.0.0/8", city("Nowhere", 1L, "ZZ", "Private", "PR", "Private", 0.0, 0.0))
                .add("203.0.113.0/24", city("Nowhere", 1L, "ZZ", "Documentation", "DO", "Doc", 0.0, 0.0))
                .write(file);
        return file;
    }

    public static Path asn(Path folder) throws IOException {
        Path file = folder.resolve("test-ASN.mmdb");
        Map<String, Object> as = Map.of(
                "autonomous_system_number", AS_NUMBER,
                "autonomous_system_organization", AS_ORGANIZATION);
        new MmdbWriter("GeoLite2-ASN")
                .add("81.2.64.0/18", as)
                .add("2a02:8010::/29", as)
                .write(file);
        return file;
    }

    private static Map<String, Object> city(
            String city,
            long cityId,
            String iso,
            String country,
            String regionIso,
            String region,
            double latitude,
            double longitude) {
        return Map.of(
                "city", Map.of("geoname_id", cityId, "names", Map.of("en", city)),
                "continent",
                        Map.of(
                                "code",
                                iso.equals("ZZ") ? "AN" : "EU",
                                "geoname_id",
                                6255148L,
                                "names",
                                Map.of("en", iso.equals("ZZ") ? "Antarctica" : "Europe")),
                "country", Map.of("geoname_id", 2635167L, "iso_code", iso, "names", Map.of("en", country)),
                "location",
                        Map.of(
                                "accuracy_radius",
                                100,
                                "latitude",
                                latitude,
                                "longitude",
                                longitude,
                                "time_zone",
                                "Europe/London"),
                "subdivisions",
                        List.of(Map.of("geoname_id", 6269131L, "iso_code", regionIso, "names", Map.of("en", region))));
    }
}
