package vn.lgsp.hub.connectors.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFactory;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;

class RestConnectorFactoryTest {

    private final RestConnectorFactory factory = new RestConnectorFactory();

    private static ConnectorSpec spec(Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new ConnectorSpec("rest", properties);
    }

    private List<ConnectorConfigProblem> problems(Object... keyValues) {
        return factory.validate(spec(keyValues));
    }

    @Test
    void serviceLoaderFindsTheRestFactory() {
        ConnectorRegistry registry = ConnectorRegistry.load(getClass().getClassLoader());
        assertThat(registry.find("rest")).get().isInstanceOf(RestConnectorFactory.class);
        assertThat(registry.find("rest").map(ConnectorFactory::type)).contains("rest");
    }

    @Test
    void minimalAndFullBlocksAreValid() {
        assertThat(problems("url", "http://localhost:8080")).isEmpty();
        assertThat(problems("url", "https://api.so-tp.gov.vn/v1/lookup", "method", "post", "timeout", "5s",
                "connect-timeout", "500ms", "headers", Map.of("X-Api-Key", "k1", "X-Version", 2),
                "max-connections", 200)).isEmpty();
    }

    @Test
    void defaultsApply() {
        RestConnectorConfig config = RestConnectorConfig.read(spec("url", "https://provider.example/api/"),
                new java.util.ArrayList<>());
        assertThat(config).isNotNull();
        assertThat(config.ssl()).isTrue();
        assertThat(config.host()).isEqualTo("provider.example");
        assertThat(config.port()).isEqualTo(443);
        assertThat(config.basePath()).isEqualTo("/api/");
        assertThat(config.method()).isNull();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.headers()).isEmpty();
        assertThat(config.maxConnections()).isEqualTo(64);
        assertThat(config.authority()).isEqualTo("provider.example:443");
    }

    @Test
    void missingUrlIsReported() {
        assertThat(problems()).containsExactly(new ConnectorConfigProblem("url", "is required"));
    }

    @Test
    void badUrlsAreReportedWithoutEchoingThem() {
        for (Object bad : List.of("ftp://host/x", "/relative/path", "http://", "http://host/a?b=1",
                "http://host/a#frag", "not a url", "http://user:secret@host/x", 42)) {
            List<ConnectorConfigProblem> found = problems("url", bad);
            assertThat(found).as("url %s", bad).hasSize(1);
            assertThat(found.get(0).property()).isEqualTo("url");
            assertThat(found.get(0).reason()).doesNotContain("secret");
        }
        assertThat(problems("url", "http://host/a?b=1").get(0).reason())
                .isEqualTo("must not contain a query string or fragment");
    }

    @Test
    void badMethodIsReported() {
        assertThat(problems("url", "http://h", "method", "FETCH")).containsExactly(new ConnectorConfigProblem(
                "method", "must be one of GET, POST, PUT, DELETE, PATCH, HEAD, was 'FETCH'"));
    }

    @Test
    void badDurationsAreReported() {
        assertThat(problems("url", "http://h", "timeout", "soon"))
                .containsExactly(new ConnectorConfigProblem("timeout",
                        "must be a duration such as 5s, 500ms or 2m, was 'soon'"));
        assertThat(problems("url", "http://h", "timeout", 5)).extracting(ConnectorConfigProblem::property)
                .containsExactly("timeout");
        assertThat(problems("url", "http://h", "connect-timeout", "0s"))
                .containsExactly(new ConnectorConfigProblem("connect-timeout",
                        "must be between 1ms and 24h, was '0s'"));
    }

    @Test
    void badMaxConnectionsAndHeadersAreReported() {
        assertThat(problems("url", "http://h", "max-connections", 0)).extracting(ConnectorConfigProblem::property)
                .containsExactly("max-connections");
        assertThat(problems("url", "http://h", "max-connections", 1001)).hasSize(1);
        assertThat(problems("url", "http://h", "max-connections", "many")).hasSize(1);
        assertThat(problems("url", "http://h", "headers", "X-Key: 1")).containsExactly(
                new ConnectorConfigProblem("headers", "must be a map of header name to value"));
        assertThat(problems("url", "http://h", "headers", Map.of("Host", "evil", "Bad Name", "v",
                "X-Key", Map.of("nested", "secret-value"))))
                .extracting(ConnectorConfigProblem::property)
                .containsExactlyInAnyOrder("headers.Host", "headers.Bad Name", "headers.X-Key");
        assertThat(problems("url", "http://h", "headers", Map.of("X-Key", List.of("secret-value"))))
                .allSatisfy(p -> assertThat(p.reason()).doesNotContain("secret-value"));
    }

    @Test
    void unknownKeysAreReported() {
        assertThat(problems("url", "http://h", "retries", 3)).containsExactly(new ConnectorConfigProblem("retries",
                "is not a known property of a rest connector (known: url, method, timeout, connect-timeout, "
                        + "headers, max-connections, trust-store, trust-store-password)"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems("method", "FETCH", "timeout", "x", "zzz", 1))
                .extracting(ConnectorConfigProblem::property)
                .containsExactly("url", "method", "timeout", "zzz");
    }

    @Test
    void createRejectsAnInvalidSpecAndBuildsAValidOne() {
        assertThatThrownBy(() -> factory.create(spec("url", "ftp://h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("url");
        try (ProviderConnector connector = factory.create(spec("url", "http://localhost:1/x"))) {
            assertThat(connector).isInstanceOf(RestProviderConnector.class);
        }
    }
}
