package io.monitron.indexer.samples;

/**
 * Who called, with what, from where.
 *
 * @param principal the identity
 * @param client the calling software
 * @param sourceAddress the {@code sourceIPAddress}: an IPv4 or IPv6 literal, a service host name or {@code AWS
 *     Internal}
 */
record Caller(Principal principal, Client client, String sourceAddress) {

    /** Whether the event carries {@code "sessionCredentialFromConsole": "true"}. */
    boolean fromConsole() {
        return client.kind() == Client.Kind.CONSOLE && principal.canUseConsole();
    }

    /** Whether TLS details are recorded: calls made inside AWS by a service carry none. */
    boolean overTls() {
        return client.kind() != Client.Kind.AWS_SERVICE && client.kind() != Client.Kind.AWS_INTERNAL;
    }
}
