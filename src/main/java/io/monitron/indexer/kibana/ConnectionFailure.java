package io.monitron.indexer.kibana;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why a request to Kibana got no answer, in words: {@code connection refused}, {@code unknown host kibana}, {@code
 * TLS handshake failed: ...}. The HTTP client wraps the socket's exception, often with no message of its own (a
 * refused connection is a {@code ConnectException} whose message is null, as are its causes'), so the reason is looked
 * for along the causes. For messages only: what is retried is decided by the caller, never from this.
 */
final class ConnectionFailure {
    private ConnectionFailure() {}

    static String reason(IOException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
            if (t instanceof UnknownHostException) {
                return "unknown host" + (message == null ? "" : " " + message);
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed" + (message == null ? "" : ": " + message);
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time" + (message == null ? "" : ": " + message);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException && message != null) {
                // "Connection refused", "Connection timed out": the operating system's words
                return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
            }
        }
        boolean connecting = false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage() + " (" + t.getClass().getSimpleName() + ")";
            }
            connecting |= t instanceof ConnectException;
        }
        // the JDK's HTTP client reports a refused connection as ConnectException, ConnectException,
        // ClosedChannelException, none with a message (JDK 17); other connect failures keep the system's words
        return connecting
                ? "connection refused"
                : "connection failed (" + failure.getClass().getSimpleName() + ")";
    }
}
