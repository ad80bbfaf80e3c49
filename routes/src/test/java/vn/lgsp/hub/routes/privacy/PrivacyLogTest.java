package vn.lgsp.hub.routes.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * No subject id and no secret reaches the log: exchanges about a known CCCD that make the hub warn (provider
 * timeout, unreadable response, validation failure, dead letter), and a deliberate log line proving the console
 * pattern masks what a careless message would leak.
 */
@ExtendWith(OutputCaptureExtension.class)
class PrivacyLogTest extends PrivacyTestSupport {

    private static final String CCCD = "079203005555";

    @Test
    void subjectIdsAndSecretsNeverReachTheLog(CapturedOutput output) {
        PROVIDER.stubFor(post(urlEqualTo("/slowCuTru")).willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
        PROVIDER.stubFor(post(urlEqualTo("/apiCSDLDanCu/1.0/traCuuCuTru")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("SoDinhDanh=" + CCCD + " (not JSON)")));
        SUBSCRIBER_OK.stubFor(post(urlEqualTo("/inbox-pd")).willReturn(aResponse().withStatus(400)
                .withBody("{\"loi\":\"soDinhDanh " + CCCD + " khong hop le\"}")));
        String pdToken = pdToken();
        String trackerToken = trackerToken();

        HttpResponse<byte[]> timeout = postAs(RESIDENT_SLOW, pdToken, "application/json", "TTHC", lookup(CCCD, "L-1"));
        assertThat(timeout.statusCode()).isEqualTo(504);
        HttpResponse<byte[]> unreadable = postAs(RESIDENT, pdToken, "application/json", "TTHC", lookup(CCCD, "L-2"));
        assertThat(unreadable.statusCode()).isEqualTo(200);
        assertThat(postAs(RESIDENT, pdToken, "application/json", "TTHC", "{\"SoDinhDanh\":\"" + CCCD + "\",\"x\":1}")
                .statusCode()).isEqualTo(422);
        assertThat(postAs(RESIDENT, pdToken, "application/json", "SPAM", lookup(CCCD, "L-3")).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> published = publishPd("DKKD", representativeRecord("3599007001", CCCD));
        assertThat(published.statusCode()).isEqualTo(202);
        String record = json(published).path("exchangeId").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditStore.find(
                new AuditQuery(record, null, AuditKind.DELIVERY, null, null, 10)))
                .singleElement().satisfies(r -> assertThat(r.code()).isEqualTo("DEAD_LETTER")));
        assertThat(report(trackerToken, CCCD).statusCode()).isEqualTo(200);
        LoggerFactory.getLogger(PersonalDataSteps.class).warn("careless line about {} with client_secret={}", CCCD,
                TestCatalog.TRACKER_SECRET, new IllegalStateException("lookup of " + CCCD + " failed"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll())
                .contains("moved to", "could not be read for its subjects", "careless line about 0792******55")
                .contains("client_secret=****", "lookup of 0792******55 failed"));
        assertThat(output.getAll()).doesNotContain(CCCD, TestCatalog.TRACKER_SECRET, TestCatalog.PD_SECRET,
                pdToken, trackerToken);
    }
}
