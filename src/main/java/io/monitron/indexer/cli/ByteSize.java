package io.monitron.indexer.cli;

import io.monitron.indexer.config.ConfigException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size as options take it: bytes, or a number with KB, MB or GB (powers of 1024; any case, with or without B). */
final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)b?");

    private ByteSize() {}

    /** @throws ConfigException when the text is no size or does not fit in an int */
    static int parse(String option, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ConfigException(option + " must be a size such as 32MB, 512KB or a number of bytes: " + text);
        }
        long unit =
                switch (m.group(2)) {
                    case "k" -> 1024L;
                    case "m" -> 1024L * 1024;
                    case "g" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            bytes = Long.MAX_VALUE;
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new ConfigException(option + " is too large: " + text);
        }
        return (int) bytes;
    }
}
