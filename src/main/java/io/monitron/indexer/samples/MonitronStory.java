package io.monitron.indexer.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.samples.MonitronEstate.Asset;
import io.monitron.indexer.samples.MonitronEstate.AssetRef;
import io.monitron.indexer.samples.MonitronEstate.Gateway;
import io.monitron.indexer.samples.MonitronEstate.Grant;
import io.monitron.indexer.samples.MonitronEstate.Project;
import io.monitron.indexer.samples.MonitronEstate.Sensor;
import io.monitron.indexer.samples.MonitronEstate.Site;
import io.monitron.indexer.samples.MonitronEstate.SiteRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Monitron activity of one account in one region, told in order: projects are created before their sites,
 * sites before their gateways and assets, assets before their sensors; things are renamed, tagged, granted,
 * transitioned and sometimes deleted (leaves first). About 8% of calls fail, and a failed call changes nothing.
 *
 * <p>The parameter shapes are the ones the transform expects (see the field contract): PascalCase for the project
 * API, camelCase for the app API, new ids in create responses.
 */
final class MonitronStory {
    static final double FAILURE_RATE = 0.08;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> PROJECT_NAMES = List.of(
            "detroit-assembly",
            "rotterdam-packaging",
            "brisbane-water",
            "lyon-bottling",
            "pune-foundry",
            "monterrey-stamping",
            "gdansk-shipyard",
            "osaka-paper",
            "leeds-bakery",
            "calgary-pipeline");
    private static final List<String> SITE_NAMES = List.of(
            "Hall A",
            "Hall B",
            "Boiler House",
            "North Warehouse",
            "Pump Station 3",
            "Packaging Line 2",
            "Cold Store",
            "Paint Shop");
    private static final List<String> ASSET_KINDS = List.of(
            "Conveyor Motor",
            "Compressor",
            "Cooling Fan",
            "Gearbox",
            "Centrifugal Pump",
            "Blower",
            "Mixer Drive",
            "Chiller");
    private static final List<String> SENSOR_POSITIONS =
            List.of("Motor DE bearing", "Motor NDE bearing", "Gearbox input shaft", "Pump housing", "Fan bearing");
    private static final List<String> ROLES = List.of("ADMIN", "TECHNICIAN", "READ_ONLY");
    private static final Map<String, List<String>> NEXT_STATES = Map.of(
            "HEALTHY", List.of("WARNING", "ALARM", "MAINTENANCE"),
            "WARNING", List.of("ALARM", "ACKNOWLEDGED", "HEALTHY"),
            "ALARM", List.of("ACKNOWLEDGED", "MAINTENANCE"),
            "ACKNOWLEDGED", List.of("MAINTENANCE", "HEALTHY"),
            "MAINTENANCE", List.of("HEALTHY"));
    private static final Map<String, List<String>> TAGS = Map.of(
            "cost-center", List.of("CC-1042", "CC-2210", "CC-3307"),
            "environment", List.of("production", "pilot"),
            "owner", List.of("reliability-team", "plant-maintenance"),
            "criticality", List.of("high", "medium", "low"),
            "line", List.of("1", "2", "3"),
            "plant", List.of("north", "south"));
    private static final List<String> TAG_KEYS = List.copyOf(new java.util.TreeSet<>(TAGS.keySet()));

    private final AccountDirectory directory;
    private final String region;
    private final SeededRandom random;
    private final Set<MonitronAction> seenAnywhere;
    private final MonitronEstate estate = new MonitronEstate();
    private int projectSerial;
    private int assetSerial;
    private int gatewaySerial;

    /**
     * @param seenAnywhere the actions already told by any story of the run; unseen ones are favoured so a run of a
     *     few hundred Monitron events shows all 27
     */
    MonitronStory(AccountDirectory directory, String region, SeededRandom random, Set<MonitronAction> seenAnywhere) {
        this.directory = directory;
        this.region = region;
        this.random = random;
        this.seenAnywhere = seenAnywhere;
    }

    /** The next call of the story. */
    ApiCall next() {
        MonitronAction action = choose();
        seenAnywhere.add(action);
        Caller caller =
                action.isApp() ? directory.appCaller(random) : directory.projectCaller(random, action.readOnly());
        boolean fails = random.chance(FAILURE_RATE);
        Step step = step(action);
        String eventName = action.isApp() && caller.principal() instanceof Principal.IdentityCenterUser
                ? MonitronAction.APP_PREFIX + action.eventName()
                : action.eventName();
        ArrayNode resources = null;
        if (step.project != null && !action.isApp()) {
            resources = ApiCall.resource(directory.accountId(), "AWS::Monitron::Project", step.project.arn);
        }
        ApiCall call = new ApiCall(
                "monitron.amazonaws.com",
                eventName,
                caller,
                step.request,
                step.response,
                null,
                resources,
                action.readOnly(),
                "AwsApiCall",
                null);
        if (fails) {
            return call.failedWith(failure(action, caller, step));
        }
        step.apply.run();
        return call;
    }

