package vn.lgsp.hub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.routes.HubApplication;

/**
 * A hub with bad configuration must not start (and must not half-start): the failure names the file, the
 * field and the reason, and every port it would have used is free again afterwards.
 */
class StartupFailureTest {

    private final int hubPort = freePort();
    private final int opsPort = freePort();

    @Test
    void anInvalidCatalogFileStopsStartupNamingFileFieldAndReason() throws IOException {
        Path config = validConfig();
        Files.writeString(config.resolve("catalog/bad.yaml"), """
                agency: { code: "000.00.77.H99", name: "Sở cấu hình sai" }
                services:
                  - code: broken-lookup
                    connector: { type: nope, url: "http://127.0.0.1:9/x", method: POST }
                    allow: ["000.00.01.H99"]
                    colour: blue
                """);

        Throwable root = rootCause(startupFailure(config));

        assertThat(root.getMessage())
                .contains("catalog/bad.yaml")
                .contains("services[0].connector.type")
                .contains("unknown connector type 'nope'")
                .contains("services[0].colour")
                .contains("unknown key");
        assertPortsFree();
    }

    @Test
    void aPlainTextOperatorPasswordStopsStartupNamingFileAndField() throws IOException {
        Path config = validConfig();
        Files.writeString(config.resolve("operators.yaml"), """
                operators:
                  - { username: ops-admin, password: "admin-password-123", roles: [operator] }
                """);

        Throwable root = rootCause(startupFailure(config));

        assertThat(root.getMessage())
                .contains(config.resolve("operators.yaml").toString())
                .contains("operators[0].password")
                .contains("bcrypt")
                .doesNotContain("admin-password-123");
        assertPortsFree();
    }

    @Test
    void aTakenHubPortStopsStartupNamingTheProperty() throws IOException {
        Path config = validConfig();
        Throwable failure;
        try (ServerSocket squatter = new ServerSocket(hubPort, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(squatter.isBound()).isTrue();
            failure = startupFailure(config);
        }

        assertThat(causes(failure)).as("the causes of %s", failure)
                .anySatisfy(t -> assertThat(t.getMessage()).contains("hub.http.port " + hubPort));
        assertPortsFree();
    }

    /** A configuration folder the hub starts with: one consumer, one provider, one operator. */
    private static Path validConfig() throws IOException {
        Path dir = Files.createTempDirectory("lgsp-startup-config");
        Files.createDirectories(dir.resolve("catalog"));
        Files.writeString(dir.resolve("catalog/consumer.yaml"), """
                agency: { code: "000.00.01.H99", name: "Văn phòng UBND tỉnh (kiểm thử)" }
                clients:
                  - { id: startup-consumer, secret: "%s" }
                """.formatted(Secrets.bcrypt("startup-consumer-secret")));
        Files.writeString(dir.resolve("catalog/provider.yaml"), """
                agency: { code: "000.00.32.H99", name: "Sở Kế hoạch và Đầu tư" }
                services:
                  - code: business-lookup
                    connector: { type: rest, url: "http://127.0.0.1:9/api/doanh-nghiep", method: GET, timeout: 2s }
                    allow: ["000.00.01.H99"]
                """);
        Files.writeString(dir.resolve("operators.yaml"), """
                operators:
                  - { username: startup-operator, password: "%s", roles: [operator] }
                """.formatted(Secrets.bcrypt("startup-operator-secret")));
        return dir;
    }

    /** Runs the hub with this configuration folder and returns why it failed (closing it if it started). */
    private Throwable startupFailure(Path config) {
        String[] args = {
            "--hub.catalog.dir=" + config,
            "--hub.http.host=127.0.0.1",
            "--hub.http.port=" + hubPort, "--hub.soap.port=" + freePort(),
            "--server.port=" + opsPort,
            "--hub.token.signing-key=" + Base64.getEncoder().encodeToString(Secrets.newSigningKey()),
            "--spring.datasource.url=jdbc:h2:mem:startup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "--spring.artemis.embedded.persistent=false",
        };
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(HubApplication.class).run(args);
        } catch (RuntimeException e) {
            return e;
        }
        context.close();
        return fail("the hub started with the configuration in " + config);
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable rootCause(Throwable failure) {
        List<Throwable> chain = causes(failure);
        return chain.get(chain.size() - 1);
    }

    /** Nothing keeps listening after a failed start: the failed context was closed. */
    private void assertPortsFree() {
        for (int port : new int[] {hubPort, opsPort}) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(probe.getLocalPort()).isEqualTo(port);
            } catch (IOException e) {
                fail("port " + port + " is still in use after the failed start", e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
