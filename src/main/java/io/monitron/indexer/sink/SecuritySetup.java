package io.monitron.indexer.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monitron.indexer.config.ConfigException;
import io.monitron.indexer.config.Secret;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The security steps of {@code setup}, through Elasticsearch's security REST API: the indexer's role ({@code PUT
 * /_security/role/<name>}), its user ({@code PUT /_security/user/<name>}) and the built-in {@code kibana_system} user's
 * password ({@code POST /_security/user/kibana_system/_password}).
 *
 * <p>Every step creates or replaces, so running setup again changes nothing but passwords that were changed. The
 * caller needs the {@code manage_security} cluster privilege (e.g. {@code elastic}), and the cluster needs the native
 * realm. Failures are {@link SinkException}s whose messages never contain a password, even when Elasticsearch quotes
 * the request in its error.
 */
public final class SecuritySetup {
    public static final String KIBANA_SYSTEM_USER = "kibana_system";

    /** A narrower set than Elasticsearch allows, so a name can never change the request path. */
    private static final Pattern PRINCIPAL_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.@-]{0,506}");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RestClient client;

    public SecuritySetup(ElasticsearchClient client) {
        this.client = ElasticsearchClients.restClient(client);
    }

    /** Creates or replaces the role {@code name}. */
    public void putRole(String name, IndexerRole role) {
        checkName("role", name);
        Request request = new Request("PUT", "/_security/role/" + name);
        request.setEntity(new NStringEntity(role.json(), ContentType.APPLICATION_JSON));
        perform(request, "create the role " + name, Optional.empty());
    }

    /** Creates the user {@code username} holding only {@code role}, or resets its password and roles. */
    public void putUser(String username, Secret password, String role) {
        checkName("user", username);
        checkName("role", role);
        ObjectNode body = MAPPER.createObjectNode();
        body.put("password", password.reveal());
        body.putArray("roles").add(role);
        body.put("full_name", "Monitron CloudTrail indexer");
        Request request = new Request("PUT", "/_security/user/" + username);
        request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        perform(request, "create the user " + username, Optional.of(password));
    }

    /** Sets the password Kibana uses to log in to Elasticsearch as {@value #KIBANA_SYSTEM_USER}. */
    public void changeKibanaSystemPassword(Secret password) {
        ObjectNode body = MAPPER.createObjectNode().put("password", password.reveal());
        Request request = new Request("POST", "/_security/user/" + KIBANA_SYSTEM_USER + "/_password");
        request.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        perform(request, "set the password of " + KIBANA_SYSTEM_USER, Optional.of(password));
    }

    private static void checkName(String what, String name) {
        if (!PRINCIPAL_NAME.matcher(name).matches()) {
            throw new ConfigException("a " + what + " name must be 1-507 letters, digits, '_', '.', '@' or '-',"
                    + " starting with a letter, digit or '_': " + name);
        }
    }

    private void perform(Request request, String what, Optional<Secret> sent) {
        try {
            client.performRequest(request);
        } catch (ResponseException e) {
            // not chained as the cause: the low-level exception's message holds the raw response body
            int status = e.getResponse().getStatusLine().getStatusCode();
            String said = redact(errorOf(e), sent);
            throw new SinkException(
                    switch (status) {
                        case 401 ->
                            "Elasticsearch refused the credentials (HTTP 401) when trying to " + what
                                    + ": check ES_USERNAME/ES_PASSWORD or the API key";
                        case 403 ->
                            "cannot " + what + ": the Elasticsearch user may not manage security (HTTP 403"
                                    + said + "); run setup as a user with the manage_security cluster privilege, e.g."
                                    + " elastic";
                        case 400, 404, 405, 410 ->
                            "cannot " + what + ": HTTP " + status + said + " (users and roles"
                                    + " made through the API need security enabled and the native realm, as in the"
                                    + " default distribution and Elastic Cloud)";
                        default -> "cannot " + what + ": HTTP " + status + said;
                    });
        } catch (IOException e) {
            throw IndexTemplate.unreachable(e);
        }
    }

    /** Elasticsearch's {@code error.type} and {@code error.reason}, or nothing when the body has neither. */
    private static String errorOf(ResponseException e) {
        try {
            JsonNode error =
                    MAPPER.readTree(e.getResponse().getEntity().getContent()).path("error");
            if (error.isTextual()) {
                return ": " + error.asText();
            }
            String type = error.path("type").asText("");
            String reason = error.path("reason").asText("");
            if (type.isEmpty() && reason.isEmpty()) {
                return "";
            }
            return ": " + type + (reason.isEmpty() ? "" : " " + reason);
        } catch (IOException | RuntimeException notJson) {
            // the status alone still says what happened
            return "";
        }
    }

    private static String redact(String message, Optional<Secret> secret) {
        if (secret.isEmpty() || secret.get().reveal().isEmpty()) {
            return message;
        }
        return message.replace(secret.get().reveal(), "****");
    }
}
