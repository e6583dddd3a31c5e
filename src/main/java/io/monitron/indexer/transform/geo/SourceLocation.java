package io.monitron.indexer.transform.geo;

/**
 * What the databases say about one address; any part may be {@code null}, and {@link #NONE} says nothing.
 *
 * @param continentCode {@code EU}
 * @param continentName {@code Europe}
 * @param countryIsoCode {@code GB}
 * @param countryName {@code United Kingdom}
 * @param regionIsoCode the most specific subdivision as ECS writes it, country and subdivision code: {@code GB-ENG}
 * @param regionName {@code England}
 * @param cityName {@code London}
 * @param latitude with {@code longitude}, the {@code geo_point}
 * @param longitude with {@code latitude}
 * @param asNumber the autonomous system number
 * @param asOrganization the autonomous system's organisation
 */
public record SourceLocation(
        String continentCode,
        String continentName,
        String countryIsoCode,
        String countryName,
        String regionIsoCode,
        String regionName,
        String cityName,
        Double latitude,
        Double longitude,
        Long asNumber,
        String asOrganization) {
    public static final SourceLocation NONE =
            new SourceLocation(null, null, null, null, null, null, null, null, null, null, null);

    public boolean hasGeo() {
        return continentCode != null
                || countryIsoCode != null
                || cityName != null
                || regionName != null
                || (latitude != null && longitude != null);
    }

    public boolean hasAs() {
        return asNumber != null || asOrganization != null;
    }
}
