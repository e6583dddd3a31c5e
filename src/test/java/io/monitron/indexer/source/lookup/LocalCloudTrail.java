package io.monitron.indexer.source.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server speaking CloudTrail's wire format (AWS JSON 1.1): it records each request (arrival time,
 * headers that matter, parsed body) and answers with the scripted responses in order.
 */
final class LocalCloudTrail implements AutoCloseable {
    static final String LOOKUP_EVENTS_TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    static final String JSON_1_1 = "application/x-amz-json-1.1";

    /** One request as received. */
    record Received(long nanoTime, String target, String contentType, JsonNode body) {}

    /** One scripted answer. */
    record Answer(int status, String body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    final List<Received> received = new CopyOnWriteArrayList<>();

    LocalCloudTrail() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(int status, String body) {
        script.add(new Answer(status, body));
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        received.add(new Received(
                arrived,
                exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                JSON.readTree(requestBody)));
        Answer answer = script.poll();
        if (answer == null) {
            answer = new Answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"no scripted answer left\"}");
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", JSON_1_1);
        exchange.getResponseHeaders().set("x-amzn-RequestId", "local-" + received.size());
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A LookupEvents result holding a Monitron ListProjects event, as the API returns it. */
    static com.fasterxml.jackson.databind.node.ObjectNode event(String id, java.time.Instant time, String region) {
        com.fasterxml.jackson.databind.node.ObjectNode cloudTrailEvent = JSON.createObjectNode()
                .put("eventVersion", "1.09")
                .put("eventID", id)
                .put("eventTime", time.toString())
                .put("eventSource", "monitron.amazonaws.com")
                .put("eventName", "ListProjects")
                .put("awsRegion", region)
                .put("recipientAccountId", "111122223333");
        com.fasterxml.jackson.databind.node.ObjectNode event = JSON.createObjectNode()
                .put("EventId", id)
                .put("EventName", "ListProjects")
                .put("ReadOnly", "true")
                .put("EventTime", time.getEpochSecond())
                .put("EventSource", "monitron.amazonaws.com")
                .put("Username", "auditor");
        event.putArray("Resources")
                .addObject()
                .put("ResourceType", "AWS::Monitron::Project")
                .put("ResourceName", "plant-1");
        event.put("CloudTrailEvent", cloudTrailEvent.toString());
        return event;
    }

    /** A LookupEvents response page. */
    static String page(String nextToken, com.fasterxml.jackson.databind.node.ObjectNode... events) {
        com.fasterxml.jackson.databind.node.ObjectNode page = JSON.createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode array = page.putArray("Events");
        for (com.fasterxml.jackson.databind.node.ObjectNode event : events) {
            array.add(event);
        }
        if (nextToken != null) {
            page.put("NextToken", nextToken);
        }
        return page.toString();
    }
}
