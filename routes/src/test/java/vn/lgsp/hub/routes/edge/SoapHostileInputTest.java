package vn.lgsp.hub.routes.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.xml.SafeXml;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * The hostile-input suite on the SOAP endpoint ({@code /soap/v1/hub}): XXE, external DTDs, entity expansion,
 * broken and non-XML bodies, oversized bodies, missing and wrong credentials, another client's token,
 * unknown operations and services. Each must be a SOAP fault carrying the hub code, with a REJECT audit record,
 * nothing sent to the provider, and the hub healthy afterwards.
 */
class SoapHostileInputTest extends EdgeTestSupport {

    private static final String NS = "urn:lgsp-hub:soap:v1";
    private static final String WSSE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String CALL = "<hub:CallService><hub:provider>NDXP</hub:provider><hub:service>citizen-lookup"
            + "</hub:service><hub:payload><hub:json>{\"SoDinhDanh\":\"077190001234\",\"MaYeuCau\":\"R1\"}</hub:json>"
            + "</hub:payload></hub:CallService>";

    /** One hostile SOAP request and the hub code its fault must carry. */
    record Case(String name, String contentType, byte[] body, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void providerWouldAnswer() {
        PROVIDER.resetAll();
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
    }

    @AfterEach
    void nothingForwardedAndStillHealthy() {
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
        RawHttp.Answer health = RawHttp.send(opsPort, "GET /actuator/health HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n", null);
        assertThat(health.status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void soapEndpointFaultsAndAudits(Case hostile) {
        RawHttp.Answer answer = RawHttp.send(SOAP_PORT, "POST /soap/v1/hub HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n"
                + "Content-Type: " + hostile.contentType() + "\r\nContent-Length: " + hostile.body().length + "\r\n\r\n",
                hostile.body());
        String text = answer.text();
        // SOAP 1.1 sends faults with HTTP 500 (the hub's own code is in the fault detail)
        assertThat(answer.status()).as("%s: %s", hostile.name(), text).isBetween(400, 500);
        assertThat(text).doesNotContain("Exception", "\tat ", "root:x:0:0");
        Element fault = SafeXml.parse(answer.body()).getDocumentElement();
        assertThat(first(fault, "code")).as(text).isEqualTo(hostile.code());
        String exchangeId = first(fault, "exchangeId");
        List<AuditRecord> audit = auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
        assertThat(audit).as("audit of %s", hostile.name()).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.code()).isEqualTo(hostile.code());
        });
    }

    private static String first(Element root, String localName) {
        var list = root.getElementsByTagNameNS("*", localName);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    private static String envelope(String header, String body) {
        return "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"" + NS + "\" xmlns:wsse=\""
                + WSSE + "\"><s:Header>" + header + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static String wsse(String user, String password) {
        return "<wsse:Security s:mustUnderstand=\"1\"><wsse:UsernameToken><wsse:Username>" + user
                + "</wsse:Username><wsse:Password>" + password + "</wsse:Password></wsse:UsernameToken></wsse:Security>";
    }

    private static Case xml(String name, String body, String code) {
        return new Case(name, "text/xml; charset=UTF-8", body.getBytes(StandardCharsets.UTF_8), code);
    }

    static Stream<Arguments> cases() {
        String consumer = wsse(TestCatalog.CONSUMER_CLIENT, TestCatalog.CONSUMER_SECRET);
        String edge = wsse(EDGE_CLIENT, EDGE_SECRET);
        return Stream.of(
                xml("XXE reading a local file", "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + envelope(consumer, CALL.replace("R1", "&x;")), "MALFORMED_BODY"),
                xml("external DTD", "<?xml version=\"1.0\"?><!DOCTYPE s SYSTEM \"http://127.0.0.1:9/evil.dtd\">"
                        + envelope(consumer, CALL), "MALFORMED_BODY"),
                xml("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>" + envelope(consumer, CALL.replace("R1", "&d;")),
                        "MALFORMED_BODY"),
                xml("truncated envelope", envelope(consumer, CALL).substring(0, 120), "MALFORMED_BODY"),
                xml("JSON instead of XML", "{\"SoDinhDanh\":\"077190001234\"}", "MALFORMED_BODY"),
                xml("body over the size limit", envelope(consumer, CALL.replace("R1", "Nguyễn ".repeat(200_000))),
                        "PAYLOAD_TOO_LARGE"),
                xml("no credentials", envelope("", CALL), "AUTH_REQUIRED"),
                xml("wrong password", envelope(wsse(TestCatalog.CONSUMER_CLIENT, "sai-mat-khau"), CALL), "AUTH_INVALID"),
                xml("SQL in the username", envelope(wsse("' OR 1=1 --", "x"), CALL), "AUTH_INVALID"),
                xml("another client's credentials", envelope(edge, CALL), "ACCESS_DENIED"),
                xml("unknown operation", envelope(consumer, "<hub:DropAllTables/>"), "NOT_FOUND"),
                xml("unknown service", envelope(consumer, CALL.replace("citizen-lookup", "no-such-service")),
                        "SERVICE_NOT_FOUND"),
                xml("path traversal in the service name", envelope(consumer, CALL.replace("citizen-lookup",
                        "citizen-lookup/../../admin")), "VALIDATION_FAILED")
        ).map(Arguments::of);
    }
}
