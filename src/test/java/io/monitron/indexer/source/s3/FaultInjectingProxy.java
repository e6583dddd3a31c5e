package io.monitron.indexer.source.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of an HTTP server that injects real network faults: it answers 503 SlowDown to chosen GETs,
 * or relays a response's head and the first N bytes of its body and then resets the connection. One request per
 * connection (it asks upstream for {@code Connection: close}), so each request's bytes are relayed untouched and
 * request signatures stay valid.
 */
final class FaultInjectingProxy implements AutoCloseable {
    /** What to do to the GETs of one key. */
    private record Fault(int times, long cutAfterBodyBytes) {
        boolean slowDown() {
            return cutAfterBodyBytes < 0;
        }
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsDone = new ConcurrentHashMap<>();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();

    FaultInjectingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::acceptLoop);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The first {@code times} GETs of a path ending with {@code keySuffix} are answered 503 SlowDown. */
    void slowDown(String keySuffix, int times) {
        faults.put(keySuffix, new Fault(times, -1));
    }

    /** The first {@code times} GETs of a path ending with {@code keySuffix} are reset after that many body bytes. */
    void cutBody(String keySuffix, int times, long afterBodyBytes) {
        faults.put(keySuffix, new Fault(times, afterBodyBytes));
    }

    /** The heads (request line and headers) of the GETs received for a path ending with {@code keySuffix}. */
    List<String> getsOf(String keySuffix) {
        List<String> heads = new ArrayList<>();
        for (String head : requestHeads) {
            String line = head.substring(0, head.indexOf('\r'));
            String path = line.split(" ")[1];
            int query = path.indexOf('?');
            path = query < 0 ? path : path.substring(0, query);
            if (line.startsWith("GET ") && path.endsWith(keySuffix)) {
                heads.add(head);
            }
        }
        return heads;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] headBytes = readHead(in);
            if (headBytes == null) {
                return;
            }
            String head = new String(headBytes, StandardCharsets.ISO_8859_1);
            requestHeads.add(head);
            byte[] body = in.readNBytes(contentLength(head));
            Fault fault = faultFor(head);
            OutputStream out = client.getOutputStream();
            if (fault != null && fault.slowDown()) {
                byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                                + "<Message>Please reduce your request rate.</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + error.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(error);
                out.flush();
                return;
            }
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
                OutputStream up = upstream.getOutputStream();
                up.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                InputStream down = upstream.getInputStream();
                byte[] responseHead = readHead(down);
                if (responseHead == null) {
                    return;
                }
                out.write(responseHead);
                if (fault != null) {
                    out.write(down.readNBytes((int) fault.cutAfterBodyBytes()));
                    out.flush();
                    client.setSoLinger(true, 0); // close with a reset, as a dropped connection does
                    return;
                }
                down.transferTo(out);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away; nothing to relay
        }
    }

    private Fault faultFor(String head) {
        if (!head.startsWith("GET ")) {
            return null;
        }
        String path = head.substring(4, head.indexOf(' ', 4));
        int query = path.indexOf('?');
        String plain = query < 0 ? path : path.substring(0, query);
        for (Map.Entry<String, Fault> entry : faults.entrySet()) {
            if (plain.endsWith(entry.getKey())) {
                int done = faultsDone
                        .computeIfAbsent(entry.getKey(), k -> new AtomicInteger())
                        .getAndIncrement();
                return done < entry.getValue().times() ? entry.getValue() : null;
            }
        }
        return null;
    }

    private static String withConnectionClose(String head) {
        StringBuilder rewritten = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && !line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        return rewritten.append("Connection: close\r\n\r\n").toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    /** Reads up to and including the blank line ending an HTTP head; null at end of stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
