package io.monitron.indexer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that behaves like a network with a round trip of {@code latencyMillis}: a new connection
 * pays one round trip before its first byte is forwarded (the TCP handshake), and every chunk the client sends reaches
 * the server one round trip after it was sent, in order, however many are on the way (a delay line, not a queue of
 * sleeps). Replies go straight back. So each request on a kept-alive connection costs one round trip, and a fresh
 * connection two, as across a real network.
 */
public final class LatencyProxy implements AutoCloseable {
    private static final byte[] END = new byte[0];

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final long latencyNanos;
    private volatile boolean closed;

    public LatencyProxy(int upstreamPort, long latencyMillis) throws IOException {
        this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
        this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Thread connection = new Thread(() -> relay(client), "latency-proxy-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("latency proxy: accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket server = new Socket()) {
            sleepUntil(System.nanoTime() + latencyNanos); // the handshake's round trip
            server.setTcpNoDelay(true);
            server.connect(upstream);
            LinkedBlockingQueue<Stamped> line = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readInto(client, line), "latency-proxy-request-reader");
            reader.setDaemon(true);
            reader.start();
            Thread replies = new Thread(() -> copy(server, client), "latency-proxy-replies");
            replies.setDaemon(true);
            replies.start();
            OutputStream toServer = server.getOutputStream();
            while (true) {
                Stamped chunk = line.take();
                if (chunk.bytes == END) {
                    server.shutdownOutput();
                    break;
                }
                sleepUntil(chunk.sentNanos + latencyNanos);
                toServer.write(chunk.bytes);
                toServer.flush();
            }
            replies.join();
        } catch (IOException e) {
            // a peer went away: the connection ends, as on a network
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readInto(Socket client, LinkedBlockingQueue<Stamped> line) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = client.getInputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                line.add(new Stamped(System.nanoTime(), Arrays.copyOf(buffer, n)));
            }
        } catch (IOException e) {
            // the client closed or reset: end the line
        }
        line.add(new Stamped(System.nanoTime(), END));
    }

    private static void copy(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // either side went away
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private record Stamped(long sentNanos, byte[] bytes) {}

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
