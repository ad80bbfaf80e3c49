package vn.lgsp.hub.connectors.rest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpClosedException;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorFailure.Kind;

/**
 * Turns what the Vert.x 4.5 web client fails with into a {@link ConnectorFailure}. Messages name only the
 * provider's {@code host:port}, never the path, query or headers.
 */
final class RestFailures {

    private RestFailures() {
    }

    static ConnectorFailure timeout(long timeoutMs, Throwable cause) {
        return new ConnectorFailure(Kind.TIMEOUT, "provider did not answer within " + timeoutMs + " ms", cause);
    }

    /**
     * Maps a failure of the web client.
     *
     * <ul>
     *   <li>{@link TimeoutException} (Vert.x {@code NoStackTraceTimeoutException}: no connection from the pool
     *       in time, or no data within the request timeout) is {@code TIMEOUT};</li>
     *   <li>everything else (refused, reset, closed, unknown host, TCP connect timeout, TLS, malformed answer)
     *       is {@code UNAVAILABLE}.</li>
     * </ul>
     */
    static ConnectorFailure map(Throwable failure, String authority, String host, long timeoutMs,
                                long connectTimeoutMs) {
        if (failure instanceof ConnectorFailure known) {
            return known;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String reason = reason(t, authority, host, connectTimeoutMs);
            if (reason == TIMED_OUT) {
                return timeout(timeoutMs, failure);
            }
            if (reason != null) {
                return new ConnectorFailure(Kind.UNAVAILABLE, reason, failure);
            }
        }
        return new ConnectorFailure(Kind.UNAVAILABLE, "request to " + authority + " failed ("
                + failure.getClass().getSimpleName() + ")", failure);
    }

    private static final String TIMED_OUT = "timed out";

    /** A short reason for one throwable of the cause chain, or null to look at its cause. */
    private static String reason(Throwable t, String authority, String host, long connectTimeoutMs) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof ConnectTimeoutException) {
            return "could not connect to " + authority + " within " + connectTimeoutMs + " ms";
        }
        if (t instanceof TimeoutException) {
            return TIMED_OUT;
        }
        if (t instanceof UnknownHostException) {
            return "unknown host " + host;
        }
        if (t instanceof ConnectException) {
            return message.contains("refused") ? "connection refused to " + authority
                    : "could not connect to " + authority;
        }
        if (t instanceof HttpClosedException || t instanceof PrematureChannelClosureException) {
            return "connection closed by " + authority + " before the answer was complete";
        }
        if (t instanceof SSLException) {
            return "TLS connection to " + authority + " failed";
        }
        if (t instanceof TooLongFrameException) {
            return "answer from " + authority + " has too long a status line or headers";
        }
        if (t instanceof DecoderException) {
            return t.getCause() instanceof SSLException ? "TLS connection to " + authority + " failed"
                    : "invalid HTTP answer from " + authority;
        }
        if (t instanceof IOException) {
            return message.contains("reset") ? "connection reset by " + authority
                    : "I/O error talking to " + authority;
        }
        return null;
    }
}
