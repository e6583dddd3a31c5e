package io.monitron.indexer.source.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/** Generates gzipped trail log files of Monitron events from a fixed seed, so every run sees the same bytes. */
final class TrailFiles {
    private final Random random;

    TrailFiles(long seed) {
        this.random = new Random(seed);
    }

    /** A gzipped {@code {"Records":[...]}} file of {@code events} events on {@code day}, each with a padding field. */
    byte[] logFile(String account, String region, LocalDate day, int events, int paddingChars) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < events; i++) {
            if (i > 0) {
                json.append(',');
            }
            String time = day.atStartOfDay(ZoneOffset.UTC)
                    .plusSeconds(random.nextInt(86_400))
                    .toInstant()
                    .toString();
            json.append("{\"eventVersion\":\"1.09\",\"eventTime\":\"")
                    .append(time)
                    .append("\",\"eventSource\":\"monitron.amazonaws.com\",\"eventName\":\"ListProjects\",")
                    .append("\"awsRegion\":\"")
                    .append(region)
                    .append("\",\"recipientAccountId\":\"")
                    .append(account)
                    .append("\",\"eventID\":\"")
                    .append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\",\"requestParameters\":{\"padding\":\"");
            for (int c = 0; c < paddingChars; c++) {
                json.append((char) ('a' + random.nextInt(26)));
            }
            json.append("\"}}");
        }
        json.append("]}");
        return gzip(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Random bytes: a stand-in body for tests that only compare bytes. */
    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
