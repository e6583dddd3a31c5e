package io.monitron.indexer.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes databases in the MaxMind DB format (spec version 2.0, maxmind.github.io/MaxMind-DB), so the tests and the
 * benchmark's {@code geoip} part use databases built here rather than downloaded ones. IPv6 tree (IPv4 networks live
 * under {@code ::/96}, where readers look for them), 32-bit records, no pointers inside data records; networks with
 * equal data share one data record, as in MaxMind's own databases. Networks must not overlap: a network added inside
 * an earlier, larger one takes that one's place for the rest of the larger network's addresses.
 *
 * <p>Values: {@link String} (UTF-8 string), {@link Double} (double), {@link Integer} (uint16 when it fits, as the
 * GeoIP2 schema has for {@code accuracy_radius}), {@link Long} (uint32, as for {@code geoname_id} and
 * {@code autonomous_system_number}), {@link Boolean}, {@link Map} with string keys, {@link List}.
 */
public final class MmdbWriter {
    private static final byte[] METADATA_MARKER = {
        (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'
    };
    private static final int DATA_SECTION_SEPARATOR = 16;

    private final String databaseType;
    private final List<Network> networks = new ArrayList<>();

    private record Network(BigInteger prefix, int bits, Map<String, Object> data) {}

    /** A node: each side is a node index, a data index (as {@code -1 - index}), or empty ({@code null}). */
    private static final class Node {
        Integer[] children = new Integer[2];
    }

    public MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** {@code 81.2.69.0/24} or {@code 2a02:8010::/32}. */
    public MmdbWriter add(String cidr, Map<String, Object> data) {
        int slash = cidr.indexOf('/');
        InetAddress address;
        try {
            address = InetAddress.getByName(cidr.substring(0, slash));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        byte[] raw = address.getAddress();
        BigInteger value = new BigInteger(1, raw);
        if (raw.length == 4) {
            bits += 96; // ::a.b.c.d
        }
        networks.add(new Network(value, bits, data));
        return this;
    }

    /** A network given as its first address's bytes (4 or 16) and prefix length, without parsing text. */
    public MmdbWriter add(byte[] address, int prefixLength, Map<String, Object> data) {
        int bits = address.length == 4 ? prefixLength + 96 : prefixLength;
        networks.add(new Network(new BigInteger(1, address), bits, data));
        return this;
    }

    public int networks() {
        return networks.size();
    }

    public void write(Path file) throws IOException {
        Files.write(file, bytes());
    }

    public byte[] bytes() throws IOException {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node());
        List<byte[]> records = new ArrayList<>();
        Map<Map<String, Object>, Integer> recordIndex = new HashMap<>();
        for (Network network : networks) {
            int dataIndex = recordIndex.computeIfAbsent(network.data(), data -> {
                records.add(encode(data));
                return records.size() - 1;
            });
            int node = 0;
            for (int depth = 0; depth < network.bits(); depth++) {
                int bit = network.prefix().testBit(127 - depth) ? 1 : 0;
                if (depth == network.bits() - 1) {
                    nodes.get(node).children[bit] = -1 - dataIndex;
                } else {
                    Integer next = nodes.get(node).children[bit];
                    if (next == null || next < 0) {
                        nodes.add(new Node());
                        next = nodes.size() - 1;
                        nodes.get(node).children[bit] = next;
                    }
                    node = next;
                }
            }
        }
        int nodeCount = nodes.size();
        List<Integer> offsets = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] record : records) {
            offsets.add(data.size());
            data.write(record);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node node : nodes) {
            for (Integer child : node.children) {
                long value;
                if (child == null) {
                    value = nodeCount;
                } else if (child >= 0) {
                    value = child;
                } else {
                    value = (long) nodeCount + DATA_SECTION_SEPARATOR + offsets.get(-1 - child);
                }
                out.write((int) (value >>> 24));
                out.write((int) (value >>> 16));
                out.write((int) (value >>> 8));
                out.write((int) value);
            }
        }
        out.write(new byte[DATA_SECTION_SEPARATOR]);
        out.write(data.toByteArray());
        out.write(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", (long) nodeCount);
        metadata.put("record_size", 32);
        metadata.put("ip_version", 6);
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", 2);
        metadata.put("binary_format_minor_version", 0);
        metadata.put("build_epoch", new Uint64(1_733_000_000L));
        metadata.put("description", Map.of("en", "monitron-cloudtrail-indexer generated database"));
        out.write(encode(metadata));
        return out.toByteArray();
    }

    /** An unsigned 64-bit integer ({@code build_epoch}). */
    public record Uint64(long value) {}

    private static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            control(out, 2, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof Double number) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(number);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift));
            }
        } else if (value instanceof Integer number && number >= 0 && number <= 0xFFFF) {
            unsigned(out, 5, number);
        } else if (value instanceof Long number && number >= 0 && number <= 0xFFFF_FFFFL) {
            unsigned(out, 6, number);
        } else if (value instanceof Uint64 number) {
            unsigned(out, 9, number.value());
        } else if (value instanceof Boolean flag) {
            control(out, 14, flag ? 1 : 0);
        } else if (value instanceof Map<?, ?> map) {
            control(out, 7, map.size());
            map.forEach((key, item) -> {
                write(out, (String) key);
                write(out, item);
            });
        } else if (value instanceof List<?> list) {
            control(out, 11, list.size());
            list.forEach(item -> write(out, item));
        } else {
            throw new IllegalArgumentException("no MaxMind DB encoding for " + value);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, long value) {
        int length = 0;
        for (long rest = value; rest != 0; rest >>>= 8) {
            length++;
        }
        control(out, type, length);
        for (int i = length - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /**
     * The control byte: type in the top three bits (extended types as 0, their number minus 7 in the next byte), the
     * size in the low five bits, with 29, 30, 31 announcing one, two or three more size bytes.
     */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int typeBits = type <= 7 ? type << 5 : 0;
        int sizeBits;
        byte[] sizeBytes;
        if (size < 29) {
            sizeBits = size;
            sizeBytes = new byte[0];
        } else if (size < 29 + 256) {
            sizeBits = 29;
            sizeBytes = new byte[] {(byte) (size - 29)};
        } else if (size < 285 + 65_536) {
            sizeBits = 30;
            int rest = size - 285;
            sizeBytes = new byte[] {(byte) (rest >>> 8), (byte) rest};
        } else {
            sizeBits = 31;
            int rest = size - 65_821;
            sizeBytes = new byte[] {(byte) (rest >>> 16), (byte) (rest >>> 8), (byte) rest};
        }
        out.write(typeBits | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        out.writeBytes(sizeBytes);
    }
}
