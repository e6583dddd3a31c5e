package io.monitron.indexer.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A City and an ASN database in MaxMind's format, made up from a seed when the benchmark runs (never downloaded,
 * never committed), shaped like GeoLite2's so that lookups cost what they cost with real databases.
 *
 * <p>Each database tiles the public IPv4 space (the /8 blocks from 1 to 223 but 10 and 127) and IPv6's global unicast
 * space (2000::/3, from its /12 blocks) with networks of varied sizes: a network chosen at random is halved until the
 * database has as many as asked for (at most /24 for IPv4, /48 for IPv6), so every public address is in some network
 * and a lookup walks about as many tree nodes as in a real database (IPv4 prefixes mostly /15 to /22 here, /16 to /24
 * in GeoLite2). City records have the fields GeoLite2-City
 * has (city, continent, country, registered country, location, postal code, subdivisions, names in its eight
 * languages); one network in ten knows only its country. Networks share a pool of city and AS records, as MaxMind's
 * databases share their data records. The same seed and sizes give the same bytes.
 */
public final class GeoDatabases {
    static final List<String> LANGUAGES = List.of("de", "en", "es", "fr", "ja", "pt-BR", "ru", "zh-CN");
    private static final int CITIES = 3_000;
    private static final int SYSTEMS = 4_000;
    private static final double COUNTRY_ONLY_SHARE = 0.1;

    /**
     * (ISO code, name, continent code): countries the City records are spread over. Real names, made-up cities,
     * coordinates and networks.
     */
    private static final String[][] COUNTRIES = {
        {"US", "United States", "NA"},
        {"CA", "Canada", "NA"},
        {"MX", "Mexico", "NA"},
        {"BR", "Brazil", "SA"},
        {"AR", "Argentina", "SA"},
        {"CL", "Chile", "SA"},
        {"GB", "United Kingdom", "EU"},
        {"DE", "Germany", "EU"},
        {"FR", "France", "EU"},
        {"ES", "Spain", "EU"},
        {"IT", "Italy", "EU"},
        {"NL", "Netherlands", "EU"},
        {"SE", "Sweden", "EU"},
        {"NO", "Norway", "EU"},
        {"PL", "Poland", "EU"},
        {"IE", "Ireland", "EU"},
        {"CH", "Switzerland", "EU"},
        {"AT", "Austria", "EU"},
        {"FI", "Finland", "EU"},
        {"PT", "Portugal", "EU"},
        {"JP", "Japan", "AS"},
        {"CN", "China", "AS"},
        {"IN", "India", "AS"},
        {"KR", "South Korea", "AS"},
        {"SG", "Singapore", "AS"},
        {"ID", "Indonesia", "AS"},
        {"TH", "Thailand", "AS"},
        {"VN", "Vietnam", "AS"},
        {"AE", "United Arab Emirates", "AS"},
        {"IL", "Israel", "AS"},
        {"AU", "Australia", "OC"},
        {"NZ", "New Zealand", "OC"},
        {"ZA", "South Africa", "AF"},
        {"NG", "Nigeria", "AF"},
        {"KE", "Kenya", "AF"},
        {"EG", "Egypt", "AF"},
        {"MA", "Morocco", "AF"},
        {"GH", "Ghana", "AF"},
        {"TR", "Turkey", "EU"},
        {"UA", "Ukraine", "EU"}
    };

    private static final Map<String, String> CONTINENTS = Map.of(
            "NA", "North America",
            "SA", "South America",
            "EU", "Europe",
            "AS", "Asia",
            "OC", "Oceania",
            "AF", "Africa");

    private static final Map<String, String> TIME_ZONES = Map.of(
            "NA", "America/Chicago",
            "SA", "America/Sao_Paulo",
            "EU", "Europe/Berlin",
            "AS", "Asia/Singapore",
            "OC", "Australia/Sydney",
            "AF", "Africa/Lagos");

    /** How many networks a database has. */
    public record Size(int ipv4Networks, int ipv6Networks) {
        public int networks() {
            return ipv4Networks + ipv6Networks;
        }
    }

    /**
     * The sizes the benchmark uses. GeoLite2-City has about 3.5 million networks and is 60 MB; this is about 50 times
     * smaller so that it is written in a few seconds, yet deep enough (see the class comment) that a lookup walks as
     * many tree nodes as in the real one, the part of a lookup that grows with the database; decoding the record,
     * the rest, does not.
     */
    public static final Size CITY = new Size(48_000, 16_000);

    public static final Size ASN = new Size(24_000, 8_000);

    /** What was written. */
    public record Written(Path city, Path asn, int cityNetworks, int asnNetworks, long cityBytes, long asnBytes) {
        public String describe() {
            return String.format(
                    java.util.Locale.ROOT,
                    "City %,d networks (%.1f MB), ASN %,d networks (%.1f MB)",
                    cityNetworks,
                    cityBytes / 1048576.0,
                    asnNetworks,
                    asnBytes / 1048576.0);
        }
    }

