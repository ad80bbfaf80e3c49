package vn.lgsp.hub.routes.soap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jakarta.xml.ws.Dispatch;
import javax.xml.transform.dom.DOMSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.TestCatalog;

/** The hub's SOAP endpoint: the published WSDL, both operations, both ways to authenticate, faults. */
class SoapEndpointTest extends SoapTestSupport {

    static final String HT = "urn:example:stp:hotich:v1";


    List<AuditRecord> audit(String exchangeId) {
        return auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
    }

    @Test
    void theWsdlAndItsSchemaArePublished() {
        HttpResponse<byte[]> wsdl = send(HttpRequest.newBuilder(soap("/soap/v1/hub?wsdl")).build());
        String text = new String(wsdl.body(), StandardCharsets.UTF_8);
        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(text).contains("CallService", "PublishRecord", "HubFault", "lgsp-hub.xsd");
        HttpResponse<byte[]> xsd = send(HttpRequest.newBuilder(soap("/soap/v1/hub?xsd=lgsp-hub.xsd")).build());
        assertThat(new String(xsd.body(), StandardCharsets.UTF_8)).contains("idempotencyKey");
    }

    @Test
    void aSoapConsumerGetsTheSoapProvidersBodyUnchanged() throws Exception {
        PROVIDER.stubFor(post("/ho-tich/soap").willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(CIVIL_STATUS_ANSWER)));
        Dispatch<DOMSource> client = client(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET, null);

        Element answer = element(client.invoke(request("""
                <hub:CallService><hub:provider>000.00.31.H99</hub:provider><hub:service>civil-status-lookup</hub:service>
                <hub:payload><hub:xml><ht:TraCuuKhaiSinh xmlns:ht="urn:example:stp:hotich:v1">
                <ht:soDinhDanh>077190001234</ht:soDinhDanh><ht:maDonViYeuCau>Văn phòng UBND</ht:maDonViYeuCau>
                </ht:TraCuuKhaiSinh></hub:xml></hub:payload></hub:CallService>""")));

