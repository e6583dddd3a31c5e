package io.monitron.indexer.samples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The {@code eventID} of each generated event: a hash of the settings that shape the events (seed, period, counts,
 * share, accounts, regions, organization, file sizes, the address mode unless it is the default) and the event's sequence number, in the shape of the version 4
 * UUIDs CloudTrail writes. Corpora made with other seeds or settings share no ids, so indexing several of them into
 * one cluster loses no event to a deterministic-id collision; the output folder and the layout (format, gzip) are not
 * part of it, so the same events written in another layout keep their ids.
 */
final class EventIds {

    private final byte[] settings;
    private long sequence;

    private EventIds(byte[] settings) {
        this.settings = settings;
    }

    static EventIds forSpec(GeneratorSpec spec) {
        String settings = String.join(
                "\n",
                "monitron-sample-event-ids/1",
                Long.toString(spec.seed()),
                spec.start().toString(),
                Integer.toString(spec.days()),
                Long.toString(spec.events()),
                Double.toString(spec.monitronShare()),
                String.join(",", spec.accounts()),
                String.join(",", spec.regions()),
                String.valueOf(spec.organizationId()),
                spec.minEventsPerFile() + "-" + spec.maxEventsPerFile());
        if (spec.addresses() != AddressMode.DOCUMENTATION) {
            // other events, other ids; documentation-mode ids stay as they always were
            settings += "\naddresses=" + spec.addresses();
        }
        return new EventIds(sha256().digest(settings.getBytes(StandardCharsets.UTF_8)));
    }

    /** The id of the next event, in generation order. */
    String next() {
        MessageDigest digest = sha256();
        digest.update(settings);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence++).array());
        ByteBuffer hash = ByteBuffer.wrap(digest.digest());
        long high = (hash.getLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (hash.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return hex(high >>> 32, 8) + "-" + hex(high >>> 16, 4) + "-" + hex(high, 4) + "-" + hex(low >>> 48, 4) + "-"
                + hex(low, 12);
    }

    private static String hex(long value, int digits) {
        String text = Long.toHexString(value & ((1L << (digits * 4)) - 1));
        return "0".repeat(digits - text.length()) + text;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
