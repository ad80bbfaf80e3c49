package vn.lgsp.hub.connectors.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.github.tomakehurst.wiremock.http.Fault;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;

import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorFailure.Kind;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;

/** How the rest connector reports providers that do not answer. */
class RestProviderFailureTest extends RestConnectorTestSupport {

    @Test
    void slowProviderTimesOut() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(2000)));

        ConnectorFailure failure = failureOf(connector("timeout", "300ms").send(getRequest("")));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(failure.getMessage()).isEqualTo("provider did not answer within 300 ms");
        assertThat(failure.getCause()).isInstanceOf(java.util.concurrent.TimeoutException.class);
    }

    @Test
    void tricklingProviderTimesOutOnTheTotalAnswerTime() {
        // 20 chunks over 3 s: never idle for 500 ms, but the whole answer takes far longer
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[2000])
                .withChunkedDribbleDelay(20, 3000)));

        long start = System.nanoTime();
        ConnectorFailure failure = failureOf(connector("timeout", "500ms").send(getRequest("")));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
    }

    @Test
    void refusedConnectionIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        ConnectorFailure failure = failureOf(connectorAt("http://localhost:" + port + "/x").send(getRequest("")));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure.getMessage()).isEqualTo("connection refused to localhost:" + port);
        assertThat(failure.getCause()).isInstanceOf(java.net.ConnectException.class);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void brokenConnectionsAreUnavailable(Fault fault) {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));

        ConnectorFailure failure = failureOf(connector().send(new ProviderRequest("POST", "/f", null,
                Map.of("X-Api-Key", List.of("secret-key")), JSON_BYTES)));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        String authority = "localhost:" + wm.port();
        if (fault == Fault.CONNECTION_RESET_BY_PEER) {
            // NIO transport: java.net.SocketException "Connection reset"
            assertThat(failure.getMessage()).isEqualTo("connection reset by " + authority);
            assertThat(failure.getCause()).isInstanceOf(IOException.class);
        } else {
            // EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK, RANDOM_DATA_THEN_CLOSE: "Connection was closed"
            assertThat(failure.getMessage())
                    .isEqualTo("connection closed by " + authority + " before the answer was complete");
            assertThat(failure.getCause()).isInstanceOf(HttpClosedException.class);
        }
    }

    @Test
    void connectTimeoutIsUnavailable() throws IOException {
        // a listener with a full accept queue: further SYNs are dropped, so the TCP connect times out
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    SocketChannel channel = SocketChannel.open();
                    fillers.add(channel);
                    channel.configureBlocking(false);
                    channel.connect(address);
                }
                String authority = address.getHostString() + ":" + address.getPort();
                ConnectorFailure failure = failureOf(connectorAt("http://" + authority,
                        "connect-timeout", "300ms", "timeout", "10s").send(getRequest("")));

                assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(failure.getMessage()).isEqualTo("could not connect to " + authority + " within 300 ms");
                assertThat(failure.getCause()).isInstanceOf(ConnectTimeoutException.class);
            } finally {
                for (SocketChannel channel : fillers) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void unknownHostIsUnavailable() {
        // ".invalid" never resolves (RFC 6761)
        ConnectorFailure failure = failureOf(connectorAt("http://no-such-host.invalid/x").send(getRequest("")));

        assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(failure.getMessage()).isEqualTo("unknown host no-such-host.invalid");
        assertThat(failure.getCause()).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void closedConnectorRejectsRequests() {
        ProviderConnector connector = connector();
        connector.close();

        assertThatThrownBy(() -> connector.send(getRequest("")).get(5, SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