        assertThat(answer.getLocalName()).isEqualTo("CallServiceResponse");
        assertThat(text(answer, "status")).isEqualTo("200");
        Element body = (Element) answer.getElementsByTagNameNS(HT, "TraCuuKhaiSinhResponse").item(0);
        assertThat(body).isNotNull();
        assertThat(text(body, "hoTen")).isEqualTo("Nguyễn Thị Mai");
        assertThat(text(body, "gioiTinh")).isEqualTo("Nữ");
        assertThat(body.getElementsByTagNameNS(HT, "*").getLength()).isEqualTo(10);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/ho-tich/soap")).withRequestBody(new MatchesXPathPattern(
                "//ht:TraCuuKhaiSinh/ht:maDonViYeuCau/text()", Map.of("ht", HT), equalTo("Văn phòng UBND"))));
        assertThat(audit(text(answer, "exchangeId"))).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.consumer()).isEqualTo(TestCatalog.CONSUMER);
            assertThat(r.service()).isEqualTo("civil-status-lookup");
        });
    }

    @Test
    void aBearerTokenWorksAndJsonPayloadsAreMapped() throws Exception {
        PROVIDER.stubFor(post("/ho-tich/soap").willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(CIVIL_STATUS_ANSWER)));
        Dispatch<DOMSource> client = client(null, null, consumerToken());

        Element answer = element(client.invoke(request("""
                <hub:CallService><hub:provider>000.00.31.H99</hub:provider><hub:service>civil-status-lookup</hub:service>
                <hub:payload><hub:json>{"soDinhDanh":"077190001234"}</hub:json></hub:payload></hub:CallService>""")));

        assertThat(text(answer, "contentType")).startsWith("application/json");
        assertThat(JSON.readTree(text(answer, "json")).path("hoTen").asText()).isEqualTo("Nguyễn Thị Mai");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/ho-tich/soap"))
                .withHeader("X-Hub-Consumer", equalTo(TestCatalog.CONSUMER))
                .withRequestBody(new MatchesXPathPattern("//ht:TraCuuKhaiSinh/ht:soDinhDanh/text()", Map.of("ht", HT),
                        equalTo("077190001234"))));
    }

    @Test
    void publishRecordIsDurableAuditedAndIdempotent() throws Exception {
        String record = new String(sample("/samples/business-registered.record.json"), StandardCharsets.UTF_8)
                .replace("&", "&amp;").replace("<", "&lt;");
        Dispatch<DOMSource> client = client(TestCatalog.PUBLISHER_CLIENT, TestCatalog.PUBLISHER_SECRET, null);
        String publish = "<hub:PublishRecord><hub:publisher>000.00.32.H99</hub:publisher>"
                + "<hub:topic>business-registered</hub:topic><hub:record>" + record + "</hub:record>"
                + "<hub:idempotencyKey>soap-test-" + System.nanoTime() + "</hub:idempotencyKey></hub:PublishRecord>";

        Element first = element(client.invoke(request(publish)));
        Element again = element(client.invoke(request(publish)));

        assertThat(text(first, "replayed")).isEqualTo("false");
        assertThat(text(again, "replayed")).isEqualTo("true");
        assertThat(text(again, "exchangeId")).isEqualTo(text(first, "exchangeId"));
        assertThat(audit(text(first, "exchangeId"))).filteredOn(r -> r.kind().name().equals("PUBLISH"))
                .singleElement().satisfies(r -> {
            assertThat(r.consumer()).isEqualTo(TestCatalog.PUBLISHER);
            assertThat(r.topic()).isEqualTo("business-registered");
        });
    }

    @Test
    void authenticationFailuresAreFaultsWithTheRestCodes() {
        String call = "<hub:CallService><hub:provider>000.00.31.H99</hub:provider><hub:service>civil-status-lookup"
                + "</hub:service><hub:payload><hub:json>{}</hub:json></hub:payload></hub:CallService>";
        assertFault(postSoap(envelope(wsse(TestCatalog.CONSUMER_CLIENT, "wrong-secret"), call)), "AUTH_INVALID");
        assertFault(postSoap(envelope(wsse("nobody", "x"), call)), "AUTH_INVALID");
        assertFault(postSoap(envelope("", call)), "AUTH_REQUIRED");
        assertFault(postSoap(envelope(wsse(TestCatalog.OTHER_CLIENT, TestCatalog.OTHER_SECRET),
                call.replace("000.00.31.H99", "NDXP").replace("civil-status-lookup", "citizen-lookup"))), "ACCESS_DENIED");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void hubErrorsKeepTheirCodeAsFaults() {
        String auth = wsse(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
        assertFault(postSoap(envelope(auth, "<hub:CallService><hub:provider>000.00.31.H99</hub:provider><hub:service>"
                + "no-such</hub:service><hub:payload><hub:json>{}</hub:json></hub:payload></hub:CallService>")),
                "SERVICE_NOT_FOUND");
        String detail = assertFault(postSoap(envelope(auth, "<hub:CallService><hub:provider>000.00.31.H99</hub:provider>"
                + "<hub:service>civil-status-lookup</hub:service><hub:payload><hub:json>{\"hoTen\":\"A\"}</hub:json>"
                + "</hub:payload></hub:CallService>")), "VALIDATION_FAILED");
        assertThat(detail).contains("/soDinhDanh");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void schemaViolationsUnknownOperationsAndBrokenEnvelopesAreRefused() {
        String auth = wsse(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
        assertFault(postSoap(envelope(auth, "<hub:CallService><hub:service>civil-status-lookup</hub:service>"
                + "<hub:payload><hub:json>{}</hub:json></hub:payload></hub:CallService>")), "VALIDATION_FAILED");
        assertFault(postSoap(envelope(auth, "<hub:DeleteEverything/>")), "NOT_FOUND");
        assertFault(postSoap("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><unclosed>"),
                "MALFORMED_BODY");
        assertFault(postSoap("{\"not\":\"xml\"}"), "MALFORMED_BODY");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void xxeBillionLaughsAndOversizedBodiesAreRejectedBeforeAnyProcessing() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + envelope(wsse(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET),
                "<hub:CallService><hub:provider>000.00.31.H99</hub:provider><hub:service>civil-status-lookup"
                        + "</hub:service><hub:payload><hub:json>&x;</hub:json></hub:payload></hub:CallService>");
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        laughs.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
        for (int i = 2; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>").append(envelope("", "<hub:PublishRecord><hub:publisher>&lol9;</hub:publisher>"
                + "<hub:topic>t</hub:topic><hub:record>{}</hub:record></hub:PublishRecord>"));
        String external = "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:" + PROVIDER.port()
                + "/evil.dtd\">" + envelope("", "<hub:DeleteEverything/>");

        String huge = envelope("", "<hub:PublishRecord><hub:publisher>" + "a".repeat(1_100_000) + "</hub:publisher>"
                + "</hub:PublishRecord>");

        assertFault(postSoap(huge), "PAYLOAD_TOO_LARGE");
        assertFault(postSoap(xxe), "MALFORMED_BODY");
        assertFault(postSoap(laughs.toString()), "MALFORMED_BODY");
        assertFault(postSoap(external), "MALFORMED_BODY");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void eachTomcatPortServesOnlyItsOwnPaths() {
        assertThat(send(HttpRequest.newBuilder(soap("/actuator/health")).build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(soap("/ops/v1/audit")).header("Authorization",
                basic(TestCatalog.OPERATOR, TestCatalog.OPERATOR_PASSWORD)).build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(ops("/soap/v1/hub?wsdl")).build()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(ops("/actuator/health")).build()).statusCode()).isEqualTo(200);
    }
}