    private record Step(Project project, ObjectNode request, JsonNode response, Runnable apply) {}

    private MonitronAction choose() {
        Feasible feasible = new Feasible(estate);
        double[] weights = new double[MonitronAction.values().length];
        double total = 0;
        for (MonitronAction action : MonitronAction.values()) {
            double weight = feasible.allows(action) ? action.weight() * feasible.urgency(action) : 0;
            if (weight > 0 && !seenAnywhere.contains(action)) {
                weight *= 25;
            }
            weights[action.ordinal()] = weight;
            total += weight;
        }
        double roll = random.fraction() * total;
        for (MonitronAction action : MonitronAction.values()) {
            roll -= weights[action.ordinal()];
            if (roll < 0 && weights[action.ordinal()] > 0) {
                return action;
            }
        }
        return MonitronAction.LIST_PROJECTS;
    }

    /** One pass over the estate: which actions have something to act on. */
    private static final class Feasible {
        final int projects;
        boolean roomForSite;
        boolean roomForAdmin;
        boolean anyAdmin;
        boolean roomForTag;
        boolean anyTag;
        boolean roomForGrant;
        boolean anyGrant;
        boolean emptyProject;
        int sites;
        boolean emptySite;
        boolean roomForGateway;
        boolean anyGateway;
        boolean roomForAsset;
        int assets;
        boolean bareAsset;
        boolean roomForSensor;
        int sensors;

        Feasible(MonitronEstate estate) {
            projects = estate.projects.size();
            for (Project project : estate.projects) {
                roomForSite |= project.sites.size() < MonitronEstate.MAX_SITES;
                roomForAdmin |= project.admins.size() < MonitronEstate.MAX_ADMINS;
                anyAdmin |= !project.admins.isEmpty();
                roomForTag |= project.tags.size() < MonitronEstate.MAX_TAGS;
                anyTag |= !project.tags.isEmpty();
                roomForGrant |= project.grants.size() < MonitronEstate.MAX_GRANTS;
                anyGrant |= !project.grants.isEmpty();
                emptyProject |= project.sites.isEmpty();
                for (Site site : project.sites) {
                    sites++;
                    emptySite |= site.isEmpty();
                    roomForGateway |= site.gateways.size() < MonitronEstate.MAX_GATEWAYS;
                    anyGateway |= !site.gateways.isEmpty();
                    roomForAsset |= site.assets.size() < MonitronEstate.MAX_ASSETS;
                    for (Asset asset : site.assets) {
                        assets++;
                        bareAsset |= asset.sensors.isEmpty();
                        roomForSensor |= asset.sensors.size() < MonitronEstate.MAX_SENSORS;
                        sensors += asset.sensors.size();
                    }
                }
            }
        }

        boolean allows(MonitronAction action) {
            boolean anyProject = projects > 0;
            return switch (action) {
                case CREATE_PROJECT -> projects < MonitronEstate.MAX_PROJECTS;
                case LIST_PROJECTS -> true;
                case UPDATE_PROJECT, GET_PROJECT, LIST_PROJECT_ADMIN_USERS, LIST_TAGS_FOR_RESOURCE -> anyProject;
                case DELETE_PROJECT -> emptyProject;
                case ASSOCIATE_PROJECT_ADMIN_USER -> roomForAdmin;
                case DISASSOCIATE_PROJECT_ADMIN_USER, GET_PROJECT_ADMIN_USER -> anyAdmin;
                case TAG_RESOURCE -> roomForTag;
                case UNTAG_RESOURCE -> anyTag;
                case CREATE_USER_ACCESS_ROLE_ASSOCIATION -> roomForGrant;
                case UPDATE_USER_ACCESS_ROLE_ASSOCIATION, DELETE_USER_ACCESS_ROLE_ASSOCIATION -> anyGrant;
                case CREATE_SITE -> roomForSite;
                case UPDATE_SITE -> sites > 0;
                case DELETE_SITE -> emptySite;
                case CREATE_GATEWAY -> roomForGateway;
                case DELETE_GATEWAY -> anyGateway;
                case CREATE_ASSET -> roomForAsset;
                case UPDATE_ASSET, CREATE_ASSET_STATE_TRANSITION -> assets > 0;
                case DELETE_ASSET -> bareAsset;
                case CREATE_SENSOR -> roomForSensor;
                case UPDATE_SENSOR, DELETE_SENSOR -> sensors > 0;
            };
        }

