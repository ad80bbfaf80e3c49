package vn.lgsp.hub.routes.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vn.lgsp.hub.routes.support.HubTestSupport;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * The operator console in a real headless browser (Debian chromium + chromium-driver): login, what department
 * credentials and auditors can and cannot do, a dead letter inspected and replayed until delivered, language
 * switch, CSRF. Screenshots of the main pages go to {@code target/console-screenshots/}.
 */
class ConsoleBrowserTest extends HubTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RECORDS = "/api/v1/topics/000.00.32.H99/business-registered/records";
    /** One browser for the class, started by the first test (it needs the hub's port). */
    private static ConsoleBrowser browser;

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void freshSession() {
        if (browser == null) {
            browser = ConsoleBrowser.startOrSkip(opsPort);
        }
        browser.driver.manage().deleteAllCookies();
        SUBSCRIBER_OK.resetAll();
        SUBSCRIBER_FLAKY.resetAll();
        SUBSCRIBER_OK.stubFor(post(urlPathMatching("/inbox.*")).willReturn(aResponse().withStatus(200)));
        SUBSCRIBER_FLAKY.stubFor(post(urlPathMatching("/inbox.*")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void departmentCredentialsCannotReachTheConsole() {
        browser.open("/console/");
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("/console/login"));
        browser.screenshot("login");
        browser.login(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/login?error");
        assertThat(browser.find("#login-message .notice.error").getText()).contains("operators.yaml");

        HttpResponse<byte[]> basic = send(HttpRequest.newBuilder(ops("/console/"))
                .header("Authorization", basic(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET)).build());
        assertThat(basic.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> token = send(HttpRequest.newBuilder(ops("/console/"))
                .header("Authorization", "Bearer " + consumerToken()).build());
        assertThat(token.statusCode()).isEqualTo(302);
        HttpResponse<byte[]> departmentPort = send(HttpRequest.newBuilder(hub("/console/"))
                .header("Authorization", "Bearer " + consumerToken()).build());
        assertThat(departmentPort.statusCode()).as("the department port does not serve the console").isEqualTo(404);
    }

    @Test
    void auditorSeesTheAuditTrailButNoActions() {
        browser.login(TestCatalog.AUDITOR, TestCatalog.AUDITOR_PASSWORD);
        browser.page("audit");
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).containsExactly("Nhật ký kiểm toán");
        assertThat(browser.find("#export-csv").getDomAttribute("href")).startsWith("/ops/v1/audit/export?format=csv");
        Object status = browser.async("const done = arguments[arguments.length - 1];"
                + "fetch('/ops/v1/catalog').then(r => done(r.status));");
        assertThat(status).isEqualTo(403L);

        browser.page("audit?from=yesterday");
        String refused = browser.find("#page .notice.error").getText();
        assertThat(refused).as("a problem answer shown as a sentence").startsWith("Yêu cầu không hợp lệ: ")
                .contains("ISO-8601").doesNotContain("Exception", "\"code\"", "{");
        browser.logout();
    }

    @Test
    void operatorReplaysADeadLetterAndSeesItDelivered() {
        String body = """
                {"maDoanhNghiep":"3599008801","tenDoanhNghiep":"CÔNG TY TNHH NƯỚC MẮM PHÚ QUỐC","ngayDangKy":"2026-11-20",
                 "diaChiTruSo":{"maTinh":"99","maHuyen":"990","maXa":"99001","chiTiet":"Số 12 đường Lê Lợi"}}
                """.strip();
        HttpResponse<byte[]> published = send(HttpRequest.newBuilder(hub(RECORDS))
                .header("Authorization", "Bearer " + token(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(published.statusCode()).isEqualTo(202);
        String exchangeId = json(published).path("exchangeId").asText();
        await().atMost(WAIT).until(() -> "DEAD".equals(deliveryOf(exchangeId).get("state")));
        String messageId = deliveryOf(exchangeId).get("messageId");

        browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        browser.page("dead-letters?subscriber=" + TestCatalog.SUB_DOWN);
        String row = "tr[data-message='" + messageId + "']";
        browser.find(row + " .action-inspect").click();
        assertThat(browser.find("#dl-inspection pre.body").getText()).isEqualTo(body);
        browser.screenshot("dead-letters");

        WireMockServer revived = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .port(SUBSCRIBER_DOWN_PORT));
        revived.start();
        try {
            revived.stubFor(post(urlPathMatching("/inbox")).willReturn(aResponse().withStatus(200)));
            browser.clickAndConfirm(browser.find(row + " .action-replay"));
            assertThat(browser.find("#action-message .notice.ok").getText()).isEqualTo("Đã đưa thư vào hàng đợi gửi lại.");
            await().atMost(WAIT).until(() -> "DELIVERED".equals(deliveryOf(exchangeId).get("state")));
            assertThat(revived.getAllServeEvents()).anySatisfy(e ->
                    assertThat(e.getRequest().getBodyAsString()).isEqualTo(body));
        } finally {
            revived.stop();
        }
        browser.page("dead-letters?subscriber=" + TestCatalog.SUB_DOWN);
        assertThat(browser.all(row)).as("no longer a dead letter").isEmpty();

        browser.page("audit?kind=OPS&exchangeId=" + exchangeId);
        assertThat(browser.find("#audit-results tbody tr").getText()).contains("REPLAY");
        browser.screenshot("audit");
    }

    @Test
    void dashboardCountersMoveAfterTraffic() {
        browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        browser.page("dashboard");
        browser.find("#health #node-health .badge");
        browser.screenshot("dashboard");
        Assumptions.assumeTrue(browser.all("#traffic .notice.info").isEmpty(),
                "GET /ops/v1/stats is not on this hub version yet (ops helper, issue #7)");
        String cell = "#traffic tr[data-service='NDXP/citizen-lookup'] td.success";
        long before = browser.all(cell).isEmpty() ? 0 : digits(browser.find(cell).getText());
        PROVIDER.stubFor(post("/apiCSDLDanCu/1.0/traCuu").willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"error_code\":0}")));
        String token = consumerToken();
        int answered = 0;
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        // three answered calls; a loaded machine may time out the first ones (the provider's timeout is 2 s)
        for (int i = 0; i < 10 && answered < 3; i++) {
            HttpResponse<byte[]> call = send(HttpRequest.newBuilder(hub("/api/v1/services/NDXP/citizen-lookup"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("X-Purpose", "TTHC")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}")).build());
            answered += call.statusCode() == 200 ? 1 : 0;
            statuses.add(call.statusCode());
        }
        assertThat(answered).as("calls the provider answered, statuses %s", statuses).isPositive();
        long expected = before + answered;
        await().atMost(WAIT).untilAsserted(() -> {
            browser.find("#page .refresh").click();
            browser.waitUntil(d -> !d.findElements(By.cssSelector(cell)).isEmpty());
            assertThat(digits(browser.find(cell).getText())).isGreaterThanOrEqualTo(expected);
        });
        browser.screenshot("dashboard");
    }

    @Test
    void operatorSuspendsAndResumesAServiceAndASubscriptionAndTogglesMaintenance() {
        browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        browser.page("services");
        Assumptions.assumeTrue(browser.all("#page .notice.info").isEmpty(),
                "the route-control API is not on this hub version yet (ops helper, issue #7)");
        String service = "tr[data-service='NDXP/slow-lookup']";
        try {
            browser.clickAndConfirm(browser.find(service + " .action-suspend"));
            browser.waitUntil(d -> d.findElement(By.cssSelector(service)).getText().contains("SUSPENDED"));
            browser.screenshot("services");
        } finally {
            browser.page("services");
            browser.clickAndConfirm(browser.find(service + " .action-resume"));
            browser.waitUntil(d -> d.findElement(By.cssSelector(service)).getText().contains("ACTIVE"));
        }

        browser.page("subscriptions");
        String subscription = "tr[data-subscription='" + TestCatalog.SUB_FILTERED + ">000.00.32.H99/business-registered']";
        try {
            browser.clickAndConfirm(browser.find(subscription + " .action-suspend"));
            browser.waitUntil(d -> d.findElement(By.cssSelector(subscription)).getText().contains("SUSPENDED"));
            browser.screenshot("subscriptions");
        } finally {
            browser.page("subscriptions");
            browser.clickAndConfirm(browser.find(subscription + " .action-resume"));
            browser.waitUntil(d -> d.findElement(By.cssSelector(subscription)).getText().contains("ACTIVE"));
        }

        browser.page("maintenance");
        assertThat(browser.find("#maintenance-state").getDomAttribute("data-enabled")).isEqualTo("false");
        try {
            browser.clickAndConfirm(browser.find("#maintenance-toggle"));
            browser.waitUntil(d -> "true".equals(d.findElement(By.id("maintenance-state")).getDomAttribute("data-enabled")));
            assertThat(browser.find("#banner .notice.info").getText()).contains("bảo trì");
            assertThat(send(HttpRequest.newBuilder(ops("/actuator/health/readiness")).build()).statusCode())
                    .isEqualTo(503);
            browser.screenshot("maintenance");
        } finally {
            browser.page("maintenance");
            browser.clickAndConfirm(browser.find("#maintenance-toggle"));
            browser.waitUntil(d -> "false".equals(d.findElement(By.id("maintenance-state")).getDomAttribute("data-enabled")));
        }
    }

    private static long digits(String text) {
        String only = text.replaceAll("[^0-9]", "");
        return only.isEmpty() ? 0 : Long.parseLong(only);
    }

    @Test
    void languageSwitchIsKeptAcrossPages() {
        browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        browser.page("catalog");
        browser.driver.executeScript("localStorage.removeItem('lgsp-console-lang')");
        browser.page("catalog");
        assertThat(browser.find("#nav-catalog").getText()).isEqualTo("Danh mục");
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("vi");
        assertThat(browser.find("#catalog-participants").getText()).contains("UBND huyện Đất Đỏ");
        browser.screenshot("catalog");

        browser.find("button[data-lang='en']").click();
        browser.waitUntil(d -> d.findElement(By.id("nav-catalog")).getText().equals("Catalog"));
        assertThat(browser.find("#catalog-services h3").getText()).isEqualTo("Services and who may call them");
        browser.screenshot("catalog-en");
        browser.page("dead-letters");
        assertThat(browser.find("#nav-dead-letters").getText()).isEqualTo("Dead letters");
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("en");

        browser.find("button[data-lang='vi']").click();
        browser.waitUntil(d -> d.findElement(By.id("nav-dead-letters")).getText().equals("Thư lỗi"));
    }

    /**
     * A page whose answers arrive after the operator has moved to another page must not replace that page: the
     * dashboard's requests are held in the browser while the operator opens the services page, then answered.
     */
    @Test
    void aPageAnsweredAfterTheOperatorMovedOnDoesNotReplaceTheCurrentPage() {
        browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        browser.page("services");
        browser.driver.executeScript("""
                const real = window.fetch;
                window.heldRequests = [];
                window.holdRequests = true;
                window.fetch = (url, init) => window.holdRequests
                    ? new Promise((resolve) => window.heldRequests.push({ url: String(url), resolve }))
                    : real(url, init);
                location.hash = '#/dashboard';
                """);
        browser.waitUntil(d -> (Long) browser.driver.executeScript("return window.heldRequests.length") > 0);
        browser.driver.executeScript("window.holdRequests = false");
        browser.page("services");

        // The held requests are answered with no network in between; the callback runs after every promise
        // continuation of the dashboard's render has run.
        Object shown = browser.async("""
                const done = arguments[arguments.length - 1];
                const answer = (url) => url.startsWith('/actuator/health') ? { status: 'UP', components: {} }
                    : url.startsWith('/ops/v1/stats') ? { services: [] }
                    : url.startsWith('/ops/v1/maintenance') ? { enabled: false } : [];
                window.heldRequests.forEach((r) => r.resolve({ ok: true, status: 200,
                    headers: new Headers({ 'Content-Type': 'application/json' }), json: async () => answer(r.url) }));
                setTimeout(() => done(document.getElementById('page').dataset.page + ' '
                    + (document.querySelector('#page #traffic') ? 'dashboard' : 'no-dashboard')), 0);
                """);

        assertThat(shown).isEqualTo("services no-dashboard");
        assertThat(browser.find("tr[data-service='NDXP/slow-lookup']").getText()).contains("ACTIVE");
    }

    @Test
    void aForgedPostWithoutTheSessionsCsrfTokenIsRejected() {
        browser.login(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD);
        browser.page("dead-letters");
        Object forged = browser.async("const done = arguments[arguments.length - 1];"
                + "fetch('/ops/v1/dead-letters/00000000-0000-0000-0000-000000000000:discard', {method: 'POST'})"
                + ".then(r => r.json().then(p => done(r.status + ' ' + p.code + ' ' + p.detail)));");
        assertThat(forged).asString().startsWith("403 ACCESS_DENIED").contains("CSRF");
        Object withToken = browser.async("const done = arguments[arguments.length - 1];"
                + "fetch('/console/session').then(r => r.json()).then(s => fetch("
                + "'/ops/v1/dead-letters/00000000-0000-0000-0000-000000000000:discard',"
                + " {method: 'POST', headers: {[s.header]: s.token}})).then(r => done(r.status));");
        assertThat(withToken).as("the token passes CSRF; the unknown message is then refused").isNotEqualTo(403L);

        HttpResponse<byte[]> basic = send(HttpRequest.newBuilder(
                        ops("/ops/v1/dead-letters/00000000-0000-0000-0000-000000000000:discard"))
                .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(basic.statusCode()).as("Basic-authenticated API calls need no CSRF token").isNotEqualTo(403);
        assertThat(new String(basic.body(), StandardCharsets.UTF_8)).doesNotContain("CSRF");
    }

    /** The delivery of a record to the subscriber that is down, as the operator API shows it. */
    private Map<String, String> deliveryOf(String exchangeId) {
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(ops("/ops/v1/exchanges/" + exchangeId))
                .header("Authorization", basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD)).build());
        for (var d : json(status).path("deliveries")) {
            if (d.path("subscriber").asText().equals(TestCatalog.SUB_DOWN)) {
                return Map.of("state", d.path("state").asText(), "messageId", d.path("messageId").asText());
            }
        }
        return Map.of("state", "NONE", "messageId", "");
    }
}
