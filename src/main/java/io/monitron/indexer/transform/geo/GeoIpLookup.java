package io.monitron.indexer.transform.geo;

import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Subdivision;
import io.monitron.indexer.config.ConfigException;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Location and network owner of public source addresses, from City, Country and ASN databases in MaxMind's format
 * (GeoLite2, GeoIP2, DB-IP Lite), read with MaxMind's own reader ({@code --geoip-db PATH}, repeatable). The databases
 * are opened, checked and told apart by their metadata when this is built, so a missing, unreadable, corrupt or
 * unsupported file stops the run at start with a {@link ConfigException} (exit 2), never per event.
 *
 * <p>Addresses that are not public ({@link PublicAddress}) are not looked up. Answers are cached per address (at most
 * {@value #CACHE_LIMIT} addresses; the cache starts again when full, so memory stays bounded on any trail), so a
 * trail's few distinct callers cost one lookup each. Thread-safe. {@link #close()} releases the files.
 */
public final class GeoIpLookup implements Closeable {
    static final int CACHE_LIMIT = 100_000;

    private final List<DatabaseReader> locationReaders;
    private final List<DatabaseReader> asnReaders;
    private final List<DatabaseReader> all;
    private final Map<String, SourceLocation> cache = new ConcurrentHashMap<>();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private GeoIpLookup(List<DatabaseReader> locationReaders, List<DatabaseReader> asnReaders) {
        this.locationReaders = List.copyOf(locationReaders);
        this.asnReaders = List.copyOf(asnReaders);
        List<DatabaseReader> both = new ArrayList<>(locationReaders);
        both.addAll(asnReaders);
        this.all = List.copyOf(both);
    }

    /**
     * Opens each database. Its {@code database_type} decides what it is used for: one containing {@code City},
     * {@code Country} or {@code Enterprise} gives the location, one containing {@code ASN} the autonomous system
     * (DB-IP Lite's types, {@code DBIP-City-Lite} and {@code DBIP-ASN-Lite}, included).
     *
     * @throws ConfigException for no file, a file that is missing, unreadable, not a MaxMind database, or of a type
     *     that gives neither location nor AS (e.g. {@code GeoIP2-Anonymous-IP})
     */
    public static GeoIpLookup open(List<Path> databases) {
        if (databases.isEmpty()) {
            throw new ConfigException("--geoip-db: no database given");
        }
        List<DatabaseReader> location = new ArrayList<>();
        List<DatabaseReader> asn = new ArrayList<>();
        try {
            for (Path path : databases) {
                DatabaseReader reader = openOne(path);
                String type = reader.getMetadata().databaseType();
                String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
                if (lower.contains("city") || lower.contains("country") || lower.contains("enterprise")) {
                    location.add(reader);
                } else if (lower.contains("asn")) {
                    asn.add(reader);
                } else {
                    close(reader);
                    throw new ConfigException("--geoip-db " + path + ": a " + type + " database gives neither "
                            + "location nor AS; give a City, Country or ASN database (GeoLite2-City.mmdb, "
                            + "GeoLite2-ASN.mmdb, dbip-city-lite.mmdb ...)");
                }
            }
        } catch (RuntimeException e) {
            location.forEach(GeoIpLookup::close);
            asn.forEach(GeoIpLookup::close);
            throw e;
        }
        return new GeoIpLookup(location, asn);
    }

    private static DatabaseReader openOne(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("--geoip-db: no such file: " + path);
        }
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(path.toFile())
                    .fileMode(Reader.FileMode.MEMORY_MAPPED)
                    .build();
        } catch (InvalidDatabaseException e) {
            throw new ConfigException("--geoip-db " + path + " is not a MaxMind database (" + e.getMessage()
                    + "); download the .mmdb file again");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("--geoip-db: cannot read " + path + ": " + e.getMessage(), e);
        }
        // the metadata can be intact while the tree is cut off: one lookup walks it down to a leaf
        try {
            reader.getMetadata().databaseType();
            probe(reader);
        } catch (InvalidDatabaseException | RuntimeException e) {
            close(reader);
            throw new ConfigException(
                    "--geoip-db " + path + " is corrupt (" + e.getMessage() + "); download the .mmdb file again");
        } catch (IOException e) {
            close(reader);
            throw new ConfigException("--geoip-db: cannot read " + path + ": " + e.getMessage(), e);
        }
        return reader;
    }

    /** Walks the tree for an IPv4 and an IPv6 address; a damaged tree or data section throws. */
    private static void probe(DatabaseReader reader) throws IOException {
        for (String probe : new String[] {"1.1.1.1", "2606:4700::1111"}) {
            try {
                InetAddress address = InetAddress.getByName(probe);
                String type = reader.getMetadata().databaseType().toLowerCase(Locale.ROOT);
                if (type.contains("asn")) {
                    reader.tryAsn(address);
                } else if (type.contains("country") && !type.contains("city")) {
                    reader.tryCountry(address);
                } else {
                    reader.tryCity(address);
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            } catch (GeoIp2Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (UnsupportedOperationException unsupportedType) {
                // a type this class refuses by name right after
                return;
            } catch (IllegalArgumentException ipv6InAnIpv4Database) {
                // an IPv4-only database cannot be asked about IPv6 addresses
            }
        }
    }

    /**
     * @param ipLiteral an IPv4 or IPv6 literal (as {@code source.ip} holds it; nothing is resolved)
     * @return what the databases know, {@link SourceLocation#NONE} for a non-public address or one they do not know
     */
    public SourceLocation lookup(String ipLiteral) {
        SourceLocation cached = cache.get(ipLiteral);
        if (cached != null) {
            return cached;
        }
        SourceLocation found = find(ipLiteral);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(ipLiteral, found);
        return found;
    }

    private SourceLocation find(String ipLiteral) {
        InetAddress address;
        try {
            address = InetAddress.getByName(ipLiteral);
        } catch (UnknownHostException e) {
            return SourceLocation.NONE;
        }
        if (!PublicAddress.isPublic(address)) {
            return SourceLocation.NONE;
        }
        lookups.incrementAndGet();
        SourceLocation location = SourceLocation.NONE;
        try {
            for (DatabaseReader reader : locationReaders) {
                location = location(reader, address);
                if (location.hasGeo()) {
                    break;
                }
            }
            for (DatabaseReader reader : asnReaders) {
                Optional<AsnResponse> asn = reader.tryAsn(address);
                if (asn.isPresent() && asn.get().autonomousSystemNumber() != null) {
                    return withAs(location, asn.get());
                }
            }
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            // a database damaged past the checks at start: this address goes without location, the run goes on
            failures.incrementAndGet();
        }
        return location;
    }

    private static SourceLocation location(DatabaseReader reader, InetAddress address)
            throws IOException, GeoIp2Exception {
        String type = reader.getMetadata().databaseType().toLowerCase(Locale.ROOT);
        if (type.contains("country") && !type.contains("city")) {
            Optional<CountryResponse> country = reader.tryCountry(address);
            return country.map(c -> new SourceLocation(
                            c.continent().code(),
                            c.continent().name(),
                            c.country().isoCode(),
                            c.country().name(),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null))
                    .orElse(SourceLocation.NONE);
        }
        Optional<CityResponse> found = reader.tryCity(address);
        if (found.isEmpty()) {
            return SourceLocation.NONE;
        }
        CityResponse city = found.get();
        Subdivision region = city.mostSpecificSubdivision();
        String countryCode = city.country().isoCode();
        String regionCode = region == null || region.isoCode() == null
                ? null
                : countryCode == null ? region.isoCode() : countryCode + "-" + region.isoCode();
        return new SourceLocation(
                city.continent().code(),
                city.continent().name(),
                countryCode,
                city.country().name(),
                regionCode,
                region == null ? null : region.name(),
                city.city().name(),
                city.location().latitude(),
                city.location().longitude(),
                null,
                null);
    }

    private static SourceLocation withAs(SourceLocation l, AsnResponse asn) {
        return new SourceLocation(
                l.continentCode(),
                l.continentName(),
                l.countryIsoCode(),
                l.countryName(),
                l.regionIsoCode(),
                l.regionName(),
                l.cityName(),
                l.latitude(),
                l.longitude(),
                asn.autonomousSystemNumber(),
                asn.autonomousSystemOrganization());
    }

    /** Addresses looked up in the databases (public ones not in the cache). */
    public long lookups() {
        return lookups.get();
    }

    /** Lookups that failed on a damaged database (the event went on without location). */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        all.forEach(GeoIpLookup::close);
    }

    private static void close(DatabaseReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