        /** Building up comes first: an account with no project mostly creates one, a bare site gets assets. */
        double urgency(MonitronAction action) {
            return switch (action) {
                case CREATE_PROJECT -> projects == 0 ? 40 : 1;
                case CREATE_SITE -> sites == 0 ? 10 : 1;
                case CREATE_ASSET -> assets == 0 ? 8 : 1;
                case CREATE_SENSOR -> sensors < assets ? 3 : 1;
                case CREATE_GATEWAY -> anyGateway ? 1 : 4;
                default -> 1;
            };
        }
    }

    private Step step(MonitronAction action) {
        return switch (action) {
            case CREATE_PROJECT -> createProject();
            case UPDATE_PROJECT -> {
                Project project = random.pick(estate.projects);
                yield new Step(project, projectName("Name", project), null, () -> {});
            }
            case DELETE_PROJECT -> {
                Project project = random.pick(estate.projects(p -> p.sites.isEmpty()));
                yield new Step(
                        project,
                        projectName("Name", project),
                        JSON.objectNode().put("Name", project.name),
                        () -> estate.projects.remove(project));
            }
            case GET_PROJECT -> {
                Project project = random.pick(estate.projects);
                yield new Step(
                        project,
                        projectName("Name", project),
                        JSON.objectNode().put("Name", project.name).put("ProjectArn", project.arn),
                        () -> {});
            }
            case LIST_PROJECTS -> new Step(null, null, null, () -> {});
            case ASSOCIATE_PROJECT_ADMIN_USER -> {
                Project project = random.pick(estate.projects(p -> p.admins.size() < MonitronEstate.MAX_ADMINS));
                Principal.IdentityCenterUser user = directory.appUser(random);
                Runnable apply = project.admins.contains(user) ? () -> {} : () -> project.admins.add(user);
                yield new Step(project, adminUser(project, user), null, apply);
            }
            case DISASSOCIATE_PROJECT_ADMIN_USER -> {
                Project project = random.pick(estate.projects(p -> !p.admins.isEmpty()));
                Principal.IdentityCenterUser user = random.pick(project.admins);
                yield new Step(project, adminUser(project, user), null, () -> project.admins.remove(user));
            }
            case GET_PROJECT_ADMIN_USER -> {
                Project project = random.pick(estate.projects(p -> !p.admins.isEmpty()));
                yield new Step(project, adminUser(project, random.pick(project.admins)), null, () -> {});
            }
            case LIST_PROJECT_ADMIN_USERS -> {
                Project project = random.pick(estate.projects);
                yield new Step(project, projectName("ProjectName", project), null, () -> {});
            }
            case TAG_RESOURCE -> {
                Project project = random.pick(estate.projects(p -> p.tags.size() < MonitronEstate.MAX_TAGS));
                String key = random.pick(TAG_KEYS);
                String value = random.pick(TAGS.get(key));
                ObjectNode request = JSON.objectNode().put("ResourceArn", project.arn);
                request.putObject("Tags").put(key, value);
                yield new Step(project, request, null, () -> project.tags.put(key, value));
            }
            case UNTAG_RESOURCE -> {
                Project project = random.pick(estate.projects(p -> !p.tags.isEmpty()));
                String key = random.pick(new ArrayList<>(project.tags.keySet()));
                ObjectNode request = JSON.objectNode().put("ResourceArn", project.arn);
                request.putArray("TagKeys").add(key);
                yield new Step(project, request, null, () -> project.tags.remove(key));
            }
            case LIST_TAGS_FOR_RESOURCE -> {
                Project project = random.pick(estate.projects);
                yield new Step(project, JSON.objectNode().put("ResourceArn", project.arn), null, () -> {});
            }
            case CREATE_SITE -> {
                Project project = random.pick(estate.projects(p -> p.sites.size() < MonitronEstate.MAX_SITES));
                Site site = new Site(random.uuid(), random.pick(SITE_NAMES));
                ObjectNode request =
                        JSON.objectNode().put("projectName", project.name).put("siteName", site.name);
                yield new Step(
                        project, request, JSON.objectNode().put("siteId", site.id), () -> project.sites.add(site));
            }
            case UPDATE_SITE -> {
                SiteRef ref = random.pick(estate.sites(s -> true));
                String newName = random.pick(SITE_NAMES);
                yield new Step(
                        ref.project(),
                        site(ref.project(), ref.site()).put("siteName", newName),
                        null,
                        () -> ref.site().name = newName);
            }
            case DELETE_SITE -> {
                SiteRef ref = random.pick(estate.sites(s -> s.site().isEmpty()));
                yield new Step(ref.project(), site(ref.project(), ref.site()), null, () -> ref.project()
                        .sites
                        .remove(ref.site()));
            }
            case CREATE_GATEWAY -> {
                SiteRef ref = random.pick(estate.sites(s -> s.site().gateways.size() < MonitronEstate.MAX_GATEWAYS));
                Gateway gateway = new Gateway("GW-" + random.hex(12).toUpperCase(), "gateway-" + ++gatewaySerial);
                yield new Step(
                        ref.project(),
                        gateway(ref, gateway),
                        JSON.objectNode().put("gatewayId", gateway.id()),
                        () -> ref.site().gateways.add(gateway));
            }
            case DELETE_GATEWAY -> {
                SiteRef ref = random.pick(estate.sites(s -> !s.site().gateways.isEmpty()));
                Gateway gateway = random.pick(ref.site().gateways);
                yield new Step(ref.project(), gateway(ref, gateway), null, () -> ref.site()
                        .gateways
                        .remove(gateway));
            }
            case CREATE_ASSET -> {
                SiteRef ref = random.pick(estate.sites(s -> s.site().assets.size() < MonitronEstate.MAX_ASSETS));
                Asset asset = new Asset(random.uuid(), random.pick(ASSET_KINDS) + " " + ++assetSerial);
                yield new Step(
                        ref.project(),
                        site(ref.project(), ref.site()).put("assetName", asset.name),
                        JSON.objectNode().put("assetId", asset.id),
                        () -> ref.site().assets.add(asset));
            }
            case UPDATE_ASSET -> {
                AssetRef ref = random.pick(estate.assets(a -> true));
                String newName = random.pick(ASSET_KINDS) + " " + ++assetSerial;
                yield new Step(
                        ref.project(), asset(ref).put("assetName", newName), null, () -> ref.asset().name = newName);
            }
            case DELETE_ASSET -> {
                AssetRef ref = random.pick(estate.assets(a -> a.asset().sensors.isEmpty()));
                yield new Step(
                        ref.project(), asset(ref), null, () -> ref.site().assets.remove(ref.asset()));
            }
            case CREATE_ASSET_STATE_TRANSITION -> {
                AssetRef ref = random.pick(estate.assets(a -> true));
                String from = ref.asset().state;
                String to = random.pick(NEXT_STATES.get(from));
                ObjectNode request = asset(ref).put("fromState", from).put("toState", to);
                yield new Step(ref.project(), request, null, () -> ref.asset().state = to);
            }
            case CREATE_SENSOR -> {
                AssetRef ref = random.pick(estate.assets(a -> a.asset().sensors.size() < MonitronEstate.MAX_SENSORS));
                Sensor sensor = new Sensor("SN-" + random.upperAlphanumeric(12), random.pick(SENSOR_POSITIONS));
                yield new Step(
                        ref.project(),
                        sensor(ref, sensor),
                        JSON.objectNode().put("sensorId", sensor.id),
                        () -> ref.asset().sensors.add(sensor));
            }
            case UPDATE_SENSOR -> {
                AssetRef ref = random.pick(estate.assets(a -> !a.asset().sensors.isEmpty()));
                Sensor sensor = random.pick(ref.asset().sensors);
                String newName = random.pick(SENSOR_POSITIONS);
                yield new Step(
                        ref.project(),
                        sensor(ref, sensor).put("sensorName", newName),
                        null,
                        () -> sensor.name = newName);
            }
            case DELETE_SENSOR -> {
                AssetRef ref = random.pick(estate.assets(a -> !a.asset().sensors.isEmpty()));
                Sensor sensor = random.pick(ref.asset().sensors);
                yield new Step(ref.project(), sensor(ref, sensor), null, () -> ref.asset()
                        .sensors
                        .remove(sensor));
            }
            case CREATE_USER_ACCESS_ROLE_ASSOCIATION -> {
                Project project = random.pick(estate.projects(p -> p.grants.size() < MonitronEstate.MAX_GRANTS));
                String siteId = !project.sites.isEmpty() && random.chance(0.4) ? random.pick(project.sites).id : null;
                Grant grant = new Grant(directory.appUser(random), siteId, random.pick(ROLES));
                yield new Step(project, grant(project, grant, grant.role), null, () -> project.grants.add(grant));
            }
            case UPDATE_USER_ACCESS_ROLE_ASSOCIATION -> {
                Project project = random.pick(estate.projects(p -> !p.grants.isEmpty()));
                Grant grant = random.pick(project.grants);
                String role = random.pick(ROLES);
                yield new Step(project, grant(project, grant, role), null, () -> grant.role = role);
            }
            case DELETE_USER_ACCESS_ROLE_ASSOCIATION -> {
                Project project = random.pick(estate.projects(p -> !p.grants.isEmpty()));
                Grant grant = random.pick(project.grants);
                yield new Step(project, grant(project, grant, grant.role), null, () -> project.grants.remove(grant));
            }
        };
    }