    /** A network: its first address (4 or 16 bytes) and prefix length. */
    record Network(byte[] first, int prefixLength) {
        Network lower() {
            return new Network(first, prefixLength + 1);
        }

        Network upper() {
            byte[] bytes = first.clone();
            bytes[prefixLength / 8] |= (byte) (0x80 >>> (prefixLength % 8));
            return new Network(bytes, prefixLength + 1);
        }

        BigInteger start() {
            return new BigInteger(1, first);
        }

        boolean contains(byte[] address) {
            if (address.length != first.length) {
                return false;
            }
            int bits = first.length * 8;
            BigInteger mask =
                    BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(prefixLength);
            return new BigInteger(1, address).andNot(mask).equals(start());
        }
    }

    private final List<Network> cityNetworks;
    private final List<Map<String, Object>> cityRecords;
    private final List<Network> asnNetworks;
    private final List<Map<String, Object>> asnRecords;

    private GeoDatabases(
            List<Network> cityNetworks,
            List<Map<String, Object>> cityRecords,
            List<Network> asnNetworks,
            List<Map<String, Object>> asnRecords) {
        this.cityNetworks = cityNetworks;
        this.cityRecords = cityRecords;
        this.asnNetworks = asnNetworks;
        this.asnRecords = asnRecords;
    }

