package io.monitron.indexer.samples;

/** Which source addresses the generated events carry. */
public enum AddressMode {
    /**
     * Documentation ranges only (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32), which GeoIP enrichment
     * never looks up: the committed samples and the default benchmark corpora.
     */
    DOCUMENTATION,
    /**
     * Every event the documentation mode would give an IP address gets a public or private one instead ({@link
     * PublicAddressMix}); service names and {@code AWS Internal} stay. For measuring GeoIP enrichment, whose lookups
     * only public addresses reach.
     */
    PUBLIC
}
