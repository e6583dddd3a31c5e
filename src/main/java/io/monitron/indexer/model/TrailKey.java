package io.monitron.indexer.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A log file's place in CloudTrail's delivery layout, read from its path or key:
 * {@code [PREFIX/]AWSLogs/[o-ORG/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHMMZ_UNIQUE.json.gz}.
 *
 * @param organizationId the {@code o-...} level of an organization trail, or empty
 * @param account the account the file belongs to
 * @param region the region the events were recorded in
 * @param stamp the file's 5-minute delivery stamp (from its name), UTC
 */
public record TrailKey(Optional<String> organizationId, String account, String region, Instant stamp) {
    private static final Pattern LAYOUT = Pattern.compile(
            "(?:^|/)AWSLogs/(?:(o-[a-z0-9]{10,32})/)?(\\d{12})/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
                    + "[^/]*_(\\d{8}T\\d{4}Z)_[^/]*$");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");

    /** The partition this file belongs to, for per-partition checkpoints. */
    public String partition() {
        return account + "/" + region;
    }

    /** Parses a path or key; empty when it does not follow the layout. */
    public static Optional<TrailKey> parse(String pathOrKey) {
        Matcher m = LAYOUT.matcher(pathOrKey.replace('\\', '/'));
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            Instant stamp = LocalDateTime.parse(m.group(7), STAMP).toInstant(ZoneOffset.UTC);
            return Optional.of(new TrailKey(Optional.ofNullable(m.group(1)), m.group(2), m.group(3), stamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
