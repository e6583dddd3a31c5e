package io.monitron.indexer.transform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ua_parser.Client;

/**
 * Browser, tool and operating system names from user agents, with uap-java and the uap-core rules it ships (the rules
 * Elastic's {@code user_agent} processor uses): {@code Mozilla/5.0 (Windows NT 10.0; Win64; x64) ... Chrome/124.0...}
 * → Chrome 124.0.0, Windows 10. A user agent the rules do not know but that starts with a {@code product/version}
 * token ({@code Go-http-client/1.1}) is named by that token. The rules are loaded once per JVM ({@link UserAgentRules});
 * answers are cached per user agent (at most {@value #CACHE_LIMIT}; the cache starts again when full). User agents
 * longer than {@value #MAX_PARSED_LENGTH} characters are left unparsed. Thread-safe.
 */
final class UserAgentParser {
    static final int CACHE_LIMIT = 10_000;
    /**
     * Longer user agents are not matched against the rules: no real client sends one (browsers stay under 512
     * characters), and the rules' regular expressions take minutes over a multi-megabyte string.
     */
    static final int MAX_PARSED_LENGTH = 1024;

    private static final String OTHER = "Other";

    /** Any part may be {@code null}. */
    record Parsed(String name, String version, String osName, String osVersion, String deviceName) {}

    private static final class Rules {
        static final UserAgentRules PARSER = UserAgentRules.load();
    }

    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    Parsed parse(String userAgent) {
        if (userAgent.length() > MAX_PARSED_LENGTH) {
            return new Parsed(null, null, null, null, null);
        }
        Parsed cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        Parsed parsed = parseUncached(userAgent);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(userAgent, parsed);
        return parsed;
    }

    private static Parsed parseUncached(String userAgent) {
        Client client = Rules.PARSER.parse(userAgent);
        String name = known(client.userAgent.family);
        String version = name == null
                ? null
                : version(client.userAgent.major, client.userAgent.minor, client.userAgent.patch, null);
        String osName = known(client.os.family);
        String osVersion = osName == null
                ? null
                : version(client.os.major, client.os.minor, client.os.patch, client.os.patchMinor);
        String device = known(client.device.family);
        if (name == null) {
            int slash = userAgent.indexOf('/');
            int space = userAgent.indexOf(' ');
            int end = space < 0 ? userAgent.length() : space;
            if (slash > 0 && slash < end - 1 && Character.isLetter(userAgent.charAt(0))) {
                name = userAgent.substring(0, slash);
                version = userAgent.substring(slash + 1, end);
            }
        }
        return new Parsed(name, version, osName, osVersion, device);
    }

    private static String known(String family) {
        return family == null || family.isBlank() || family.equals(OTHER) ? null : family;
    }

    /** {@code 124}, {@code 0}, {@code 6367} → {@code 124.0.6367}; parts after the first missing one are left out. */
    private static String version(String major, String minor, String patch, String patchMinor) {
        if (major == null || major.isEmpty()) {
            return null;
        }
        StringBuilder version = new StringBuilder(major);
        for (String part : new String[] {minor, patch, patchMinor}) {
            if (part == null || part.isEmpty()) {
                break;
            }
            version.append('.').append(part);
        }
        return version.toString();
    }
}