    private Step createProject() {
        String base = PROJECT_NAMES.get(
                (projectSerial++ + directory.accountId().hashCode() & 0x7fffffff) % PROJECT_NAMES.size());
        String name = base;
        for (int n = 2; estate.hasProjectNamed(name); n++) {
            name = base + "-" + n;
        }
        Project project =
                new Project(name, "arn:aws:monitron:" + region + ":" + directory.accountId() + ":project/" + name);
        ObjectNode request = JSON.objectNode().put("Name", name);
        if (random.chance(0.6)) {
            String key = random.pick(TAG_KEYS);
            String value = random.pick(TAGS.get(key));
            request.putObject("Tags").put(key, value);
            project.tags.put(key, value);
        }
        return new Step(
                project, request, JSON.objectNode().put("ProjectArn", project.arn), () -> estate.projects.add(project));
    }

    private static ObjectNode projectName(String field, Project project) {
        return JSON.objectNode().put(field, project.name);
    }

    private static ObjectNode adminUser(Project project, Principal.IdentityCenterUser user) {
        return JSON.objectNode()
                .put("ProjectName", project.name)
                .put("AdminUserId", user.userId())
                .put("AdminUserName", user.name());
    }

    private static ObjectNode site(Project project, Site site) {
        return JSON.objectNode()
                .put("projectName", project.name)
                .put("siteId", site.id)
                .put("siteName", site.name);
    }

