package vn.lgsp.hub.connectors.rest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/** A WireMock provider per test class and helpers to build rest connectors against it. */
abstract class RestConnectorTestSupport {

    static final String JSON = "{\"hoTen\":\"Nguyễn Thị Mai\",\"diaChi\":\"Phường Đống Đa, Hà Nội\"}";
    static final byte[] JSON_BYTES = JSON.getBytes(UTF_8);

    static WireMockServer wm;
    private final List<ProviderConnector> opened = new ArrayList<>();

    @BeforeAll
    static void startWireMock() {
        // enough server threads that 50 delayed answers are served in parallel
        wm = new WireMockServer(options().dynamicPort().containerThreads(120).jettyAcceptors(2));
        wm.start();
    }

    @AfterAll
    static void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    void resetWireMock() {
        wm.resetAll();
    }

    @AfterEach
    void closeConnectors() {
        opened.forEach(ProviderConnector::close);
    }

    /** A connector built through the factory, closed after the test. */
    ProviderConnector connectorAt(String url, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        ProviderConnector connector = new RestConnectorFactory().create(new ConnectorSpec("rest", properties));
        opened.add(connector);
        return connector;
    }

    /** A connector to {@code <wiremock>/api/lookup}. */
    ProviderConnector connector(Object... keyValues) {
        return connectorAt(wm.baseUrl() + "/api/lookup", keyValues);
    }

    static ProviderRequest getRequest(String subPath) {
        return new ProviderRequest("GET", subPath, null, Map.of(), new byte[0]);
    }

    /** The ConnectorFailure the future fails with (asserts that it does). */
    static ConnectorFailure failureOf(CompletableFuture<ProviderResponse> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, SECONDS));
        assertThat(e.getCause()).isInstanceOf(ConnectorFailure.class);
        return (ConnectorFailure) e.getCause();
    }
}
