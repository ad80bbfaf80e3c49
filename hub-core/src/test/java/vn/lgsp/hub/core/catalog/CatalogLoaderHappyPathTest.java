package vn.lgsp.hub.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.core.auth.Secrets;

/** Loading the valid fixture: every declared value arrives in the model exactly as written. */
class CatalogLoaderHappyPathTest {

    static final String STP = "000.00.31.H99";
    static final String HOA_BINH = "000.00.10.H99";

    @TempDir
    static Path dir;
    static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = ConfigDir.valid(dir).load();
    }

    @Test
    void loadsEveryParticipantWithVietnameseNamesIntact() {
        assertThat(catalog.participants()).extracting(Participant::code)
                .containsExactly(HOA_BINH, STP, AgencyCode.NDXP);
        assertThat(catalog.participant(STP).orElseThrow().name()).isEqualTo("Sở Tư pháp tỉnh H99");
        assertThat(catalog.participant(HOA_BINH).orElseThrow().name()).isEqualTo("Ủy ban nhân dân huyện Hòa Bình");
        assertThat(catalog.participant(AgencyCode.NDXP).orElseThrow().name())
                .isEqualTo("Nền tảng tích hợp, chia sẻ dữ liệu quốc gia");
        assertThat(catalog.participant(STP).orElseThrow().sourceFile()).isEqualTo("catalog/stp.yaml");
        assertThat(catalog.participant("000.00.99.H99")).isEmpty();
    }

    @Test
    void readsGroups() {
        assertThat(catalog.groups()).containsOnlyKeys("districts", "departments");
        assertThat(catalog.groups().get("districts")).containsExactlyInAnyOrder(HOA_BINH, "000.00.11.H99");
    }

    @Test
    void readsEveryFieldOfAService() {
        ServiceDefinition s = catalog.service(STP, "civil-status-lookup").orElseThrow();
        assertThat(s.key()).isEqualTo(STP + "/civil-status-lookup");
        assertThat(s.providerCode()).isEqualTo(STP);
        assertThat(s.name()).isEqualTo("Tra cứu thông tin hộ tịch");
        assertThat(s.version()).isEqualTo(2);
        assertThat(s.connector().type()).isEqualTo("rest");
        assertThat(s.connector().properties()).containsOnlyKeys("url", "method", "timeout");
        assertThat(s.connector().string("url")).isEqualTo("https://hotich.example/api/lookup");
        assertThat(s.connector().string("timeout")).isEqualTo("5s");
        assertThat(s.methods()).as("a fixed connector method restricts consumers to it").containsExactly("POST");
        assertThat(s.requestSchema()).isEqualTo(dir.resolve("schemas/civil-status-lookup.json").normalize());
        assertThat(s.personalData().subject()).isEqualTo("$.SoDinhDanh");
        assertThat(s.personalData().purposes()).containsExactly("TTHC", "THANH_TRA");
        assertThat(s.allow()).containsExactly("000.00.32.H99", "group:districts");
        assertThat(s.publishedPath()).isEqualTo("/apiHoTichTuPhap/1.0/traCuu");
        assertThat(s.sourceFile()).isEqualTo("catalog/stp.yaml");
    }

    @Test
    void appliesServiceDefaults() {
        ServiceDefinition report = catalog.service(STP, "internal-report").orElseThrow();
        assertThat(report.name()).isEqualTo("internal-report");
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.methods()).containsExactlyInAnyOrder("GET", "POST", "PUT", "DELETE");
        assertThat(report.requestSchema()).isNull();
        assertThat(report.personalData()).isNull();
        assertThat(report.allow()).isEmpty();
        assertThat(report.publishedPath()).isNull();
        assertThat(catalog.requestSchema(report)).isEmpty();
    }

    @Test
    void methodsAreUpperCased() {
        assertThat(catalog.service(STP, "marriage-status").orElseThrow().methods())
                .containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void readsClients() {
        ClientCredential stp = catalog.client("stp-app").orElseThrow();
        assertThat(stp.agencyCode()).isEqualTo(STP);
        assertThat(stp.apiKeyHashes()).isEmpty();
        assertThat(stp.roles()).isEmpty();
        assertThat(Secrets.matches("bí-mật-sở-tư-pháp", stp.secretHash())).isTrue();
        assertThat(Secrets.matches("bi-mat-so-tu-phap", stp.secretHash())).isFalse();

        ClientCredential hoaBinh = catalog.client("hoa-binh.mot-cua").orElseThrow();
        assertThat(hoaBinh.agencyCode()).isEqualTo(HOA_BINH);
        assertThat(hoaBinh.secretHash()).isNull();
        assertThat(hoaBinh.apiKeyHashes()).containsExactly(Secrets.sha256Hex("lgsp_huyen-hoa-binh-key-0001"));
        assertThat(hoaBinh.roles()).containsExactly("data-tracker");
    }

    @Test
    void readsTopicsAndSubscriptions() {
        TopicDefinition topic = catalog.topic(STP, "civil-status-changed").orElseThrow();
        assertThat(topic.key()).isEqualTo(STP + "/civil-status-changed");
        assertThat(topic.allow()).containsExactly("group:districts");
        assertThat(topic.schema()).isNull();
        assertThat(catalog.topic(STP, "no-such-topic")).isEmpty();

        List<SubscriptionDefinition> subscriptions = catalog.participant(HOA_BINH).orElseThrow().subscriptions();
        assertThat(subscriptions).hasSize(1);
        SubscriptionDefinition sub = subscriptions.get(0);
        assertThat(sub.subscriberCode()).isEqualTo(HOA_BINH);
        assertThat(sub.topic()).isEqualTo(topic.key());
        assertThat(sub.connector().string("url")).isEqualTo("https://motcua-hoabinh.example/inbox");
        assertThat(sub.retry()).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), 3.0, Duration.ofMinutes(2)));
        assertThat(sub.filter()).isNull();
    }

    @Test
    void aSubscriptionWithoutRetryGetsTheDefaultPolicy(@TempDir Path other) {
        Catalog c = ConfigDir.valid(other).write(ConfigDir.BROKEN, """
                agency: { code: "000.00.11.H99", name: "UBND huyện Lạc Sơn" }
                subscriptions:
                  - topic: "000.00.31.H99/civil-status-changed"
                    connector: { type: rest, url: "https://lacson.example/inbox" }
                """).load();
        assertThat(c.participant("000.00.11.H99").orElseThrow().subscriptions().get(0).retry())
                .isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void groupsFileIsOptionalAndEmptyCatalogIsValid(@TempDir Path other) {
        Catalog c = ConfigDir.empty(other).write("catalog/README.txt", "not a yaml file, ignored").load();
        assertThat(c.participants()).isEmpty();
        assertThat(c.groups()).isEmpty();
        assertThat(c.services()).isEmpty();
    }

    @Test
    void acceptsYmlExtensionAndAUtf8ByteOrderMark(@TempDir Path other) {
        Catalog c = ConfigDir.empty(other).write("catalog/so-y-te.yml", """
                \uFEFFagency: { code: "000.00.40.H99", name: "Sở Y tế tỉnh H99" }
                """).load();
        assertThat(c.participant("000.00.40.H99").orElseThrow().name()).isEqualTo("Sở Y tế tỉnh H99");
    }

    @Test
    void loadsFromARelativeConfigDirectory(@TempDir Path other) {
        ConfigDir.valid(other);
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(other);
        Catalog c = ConfigDir.loader().load(relative);
        ServiceDefinition s = c.service(STP, "civil-status-lookup").orElseThrow();
        assertThat(c.requestSchema(s)).isPresent();
        assertThat(c.participant(STP).orElseThrow().sourceFile()).isEqualTo("catalog/stp.yaml");
    }
}
