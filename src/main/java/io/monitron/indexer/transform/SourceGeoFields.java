package io.monitron.indexer.transform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.transform.geo.SourceLocation;

/** ECS {@code source.geo.*} and {@code source.as.*} from a {@link SourceLocation}. */
final class SourceGeoFields {
    private SourceGeoFields() {}

    static void write(ObjectNode source, SourceLocation location) {
        if (location.hasGeo()) {
            ObjectNode geo = source.putObject("geo");
            JsonNodes.putText(geo, "continent_code", location.continentCode());
            JsonNodes.putText(geo, "continent_name", location.continentName());
            JsonNodes.putText(geo, "country_iso_code", location.countryIsoCode());
            JsonNodes.putText(geo, "country_name", location.countryName());
            JsonNodes.putText(geo, "region_iso_code", location.regionIsoCode());
            JsonNodes.putText(geo, "region_name", location.regionName());
            JsonNodes.putText(geo, "city_name", location.cityName());
            if (location.latitude() != null && location.longitude() != null) {
                geo.putObject("location").put("lat", location.latitude()).put("lon", location.longitude());
            }
        }
        if (location.hasAs()) {
            ObjectNode as = source.putObject("as");
            if (location.asNumber() != null) {
                as.put("number", location.asNumber());
            }
            if (location.asOrganization() != null) {
                as.putObject("organization").put("name", location.asOrganization());
            }
        }
    }
}
