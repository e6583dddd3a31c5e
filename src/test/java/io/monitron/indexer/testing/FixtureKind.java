package io.monitron.indexer.testing;

/** The three cluster flavours the fixture offers; each runs at most once per JVM. */
enum FixtureKind {
    /** Plain HTTP, security off. */
    PLAIN("shared", false, false),
    /** Basic authentication, plain HTTP. */
    SECURED("secured", true, false),
    /** Basic authentication over HTTPS with a test CA. */
    SECURED_TLS("secured-tls", true, true);

    private final String instanceName;
    private final boolean security;
    private final boolean tls;

    FixtureKind(String instanceName, boolean security, boolean tls) {
        this.instanceName = instanceName;
        this.security = security;
        this.tls = tls;
    }

    /** Names the instance in messages and its folder under {@code target/es-instances/}. */
    String instanceName() {
        return instanceName;
    }

    boolean security() {
        return security;
    }

    boolean tls() {
        return tls;
    }
}
