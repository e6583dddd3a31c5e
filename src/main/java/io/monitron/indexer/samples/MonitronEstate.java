package io.monitron.indexer.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What exists in Monitron for one account and region at a point of the story: projects with their admins, tags,
 * access grants and sites; sites with gateways and assets; assets with their state and sensors. Every collection
 * has a cap, so a story of any length uses bounded memory.
 */
final class MonitronEstate {
    static final int MAX_PROJECTS = 3;
    static final int MAX_SITES = 4;
    static final int MAX_GATEWAYS = 3;
    static final int MAX_ASSETS = 10;
    static final int MAX_SENSORS = 4;
    static final int MAX_ADMINS = 4;
    static final int MAX_GRANTS = 8;
    static final int MAX_TAGS = 6;

    final List<Project> projects = new ArrayList<>();

    static final class Project {
        final String name;
        final String arn;
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<Principal.IdentityCenterUser> admins = new ArrayList<>();
        final List<Grant> grants = new ArrayList<>();
        final List<Site> sites = new ArrayList<>();

        Project(String name, String arn) {
            this.name = name;
            this.arn = arn;
        }
    }

    static final class Site {
        final String id;
        String name;
        final List<Gateway> gateways = new ArrayList<>();
        final List<Asset> assets = new ArrayList<>();

        Site(String id, String name) {
            this.id = id;
            this.name = name;
        }

        boolean isEmpty() {
            return gateways.isEmpty() && assets.isEmpty();
        }
    }

    record Gateway(String id, String name) {}

    static final class Asset {
        final String id;
        String name;
        String state = "HEALTHY";
        final List<Sensor> sensors = new ArrayList<>();

        Asset(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static final class Sensor {
        final String id;
        String name;

        Sensor(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** A user's Monitron role in a project, or in one site of it when {@code siteId} is set. */
    static final class Grant {
        final Principal.IdentityCenterUser user;
        final String siteId;
        String role;

        Grant(Principal.IdentityCenterUser user, String siteId, String role) {
            this.user = user;
            this.siteId = siteId;
            this.role = role;
        }
    }

    /** A site within its project. */
    record SiteRef(Project project, Site site) {}

    /** An asset within its site. */
    record AssetRef(Project project, Site site, Asset asset) {}

    boolean hasProjectNamed(String name) {
        return projects.stream().anyMatch(p -> p.name.equals(name));
    }

    List<Project> projects(Predicate<Project> filter) {
        return projects.stream().filter(filter).toList();
    }

    List<SiteRef> sites(Predicate<SiteRef> filter) {
        List<SiteRef> result = new ArrayList<>();
        for (Project project : projects) {
            for (Site site : project.sites) {
                SiteRef ref = new SiteRef(project, site);
                if (filter.test(ref)) {
                    result.add(ref);
                }
            }
        }
        return result;
    }

    List<AssetRef> assets(Predicate<AssetRef> filter) {
        List<AssetRef> result = new ArrayList<>();
        for (Project project : projects) {
            for (Site site : project.sites) {
                for (Asset asset : site.assets) {
                    AssetRef ref = new AssetRef(project, site, asset);
                    if (filter.test(ref)) {
                        result.add(ref);
                    }
                }
            }
        }
        return result;
    }

    Optional<Project> project(String name) {
        return projects.stream().filter(p -> p.name.equals(name)).findFirst();
    }
}
