package io.monitron.indexer.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Creates or updates alerting rules through Kibana's alerting API, by their fixed ids: {@code GET
 * [/s/{space}]/api/alerting/rule/{id}}; when absent (404) {@code POST .../rule/{id}}, enabled only when asked; when
 * present {@code PUT .../rule/{id}}, keeping the rule's actions (the connectors a user attached) and its enabled
 * state, then {@code POST .../rule/{id}/_enable} when asked and it is disabled. Running it again changes nothing
 * but what the bundled definitions changed. Every request carries {@code kbn-xsrf}; messages never carry the
 * authorization.
 */
public final class AlertRuleInstaller {

    private static final Pattern SPACE_ID = Pattern.compile("[a-z0-9_-]{1,1024}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXCERPT = 300;

    private final URI baseUrl;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    /** What happened to one rule. */
    public record InstalledRule(String id, String name, boolean created, boolean enabled) {}

    /**
     * @param baseUrl Kibana's URL including any base path, without credentials, query or fragment
     * @param authorizationHeaderValue the full {@code Authorization} value ({@link KibanaAuthorization}), or empty
     */
    public AlertRuleInstaller(
            URI baseUrl, Optional<String> authorizationHeaderValue, SSLContext sslContext, Duration timeout) {
        String text = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        this.baseUrl = URI.create(text);
        this.authorization = Objects.requireNonNull(authorizationHeaderValue, "authorizationHeaderValue");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .sslContext(Objects.requireNonNull(sslContext, "sslContext"))
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param space the Kibana space id; empty or {@code default} means the default space
     * @param enable enable the rules (new rules are created disabled otherwise, existing ones keep their state)
     * @throws KibanaRulesException on the first rule Kibana does not accept; rules before it are in place
     */
    public List<InstalledRule> install(List<AlertRule> rules, Optional<String> space, boolean enable) {
        String prefix = spacePrefix(space);
        List<InstalledRule> installed = new ArrayList<>();
        for (AlertRule rule : rules) {
            URI ruleUrl = URI.create(baseUrl + prefix + "/api/alerting/rule/" + rule.id());
            HttpResponse<String> existing = send(rule, "GET", ruleUrl, null);
            if (existing.statusCode() == 404) {
                expectSuccess(rule, "create", send(rule, "POST", ruleUrl, rule.createBody(enable)), space);
                installed.add(new InstalledRule(rule.id(), rule.name(), true, enable));
                continue;
            }
            expectSuccess(rule, "read", existing, space);
            JsonNode current = json(rule, existing);
            expectSuccess(rule, "update", send(rule, "PUT", ruleUrl, rule.updateBody(current)), space);
            boolean enabled = current.path("enabled").asBoolean(false);
            if (enable && !enabled) {
                URI enableUrl = URI.create(ruleUrl + "/_enable");
                expectSuccess(rule, "enable", send(rule, "POST", enableUrl, null), space);
                enabled = true;
            }
            installed.add(new InstalledRule(rule.id(), rule.name(), false, enabled));
        }
        return List.copyOf(installed);
    }

    private HttpResponse<String> send(AlertRule rule, String method, URI url, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("kbn-xsrf", "true")
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new KibanaRulesException(
                    "cannot reach Kibana at " + baseUrl + " for rule '" + rule.name() + "' ("
                            + ConnectionFailure.reason(e)
                            + "); check that Kibana is running at that URL, the network and the TLS trust settings",
                    OptionalInt.empty(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KibanaRulesException(
                    "interrupted while sending rule '" + rule.name() + "' to Kibana", OptionalInt.empty(), e);
        }
    }

    private static void expectSuccess(
            AlertRule rule, String what, HttpResponse<String> response, Optional<String> space) {
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            return;
        }
        String said = kibanaMessage(response.body());
        String advice =
                switch (status) {
                    case 400 ->
                        "; Kibana refused the rule (if it mentions the encryption key, set"
                                + " xpack.encryptedSavedObjects.encryptionKey in kibana.yml: alerting needs it)";
                    case 401 -> "; check the Kibana user and password or API key";
                    case 403 ->
                        "; the user needs the 'all' privilege on Stack Rules (Management) in space '"
                                + space.orElse("default") + "'";
                    case 404 -> "; check the Kibana URL (including any base path) and that the space exists";
                    default -> status >= 500 ? "; see the Kibana server log" : "";
                };
        throw new KibanaRulesException(
                "Kibana answered " + status + " to " + what + " rule '" + rule.name() + "' (" + rule.id() + ")"
                        + (said.isEmpty() ? "" : ": " + said) + advice,
                OptionalInt.of(status),
                null);
    }

    private static JsonNode json(AlertRule rule, HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new KibanaRulesException(
                    "Kibana answered rule '" + rule.name() + "' with a body that is not JSON ("
                            + excerpt(response.body()) + "); is the URL Kibana's?",
                    OptionalInt.of(response.statusCode()),
                    e);
        }
    }

    private static String spacePrefix(Optional<String> space) {
        if (space.isEmpty() || space.get().equals("default")) {
            return "";
        }
        if (!SPACE_ID.matcher(space.get()).matches()) {
            throw new IllegalArgumentException(
                    "'" + space.get() + "' is not a Kibana space id (lowercase letters, digits, '_' and '-' only)");
        }
        return "/s/" + space.get();
    }

    /** Kibana's error body is {@code {"statusCode":..,"error":..,"message":..}}; anything else is quoted briefly. */
    private static String kibanaMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return excerpt(node.get("message").asText());
            }
        } catch (IOException notJson) {
            // quote the raw body
        }
        return excerpt(body);
    }

    private static String excerpt(String text) {
        String oneLine = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= EXCERPT ? oneLine : oneLine.substring(0, EXCERPT) + "...";
    }

    @Override
    public String toString() {
        return "AlertRuleInstaller[" + baseUrl + ", authorization " + (authorization.isPresent() ? "set" : "none")
                + "]";
    }
}
