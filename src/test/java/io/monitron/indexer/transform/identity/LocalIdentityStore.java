package io.monitron.indexer.transform.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server speaking the IAM Identity Center identity store's wire format (AWS JSON 1.1, target
 * {@code AWSIdentityStore.DescribeUser}): users it holds are answered as DescribeUser does, unknown users with
 * {@code ResourceNotFoundException}, and a user may be set to be throttled ({@code ThrottlingException}, HTTP 400) a
 * number of times first. Every request is recorded.
 */
final class LocalIdentityStore implements AutoCloseable {
    static final String DESCRIBE_USER = "AWSIdentityStore.DescribeUser";
    static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String target, JsonNode body) {}

    private final HttpServer server;
    private final String identityStoreId;
    private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttles = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean denied;

    LocalIdentityStore(String identityStoreId) throws IOException {
        this.identityStoreId = identityStoreId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A user as DescribeUser returns it: two e-mail addresses, the second primary. */
    void addUser(String userId, String userName, String primaryEmail, String displayName) {
        ObjectNode user = JSON.createObjectNode();
        user.put("IdentityStoreId", identityStoreId);
        user.put("UserId", userId);
        user.put("UserName", userName);
        user.put("DisplayName", displayName);
        ObjectNode name = user.putObject("Name");
        name.put("Formatted", displayName);
        var emails = user.putArray("Emails");
        emails.addObject()
                .put("Value", "old-" + primaryEmail)
                .put("Type", "home")
                .put("Primary", false);
        emails.addObject().put("Value", primaryEmail).put("Type", "work").put("Primary", true);
        users.put(userId, user);
    }

    /** Every call from now on is refused as the caller lacks {@code identitystore:DescribeUser}. */
    void denyAccess() {
        denied = true;
    }

    void throttle(String userId, int times) {
        throttles.put(userId, new AtomicInteger(times));
    }

    long describeCallsFor(String userId) {
        return received.stream()
                .filter(r -> userId.equals(r.body().path("UserId").asText()))
                .count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        received.add(new Received(target, body));
        String userId = body.path("UserId").asText();
        if (!DESCRIBE_USER.equals(target)) {
            answer(exchange, 400, error("UnknownOperationException", "not served here: " + target));
        } else if (denied) {
            answer(
                    exchange,
                    400,
                    error(
                            "AccessDeniedException",
                            "User is not authorized to perform: " + "identitystore:DescribeUser"));
        } else if (!identityStoreId.equals(body.path("IdentityStoreId").asText())) {
            answer(exchange, 400, error("ResourceNotFoundException", "identity store not found"));
        } else if (throttles.containsKey(userId) && throttles.get(userId).getAndDecrement() > 0) {
            answer(exchange, 400, error("ThrottlingException", "Rate exceeded"));
        } else if (users.containsKey(userId)) {
            answer(exchange, 200, users.get(userId).toString());
        } else {
            ObjectNode notFound = (ObjectNode) JSON.readTree(error("ResourceNotFoundException", "USER not found"));
            notFound.put("ResourceType", "USER").put("ResourceId", userId);
            answer(exchange, 400, notFound.toString());
        }
    }

    private static String error(String type, String message) {
        return JSON.createObjectNode()
                .put("__type", "com.amazonaws.identitystore#" + type)
                .put("Message", message)
                .toString();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "local");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
