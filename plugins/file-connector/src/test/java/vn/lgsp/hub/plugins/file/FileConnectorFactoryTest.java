package vn.lgsp.hub.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/** The file connector as the hub uses it: its block checked through the registry, then requests dropped. */
class FileConnectorFactoryTest {

    private final ConnectorRegistry registry = ConnectorRegistry.of(new FileConnectorFactory());

    @TempDir
    Path drop;

    @Test
    void theSchemaAndValidateNameEveryBadProperty() {
        assertThat(registry.check(new ConnectorSpec("file", Map.of("extension", "j.s.o.n", "colour", "red"))))
                .extracting(ConnectorConfigProblem::property)
                .containsExactly("colour", "dir", "extension");
        assertThat(registry.check(new ConnectorSpec("file", Map.of("dir", drop.resolve("absent").toString(),
                "timeout", "5"))))
                .extracting(ConnectorConfigProblem::property, ConnectorConfigProblem::reason)
                .containsExactly(
                        tuple("dir", "must be an existing folder, was '" + drop.resolve("absent") + "'"),
                        tuple("timeout", "must be a duration such as 5s, 500ms or 2m, was '5'"));
        assertThat(registry.check(new ConnectorSpec("file", Map.of("dir", drop.toString(), "timeout", "2s")))).isEmpty();
    }

    @Test
    void dropsTheBodyByteForByteUnderTheHubsIdWithItsMetadata() throws Exception {
        String body = "{\"hoTen\":\"Nguyễn Thị Hồng Nhung\",\"diaChi\":\"Phường Thắng Tam, TP Vũng Tàu\"}";
        ProviderRequest request = new ProviderRequest("POST", "", null, Map.of(
                "X-Hub-Message-Id", List.of("01a2114f-f75f-7001-b9ae-22e34a35d22f"),
                "X-Hub-Topic", List.of("business-registered"),
                "X-Hub-Publisher", List.of("000.00.32.H99")), body.getBytes(StandardCharsets.UTF_8));

        try (ProviderConnector connector = new FileConnectorFactory().create(
                new ConnectorSpec("file", Map.of("dir", drop.toString())))) {
            ProviderResponse response = connector.send(request).get();

            assertThat(response.status()).isEqualTo(202);
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"file\":\"01a2114f-f75f-7001-b9ae-22e34a35d22f.json\"}");
            assertThat(drop.resolve("01a2114f-f75f-7001-b9ae-22e34a35d22f.json")).hasBinaryContent(
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(drop.resolve("01a2114f-f75f-7001-b9ae-22e34a35d22f.meta.json")))
                    .contains("\"X-Hub-Topic\":\"business-registered\"", "\"X-Hub-Publisher\":\"000.00.32.H99\"");
            // a redelivery of the same message overwrites the same file; no temporary file is left behind
            connector.send(request).get();
            try (var files = Files.list(drop)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                        "01a2114f-f75f-7001-b9ae-22e34a35d22f.json", "01a2114f-f75f-7001-b9ae-22e34a35d22f.meta.json");
            }
        }
    }

    @Test
    void anUnsafeIdIsReplacedAndAFailedWriteIsUnavailable() throws Exception {
        ProviderRequest request = new ProviderRequest("POST", "", null,
                Map.of("X-Hub-Exchange-Id", List.of("../../etc/passwd")), new byte[] {1});
        try (ProviderConnector connector = new FileConnectorFactory().create(
                new ConnectorSpec("file", Map.of("dir", drop.toString(), "metadata", false, "extension", "bin")))) {
            assertThat(connector.send(request).get().status()).isEqualTo(202);
            try (var files = Files.list(drop)) {
                assertThat(files.map(p -> p.getFileName().toString())).singleElement()
                        .satisfies(n -> assertThat(n).matches("[0-9a-f-]{36}\\.bin"));
            }
        }
        try (ProviderConnector gone = new FileConnectorFactory().create(
                new ConnectorSpec("file", Map.of("dir", drop.resolve("removed").toString())))) {
            assertThat(gone.send(request)).failsWithin(java.time.Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(vn.lgsp.hub.core.connector.ConnectorFailure.class);
        }
    }
}
