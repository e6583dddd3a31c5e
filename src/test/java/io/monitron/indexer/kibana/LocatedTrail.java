package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.transform.geo.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The sample trail's Monitron events with public source addresses, for the panels on {@code source.geo.*} and {@code
 * source.as.*}: the sample trail itself uses documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
 * 2001:db8::/32) and service names, which the indexer never locates. Here 192.0.2.x becomes 81.2.69.x (London) and
 * 2001:db8:... becomes 2a02:8010:... (Berlin), the networks {@link TestDatabases} knows; in the trail's last
 * {@value #LAST_DAYS} days 192.0.2.x becomes 2a02:8010:ffff::x (Berlin) instead, so the users of those addresses change
 * things from a second country late in the range, which is what the first-seen panel is for. 198.51.100.x, 203.0.113.x
 * and service names stay, so the panels must also leave unlocated changes out.
 *
 * <p>{@link #location} restates what {@link TestDatabases} puts in its City and ASN databases for those networks, as
 * an oracle that does not read the databases.
 */
final class LocatedTrail {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONDON_NETWORK = "81.2.69.";
    private static final String BERLIN_NETWORK = "2a02:8010:";
    private static final int LAST_DAYS = 7;

    /** What the test databases say about an address. */
    record Location(String countryIsoCode, String countryName, String cityName, String asOrganization) {}

    private LocatedTrail() {}

    /** The location of a source address the rewritten trail holds, or empty when the databases do not place it. */
    static Optional<Location> location(String sourceAddress) {
        if (sourceAddress.startsWith(LONDON_NETWORK)) {
            return Optional.of(new Location("GB", "United Kingdom", "London", TestDatabases.AS_ORGANIZATION));
        }
        if (sourceAddress.startsWith(BERLIN_NETWORK)) {
            return Optional.of(new Location("DE", "Germany", "Berlin", TestDatabases.AS_ORGANIZATION));
        }
        return Optional.empty();
    }

    /**
     * Writes the events, addresses rewritten, as one CloudTrail log file under {@code folder} and returns the trail's
     * root (what {@code index --path} and {@link RawEvent#readMonitronEvents} take).
     */
    static Path write(List<RawEvent> events, Path folder) throws IOException {
        Path day = folder.resolve("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01");
        Files.createDirectories(day);
        ObjectNode file = JSON.createObjectNode();
        ArrayNode records = file.putArray("Records");
        Instant movedAt = events.stream()
                .map(RawEvent::time)
                .max(Comparator.naturalOrder())
                .orElseThrow()
                .minus(Duration.ofDays(LAST_DAYS));
        for (RawEvent event : events) {
            ObjectNode record = event.json().deepCopy();
            record.put(
                    "sourceIPAddress",
                    publicAddress(event.sourceAddress(), event.time().isAfter(movedAt)));
            records.add(record);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(
                day.resolve("111122223333_CloudTrail_eu-west-1_20261001T0000Z_located.json.gz")))) {
            JSON.writeValue(out, file);
        }
        return folder;
    }

    private static String publicAddress(String address, boolean moved) {
        if (address.startsWith("192.0.2.")) {
            String host = address.substring("192.0.2.".length());
            return moved ? BERLIN_NETWORK + "ffff::" + host : LONDON_NETWORK + host;
        }
        if (address.startsWith("2001:db8:")) {
            return BERLIN_NETWORK + address.substring("2001:db8:".length());
        }
        return address;
    }
}
