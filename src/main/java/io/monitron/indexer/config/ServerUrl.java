package io.monitron.indexer.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The URL of a server we talk to (Elasticsearch, Kibana), checked with messages that never show what may be a password:
 * a URL can carry user info ({@code http://user:password@host}), and a password with a space, a quote, a {@code %} or an
 * {@code @} makes the URL unparsable, so a message echoing the text as given would print it.
 */
public final class ServerUrl {
    private static final String HIDDEN = "****";

    private ServerUrl() {}

    /**
     * @param text the URL as given
     * @param origin where it was given, for messages: {@code --es-url}, {@code ES_URL}
     * @param credentialsAdvice where credentials go instead, e.g. {@code ES_USERNAME and ES_PASSWORD (or a file)}
     * @return an http or https URL with a host and no user info
     * @throws ConfigException otherwise, naming {@code origin} and showing the URL with anything that may be user info
     *     hidden
     */
    public static URI parse(String text, String origin, String credentialsAdvice) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new ConfigException(origin + " holds an empty URL");
        }
        URI url;
        try {
            url = new URI(trimmed);
        } catch (URISyntaxException e) {
            // the reason alone: the exception's message repeats the input
            throw new ConfigException("not a URL in " + origin + ": " + redact(trimmed) + " ("
                    + e.getReason().toLowerCase(Locale.ROOT) + ")");
        }
        String authority = url.getRawAuthority();
        if (authority != null && authority.contains("@")) {
            throw new ConfigException("put credentials in " + credentialsAdvice + ", not in the URL (" + origin + "): "
                    + redact(trimmed));
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new ConfigException(origin + " must look like http(s)://host:port, got: " + redact(trimmed));
        }
        return url;
    }

    /**
     * Several URLs, given as one list (split at commas, where a password may also have a comma): any {@code @} in them
     * is taken for user info and refused, with the whole list hidden around it.
     *
     * @see #parse
     */
    public static java.util.List<URI> parseAll(java.util.List<String> texts, String origin, String credentialsAdvice) {
        String joined = String.join(",", texts);
        if (texts.size() > 1 && joined.contains("@")) {
            throw new ConfigException(
                    "put credentials in " + credentialsAdvice + ", not in the URL (" + origin + "): " + redact(joined));
        }
        return texts.stream()
                .map(text -> parse(text, origin, credentialsAdvice))
                .toList();
    }

    /**
     * The text of a URL, parsable or not, with anything that may be user info hidden: whatever stands between the
     * scheme (or the start) and the last {@code @}. May hide more than user info (an {@code @} in a path), never less.
     */
    public static String redact(String text) {
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text;
        }
        int scheme = text.indexOf("://");
        int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
        return text.substring(0, start) + HIDDEN + text.substring(at);
    }
}
