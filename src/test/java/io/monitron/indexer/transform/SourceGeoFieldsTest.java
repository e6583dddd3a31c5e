package io.monitron.indexer.transform;

import static io.monitron.indexer.transform.TestEvents.at;
import static io.monitron.indexer.transform.TestEvents.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.transform.geo.GeoIpLookup;
import io.monitron.indexer.transform.geo.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** source.geo.* and source.as.* in documents, with the test databases. */
class SourceGeoFieldsTest {
    @TempDir
    Path temp;

    private GeoIpLookup geoIp;
    private CloudTrailTransformer transformer;

    @BeforeEach
    void open() throws IOException {
        geoIp = GeoIpLookup.open(List.of(TestDatabases.city(temp), TestDatabases.asn(temp)));
        transformer = new CloudTrailTransformer(
                false, TestEvents.CLOCK, Enrichment.none().withGeoIp(geoIp));
    }

    @AfterEach
    void close() {
        geoIp.close();
    }

    private JsonNode withSource(String sourceIpAddress) {
        ObjectNode event = minimal("AmazonMonitronApp:DeleteSite");
        event.put("sourceIPAddress", sourceIpAddress);
        return ((Transformed.Built) transformer.transform(event, null, TestEvents.POSITION))
                .document()
                .source();
    }

    @Test
    void publicIpv4SourceGetsGeoAndAs() {
        JsonNode doc = withSource(TestDatabases.LONDON_IPV4 + ", 10.0.0.7");

        assertThat(at(doc, "source.geo.country_iso_code").asText()).isEqualTo("GB");
        assertThat(at(doc, "source.geo.country_name").asText()).isEqualTo("United Kingdom");
        assertThat(at(doc, "source.geo.continent_code").asText()).isEqualTo("EU");
        assertThat(at(doc, "source.geo.region_iso_code").asText()).isEqualTo("GB-ENG");
        assertThat(at(doc, "source.geo.region_name").asText()).isEqualTo("England");
        assertThat(at(doc, "source.geo.city_name").asText()).isEqualTo("London");
        assertThat(at(doc, "source.geo.location.lat").asDouble()).isEqualTo(51.5142);
        assertThat(at(doc, "source.geo.location.lon").asDouble()).isEqualTo(-0.0931);
        assertThat(at(doc, "source.as.number").asLong()).isEqualTo(TestDatabases.AS_NUMBER);
        assertThat(at(doc, "source.as.organization.name").asText()).isEqualTo(TestDatabases.AS_ORGANIZATION);
    }

    @Test
    void publicIpv6SourceGetsGeoAndAs() {
        JsonNode doc = withSource(TestDatabases.BERLIN_IPV6);

        assertThat(at(doc, "source.geo.city_name").asText()).isEqualTo("Berlin");
        assertThat(at(doc, "source.as.number").asLong()).isEqualTo(TestDatabases.AS_NUMBER);
    }

    @Test
    void privateAddressesAndServiceNamesGetNoGeo() {
        for (String source : List.of("10.1.2.3", "203.0.113.10", "cloudformation.amazonaws.com", "AWS Internal")) {
            JsonNode doc = withSource(source);

            assertThat(at(doc, "source.geo").isMissingNode()).as(source).isTrue();
            assertThat(at(doc, "source.as").isMissingNode()).as(source).isTrue();
        }
    }

    @Test
    void withoutDatabasesThereIsNoGeo() {
        ObjectNode event = minimal("AmazonMonitronApp:DeleteSite");
        event.put("sourceIPAddress", TestDatabases.LONDON_IPV4);

        assertThat(at(TestEvents.source(event), "source.geo").isMissingNode()).isTrue();
    }
}