    /** The networks and their records for {@code seed}, not yet written. */
    public static GeoDatabases plan(long seed, Size city, Size asn) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> cityPool = cityPool(random);
        List<Map<String, Object>> countryPool = new ArrayList<>();
        for (int c = 0; c < COUNTRIES.length; c++) {
            countryPool.add(countryOnly(c));
        }
        List<Map<String, Object>> systemPool = new ArrayList<>();
        for (int i = 0; i < SYSTEMS; i++) {
            Map<String, Object> system = new LinkedHashMap<>();
            system.put("autonomous_system_number", 1_000L + i * 7L + random.nextInt(7));
            system.put(
                    "autonomous_system_organization",
                    random.nextBoolean() ? "Example Transit " + i + " Ltd" : "Example Broadband " + i + " Inc.");
            systemPool.add(system);
        }
        List<Network> cityNetworks = tile(city, random);
        List<Map<String, Object>> cityRecords = new ArrayList<>();
        for (int i = 0; i < cityNetworks.size(); i++) {
            Map<String, Object> record = cityPool.get(random.nextInt(cityPool.size()));
            if (random.nextDouble() < COUNTRY_ONLY_SHARE) {
                record = countryPool.get(countryIndex(record));
            }
            cityRecords.add(record);
        }
        List<Network> asnNetworks = tile(asn, random);
        List<Map<String, Object>> asnRecords = new ArrayList<>();
        for (int i = 0; i < asnNetworks.size(); i++) {
            asnRecords.add(systemPool.get(random.nextInt(systemPool.size())));
        }
        return new GeoDatabases(cityNetworks, cityRecords, asnNetworks, asnRecords);
    }

    /** Writes {@code GeoLite2-City}- and {@code GeoLite2-ASN}-typed databases into {@code folder}. */
    public Written write(Path folder, String namePrefix) throws IOException {
        Files.createDirectories(folder);
        Path city = folder.resolve(namePrefix + "-City.mmdb");
        Path asn = folder.resolve(namePrefix + "-ASN.mmdb");
        MmdbWriter cityWriter = new MmdbWriter("GeoLite2-City");
        for (int i = 0; i < cityNetworks.size(); i++) {
            cityWriter.add(cityNetworks.get(i).first(), cityNetworks.get(i).prefixLength(), cityRecords.get(i));
        }
        cityWriter.write(city);
        MmdbWriter asnWriter = new MmdbWriter("GeoLite2-ASN");
        for (int i = 0; i < asnNetworks.size(); i++) {
            asnWriter.add(asnNetworks.get(i).first(), asnNetworks.get(i).prefixLength(), asnRecords.get(i));
        }
        asnWriter.write(asn);
        return new Written(city, asn, cityNetworks.size(), asnNetworks.size(), Files.size(city), Files.size(asn));
    }

    /** The country ISO code the City database gives {@code address}, as planned (for tests). */
    Optional<String> countryOf(InetAddress address) {
        return find(cityNetworks, address).map(i -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> country =
                    (Map<String, Object>) cityRecords.get(i).get("country");
            return (String) country.get("iso_code");
        });
    }

    /** Whether the City record of {@code address} has a city name, as planned (for tests). */
    boolean hasCity(InetAddress address) {
        return find(cityNetworks, address)
                .map(i -> cityRecords.get(i).containsKey("city"))
                .orElse(false);
    }

    /** The AS number the ASN database gives {@code address}, as planned (for tests). */
    Optional<Long> asNumberOf(InetAddress address) {
        return find(asnNetworks, address).map(i -> (Long) asnRecords.get(i).get("autonomous_system_number"));
    }

    List<Network> cityNetworks() {
        return List.copyOf(cityNetworks);
    }

    private static Optional<Integer> find(List<Network> networks, InetAddress address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < networks.size(); i++) {
            if (networks.get(i).contains(bytes)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Networks tiling the public IPv4 and the global unicast IPv6 space, IPv4 first, each sorted by address. */
    static List<Network> tile(Size size, SplittableRandom random) {
        List<Network> ipv4 = new ArrayList<>();
        for (int first = 1; first <= 223; first++) {
            if (first != 10 && first != 127) {
                ipv4.add(new Network(new byte[] {(byte) first, 0, 0, 0}, 8));
            }
        }
        List<Network> ipv6 = new ArrayList<>();
        for (int block = 0; block < 512; block++) {
            byte[] bytes = new byte[16];
            // 2000::/3 in /12 blocks: 001 then nine bits of block number
            int top = 0x2000 | (block << 4);
            bytes[0] = (byte) (top >>> 8);
            bytes[1] = (byte) top;
            ipv6.add(new Network(bytes, 12));
        }
        List<Network> all = new ArrayList<>(split(ipv4, size.ipv4Networks(), 24, random));
        all.addAll(split(ipv6, size.ipv6Networks(), 48, random));
        return all;
    }

    /** Halves networks picked at random until there are {@code target} (a target below the roots: the roots alone). */
    private static List<Network> split(List<Network> roots, int target, int maxPrefix, SplittableRandom random) {
        List<Network> leaves = new ArrayList<>(roots);
        long capacity = roots.stream()
                .mapToLong(n -> 1L << Math.min(62, maxPrefix - n.prefixLength()))
                .sum();
        if (target > capacity) {
            throw new IllegalArgumentException("at most " + capacity + " networks fit, not " + target);
        }
        while (leaves.size() < target) {
            int i = random.nextInt(leaves.size());
            Network network = leaves.get(i);
            if (network.prefixLength() >= maxPrefix) {
                continue;
            }
            leaves.set(i, network.lower());
            leaves.add(network.upper());
        }
        leaves.sort(Comparator.comparing(Network::start));
        return leaves;
    }

    private static List<Map<String, Object>> cityPool(SplittableRandom random) {
        List<Map<String, Object>> pool = new ArrayList<>();
        for (int i = 0; i < CITIES; i++) {
            int c = random.nextInt(COUNTRIES.length);
            String[] country = COUNTRIES[c];
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("city", Map.of("geoname_id", 5_000_000L + i, "names", names("Town " + i)));
            record.putAll(countryOnly(c));
            int region = random.nextInt(20);
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("accuracy_radius", 5 + random.nextInt(500));
            location.put("latitude", Math.round((random.nextDouble() * 140 - 60) * 10_000) / 10_000.0);
            location.put("longitude", Math.round((random.nextDouble() * 360 - 180) * 10_000) / 10_000.0);
            location.put("time_zone", TIME_ZONES.get(country[2]));
            record.put("location", location);
            record.put("postal", Map.of("code", String.format(java.util.Locale.ROOT, "%05d", random.nextInt(100_000))));
            record.put(
                    "subdivisions",
                    List.of(Map.of(
                            "geoname_id",
                            4_000_000L + c * 100L + region,
                            "iso_code",
                            "R" + region,
                            "names",
                            names(country[1] + " Region " + region))));
            pool.add(record);
        }
        return pool;
    }

    private static Map<String, Object> countryOnly(int c) {
        String[] country = COUNTRIES[c];
        Map<String, Object> countryRecord =
                Map.of("geoname_id", 3_000_000L + c, "iso_code", country[0], "names", names(country[1]));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(
                "continent",
                Map.of(
                        "code",
                        country[2],
                        "geoname_id",
                        6_255_000L + country[2].hashCode() % 1000,
                        "names",
                        names(CONTINENTS.get(country[2]))));
        record.put("country", countryRecord);
        record.put("registered_country", countryRecord);
        return record;
    }

    private static int countryIndex(Map<String, Object> record) {
        @SuppressWarnings("unchecked")
        Map<String, Object> country = (Map<String, Object>) record.get("country");
        for (int c = 0; c < COUNTRIES.length; c++) {
            if (COUNTRIES[c][0].equals(country.get("iso_code"))) {
                return c;
            }
        }
        throw new IllegalStateException("no such country: " + country);
    }

    /** Names in GeoLite2's eight languages; the English one as given, the others marked with their language. */
    private static Map<String, Object> names(String english) {
        Map<String, Object> names = new LinkedHashMap<>();
        for (String language : LANGUAGES) {
            names.put(language, language.equals("en") ? english : english + " (" + language + ")");
        }
        return names;
    }
}