    private static ObjectNode gateway(SiteRef ref, Gateway gateway) {
        return JSON.objectNode()
                .put("projectName", ref.project().name)
                .put("siteId", ref.site().id)
                .put("gatewayId", gateway.id())
                .put("gatewayName", gateway.name());
    }

    private static ObjectNode asset(AssetRef ref) {
        return site(ref.project(), ref.site()).put("assetId", ref.asset().id).put("assetName", ref.asset().name);
    }

    private static ObjectNode sensor(AssetRef ref, Sensor sensor) {
        return asset(ref).put("sensorId", sensor.id).put("sensorName", sensor.name);
    }

    private static ObjectNode grant(Project project, Grant grant, String role) {
        ObjectNode request = JSON.objectNode().put("projectName", project.name);
        if (grant.siteId != null) {
            request.put("siteId", grant.siteId);
        }
        return request.put("userId", grant.user.userId())
                .put("userName", grant.user.name())
                .put("role", role);
    }

    private ApiCall.Failure failure(MonitronAction action, Caller caller, Step step) {
        List<String> codes = new ArrayList<>(List.of("AccessDenied", "AccessDenied", "ThrottlingException"));
        if (action.creates() || action.name().startsWith("UPDATE")) {
            codes.add("ValidationException");
            codes.add("ValidationException");
        }
        if (action.creates() && action != MonitronAction.CREATE_ASSET_STATE_TRANSITION) {
            codes.add("ConflictException");
        }
        if (action.targetsExisting()) {
            codes.add("ResourceNotFoundException");
            codes.add("ResourceNotFoundException");
        }
        String code = random.pick(codes);
        String projectName = step.project == null ? null : step.project.name;
        String message =
                switch (code) {
                    case "AccessDenied" -> accessDenied(action, caller, step);
                    case "ThrottlingException" -> "Rate exceeded";
                    case "ValidationException" ->
                        "1 validation error detected: Value at 'name' failed to satisfy"
                                + " constraint: Member must have length less than or equal to 64";
                    case "ConflictException" ->
                        action == MonitronAction.CREATE_PROJECT
                                ? "Project " + projectName + " already exists"
                                : "The resource already exists in project " + projectName;
                    default ->
                        projectName == null
                                ? "The requested resource was not found"
                                : "Resource not found in project " + projectName;
                };
        return new ApiCall.Failure(code, message);
    }

    private static String accessDenied(MonitronAction action, Caller caller, Step step) {
        JsonNode arn = caller.principal().userIdentity(Instant.EPOCH).get("arn");
        String who = arn == null ? "User " + caller.principal().userName() : "User: " + arn.asText();
        String resource = step.project == null ? "*" : step.project.arn;
        return who + " is not authorized to perform: monitron:" + action.eventName() + " on resource: " + resource;
    }
}
