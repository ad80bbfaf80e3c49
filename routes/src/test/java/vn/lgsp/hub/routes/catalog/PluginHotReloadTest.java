package vn.lgsp.hub.routes.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connector plugin jar moved into a running hub's {@code plugins/} ({@link ReloadingHub}) brings a connector
 * type a new agency's file can use; removing it is refused while the catalog uses the type. Needs the example
 * plugin's jar: {@code mvn -o package -pl plugins/file-connector -am -DskipTests} when run alone.
 */
class PluginHotReloadTest {

    @RegisterExtension
    static final ReloadingHub HUB = new ReloadingHub();
    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void aPluginJarMovedIntoPluginsServesANewAgencyWithoutRestart() throws IOException {
        Path jar = Path.of(System.getProperty("hub.it.plugin.jar",
                "../plugins/file-connector/target/lgsp-file-connector.jar")).toAbsolutePath().normalize();
        assertThat(jar).as("the example plugin's jar (built by the reactor before routes)").isRegularFile();
        Path drop = Files.createDirectories(HUB.config().resolveSibling(HUB.config().getFileName() + "-drop"));
        String service = "/api/v1/services/000.00.39.H99/land-dossier";
        // the agency's file first: its connector type is not known yet, so the change is rejected
        HUB.write("so-tai-nguyen-tep.yaml", """
                agency: { code: "000.00.39.H99", name: "Chi nhánh Văn phòng đăng ký đất đai (tệp)" }
                services:
                  - code: land-dossier
                    connector: { type: file, dir: "%s", timeout: 5s }
                    allow: ["000.00.01.H99"]
                """.formatted(drop.toString().replace("\\", "/")));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(HUB.ops("/ops/v1/catalog/status").path("lastError")
                .path("problems").toString()).contains("unknown connector type 'file'"));

        // the jar copied next to the folder and moved in, so the hub never reads half a jar
        Files.createDirectories(HUB.plugins());
        Path copying = Files.copy(jar, HUB.config().resolve("lgsp-file-connector.jar.part"));
        Files.move(copying, HUB.plugins().resolve("lgsp-file-connector.jar"), StandardCopyOption.ATOMIC_MOVE);

        await().atMost(WITHIN).untilAsserted(() -> assertThat(HUB.call(service, "{}").statusCode()).isEqualTo(202));
        String body = "{\"chuSuDung\":\"Trần Thị Ánh\",\"diaChi\":\"Xã Hòa Hiệp, huyện Xuyên Mộc\"}";
        HttpResponse<byte[]> answer = HUB.call(service, body);
        assertThat(answer.statusCode()).isEqualTo(202);
        String exchangeId = answer.headers().firstValue("X-Hub-Exchange-Id").orElseThrow();
        assertThat(drop.resolve(exchangeId + ".json")).hasBinaryContent(body.getBytes(UTF_8));
        assertThat(HUB.ops("/ops/v1/connector-types").path("types")).anySatisfy(t -> {
            assertThat(t.path("type").asText()).isEqualTo("file");
            assertThat(t.path("origin").asText()).isEqualTo("lgsp-file-connector.jar");
        });
        assertThat(HUB.opsAudit("CATALOG_RELOAD")).anySatisfy(r -> assertThat(r.detail())
                .contains("+000.00.39.H99/land-dossier", "connector type 'file' added from lgsp-file-connector.jar"));
        await().atMost(WITHIN).until(HUB::reloadedWithoutError);

        // removing the jar while the catalog still uses its type is rejected whole: the service keeps working
        Files.delete(HUB.plugins().resolve("lgsp-file-connector.jar"));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(HUB.opsAudit("CATALOG_REJECTED")).anySatisfy(r ->
                assertThat(r.detail()).contains("unknown connector type 'file'",
                        "plugin changes not applied: connector type 'file' removed")));
        assertThat(HUB.call(service, "{}").statusCode()).isEqualTo(202);
        assertThat(HUB.ops("/ops/v1/connector-types").path("types").findValuesAsText("type")).contains("file");

        // once the agency's file is gone too, the type goes with it and the catalog is valid again
        HUB.delete("so-tai-nguyen-tep.yaml");
        await().atMost(WITHIN).untilAsserted(() -> {
            assertThat(HUB.ops("/ops/v1/connector-types").path("types").findValuesAsText("type")).doesNotContain("file");
            assertThat(HUB.reloadedWithoutError()).isTrue();
        });
        assertThat(HUB.call(service, "{}").statusCode()).isEqualTo(404);
    }
}
