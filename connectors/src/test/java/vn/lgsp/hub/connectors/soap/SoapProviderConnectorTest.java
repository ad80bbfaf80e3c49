package vn.lgsp.hub.connectors.soap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/** The soap connector against a WireMock SOAP provider that checks the XML it receives. */
class SoapProviderConnectorTest {

    static final String WSDL = Path.of("../config/wsdl/ho-tich-khai-sinh.wsdl").toAbsolutePath().normalize().toString();
    static final String HT = "urn:example:stp:hotich:v1";
    static final Map<String, String> NS = Map.of("soapenv", "http://schemas.xmlsoap.org/soap/envelope/", "ht", HT,
            "wsse", UsernameTokenHeader.WSSE);
    static final String RESPONSE = """
            <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ht="urn:example:stp:hotich:v1">
              <soapenv:Body>
                <ht:TraCuuKhaiSinhResponse>
                  <ht:khaiSinh>
                    <ht:soDangKy>125/2026</ht:soDangKy><ht:ngayDangKy>1990-03-20</ht:ngayDangKy>
                    <ht:hoTen>Nguyễn Thị Mai</ht:hoTen><ht:ngaySinh>1990-03-15</ht:ngaySinh>
                    <ht:gioiTinh>Nữ</ht:gioiTinh><ht:noiSinh>Trạm y tế phường 1</ht:noiSinh>
                    <ht:coQuanDangKy>UBND phường 1</ht:coQuanDangKy>
                  </ht:khaiSinh>
                </ht:TraCuuKhaiSinhResponse>
              </soapenv:Body>
            </soapenv:Envelope>""";
    static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer wm;
    ProviderConnector connector;

    @BeforeAll
    static void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterAll
    static void stop() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    @AfterEach
    void close() {
        if (connector != null) {
            connector.close();
        }
    }

    static Map<String, Object> spec(String timeout) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("wsdl", WSDL);
        p.put("operation", "TraCuuKhaiSinh");
        p.put("address", "http://127.0.0.1:" + wm.port() + "/ho-tich/soap");
        p.put("timeout", timeout);
        p.put("username", "lgsp-hub");
        p.put("password", "mật-khẩu");
        Map<String, String> request = new LinkedHashMap<>();
        request.put("soDinhDanh", "/soDinhDanh");
        request.put("maDonViYeuCau", "/maDonViYeuCau?");
        p.put("request", request);
        Map<String, String> response = new LinkedHashMap<>();
        response.put("/khaiSinh/hoTen", "p:khaiSinh/p:hoTen");
        response.put("/khaiSinh/ngaySinh", "p:khaiSinh/p:ngaySinh");
        response.put("/khaiSinh/hoTenCha", "p:khaiSinh/p:hoTenCha");
        p.put("response", response);
        return p;
    }

    static MatchesXPathPattern xpath(String expression, String expected) {
        return new MatchesXPathPattern(expression, NS, equalTo(expected));
    }

    ProviderConnector connector(String timeout) {
        connector = new SoapConnectorFactory().create(new ConnectorSpec("soap", spec(timeout)));
        return connector;
    }

    static ProviderRequest json(String body) {
        return new ProviderRequest("POST", "", null, Map.of("Content-Type", List.of("application/json"),
                "X-Hub-Consumer", List.of("000.00.10.H99"), "Authorization", List.of("Bearer secret")),
                body.getBytes(UTF_8));
    }

    static ProviderRequest xml(String body) {
        return new ProviderRequest("POST", "", null, Map.of("Content-Type", List.of("application/xml")),
                body.getBytes(UTF_8));
    }

    static Throwable failureOf(ProviderConnector c, ProviderRequest request) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> c.send(request).get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void mapsJsonToTheOperationAndTheAnswerBackToJson() throws Exception {
        wm.stubFor(post("/ho-tich/soap").willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(RESPONSE)));

        ProviderResponse response = connector("5s").send(json("{\"soDinhDanh\":\"077190001234\"}")).get(10, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.at("/khaiSinh/hoTen").asText()).isEqualTo("Nguyễn Thị Mai");
        assertThat(body.at("/khaiSinh/ngaySinh").asText()).isEqualTo("1990-03-15");
        assertThat(body.at("/khaiSinh").has("hoTenCha")).isFalse();
        wm.verify(1, postRequestedFor(urlEqualTo("/ho-tich/soap"))
                .withHeader("SOAPAction", containing("urn:example:stp:hotich:v1:TraCuuKhaiSinh"))
                .withHeader("X-Hub-Consumer", equalTo("000.00.10.H99"))
                .withoutHeader("Authorization")
                .withRequestBody(xpath("/soapenv:Envelope/soapenv:Body/ht:TraCuuKhaiSinh/ht:soDinhDanh/text()", "077190001234"))
                .withRequestBody(xpath("count(//ht:maDonViYeuCau)", "0"))
                .withRequestBody(xpath("/soapenv:Envelope/soapenv:Header/wsse:Security/wsse:UsernameToken"
                        + "/wsse:Password/text()", "mật-khẩu")));
    }

    @Test
    void passesXmlThroughUnchanged() throws Exception {
        wm.stubFor(post("/ho-tich/soap").willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(RESPONSE)));

        ProviderResponse response = connector("5s").send(xml("<x:TraCuuKhaiSinh xmlns:x=\"" + HT + "\">"
                + "<x:soDinhDanh>077190001234</x:soDinhDanh><x:maDonViYeuCau>Sở Tư pháp</x:maDonViYeuCau>"
                + "</x:TraCuuKhaiSinh>")).get(10, TimeUnit.SECONDS);

        String answer = new String(response.body(), UTF_8);
        assertThat(response.headers().get("Content-Type").get(0)).startsWith("application/xml");
        assertThat(answer).contains("TraCuuKhaiSinhResponse").contains("Nguyễn Thị Mai").contains(HT)
                .doesNotContain("Envelope");
        wm.verify(1, postRequestedFor(urlEqualTo("/ho-tich/soap")).withRequestBody(xpath("//ht:TraCuuKhaiSinh/ht:maDonViYeuCau/text()", "Sở Tư pháp")));
    }

    @Test
    void refusesJsonThatCannotBeMappedAndSendsNothing() {
        Throwable missing = failureOf(connector("5s"), json("{\"hoTen\":\"x\"}"));
        assertThat(missing).isInstanceOf(HubException.class);
        assertThat(((HubException) missing).error()).isEqualTo(HubError.VALIDATION_FAILED);
        assertThat(missing.getMessage()).contains("/soDinhDanh");

        Throwable notText = failureOf(connector, json("{\"soDinhDanh\":{\"a\":1}}"));
        assertThat(((HubException) notText).error()).isEqualTo(HubError.VALIDATION_FAILED);
        assertThat(notText.getMessage()).contains("/soDinhDanh");

        Throwable invalid = failureOf(connector, json("{\"soDinhDanh\":\"12ab\"}"));
        assertThat(((HubException) invalid).error()).isEqualTo(HubError.VALIDATION_FAILED);
        assertThat(invalid.getMessage()).contains("soDinhDanh");

        Throwable wrongElement = failureOf(connector, xml("<a xmlns='urn:other'/>"));
        assertThat(((HubException) wrongElement).error()).isEqualTo(HubError.VALIDATION_FAILED);

        Throwable dtd = failureOf(connector, xml("<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<x:TraCuuKhaiSinh xmlns:x=\"" + HT + "\"><x:soDinhDanh>&x;</x:soDinhDanh></x:TraCuuKhaiSinh>"));
        assertThat(((HubException) dtd).error()).isEqualTo(HubError.MALFORMED_BODY);
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSoapFaultBecomesProviderFaultWithTheFaultString() {
        wm.stubFor(post("/ho-tich/soap").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/xml; charset=UTF-8").withBody("""
                        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
                        <soapenv:Fault><faultcode>soapenv:Server</faultcode>
                        <faultstring>Không tìm thấy số định danh</faultstring></soapenv:Fault>
                        </soapenv:Body></soapenv:Envelope>""")));

        Throwable fault = failureOf(connector("5s"), json("{\"soDinhDanh\":\"077190001234\"}"));

        assertThat(fault).isInstanceOf(HubException.class);
        assertThat(((HubException) fault).error()).isEqualTo(HubError.PROVIDER_FAULT);
        assertThat(fault.getMessage()).contains("Không tìm thấy số định danh");
    }

    @Test
    void anAnswerWithADtdIsNotParsed() {
        wm.stubFor(post("/ho-tich/soap").willReturn(aResponse().withHeader("Content-Type", "text/xml")
                .withBody("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                        + RESPONSE.replace("Nguyễn Thị Mai", "&x;"))));

        Throwable failure = failureOf(connector("5s"), json("{\"soDinhDanh\":\"077190001234\"}"));

        assertThat(failure).isInstanceOf(ConnectorFailure.class);
        assertThat(((ConnectorFailure) failure).kind()).isEqualTo(ConnectorFailure.Kind.UNAVAILABLE);
    }

    @Test
    void noAnswerInTimeIsATimeout() {
        wm.stubFor(post("/ho-tich/soap").willReturn(aResponse().withFixedDelay(3000).withBody(RESPONSE)));

        Throwable failure = failureOf(connector("300ms"), json("{\"soDinhDanh\":\"077190001234\"}"));

        assertThat(failure).isInstanceOf(ConnectorFailure.class);
        assertThat(((ConnectorFailure) failure).kind()).isEqualTo(ConnectorFailure.Kind.TIMEOUT);
    }

    @Test
    void configurationProblemsNameTheProperty() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("wsdl", "/no/such.wsdl");
        p.put("address", "ftp://x");
        p.put("username", "u");
        p.put("request", Map.of("soDinhDanh", "soDinhDanh"));
        p.put("response", Map.of("/x", "p:a[["));
        p.put("urll", "x");
        List<ConnectorConfigProblem> problems = new SoapConnectorFactory().validate(new ConnectorSpec("soap", p));
        assertThat(problems).extracting(ConnectorConfigProblem::property).containsExactlyInAnyOrder(
                "wsdl", "operation", "address", "password", "request.soDinhDanh", "response./x", "urll");
    }

    @Test
    void aWsdlThatCannotBeReadAnyMoreIsAProviderFailureNotAMissingDocument() throws Exception {
        java.nio.file.Path copy = java.nio.file.Files.createTempFile("ho-tich", ".wsdl");
        java.nio.file.Files.copy(java.nio.file.Path.of(WSDL), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Map<String, Object> p = spec("5s");
        p.put("wsdl", copy.toString());
        ConnectorSpec spec = new ConnectorSpec("soap", p);
        vn.lgsp.hub.core.connector.ConnectorRegistry registry =
                vn.lgsp.hub.core.connector.ConnectorRegistry.of(new SoapConnectorFactory());
        assertThat(registry.consumerDocument(spec, "https://hub.example/api/v1/services/x/y", "wsdl")).isPresent();

        java.nio.file.Files.delete(copy);

        vn.lgsp.hub.core.connector.ConnectorFailure failure = assertThrows(
                vn.lgsp.hub.core.connector.ConnectorFailure.class,
                () -> registry.consumerDocument(spec, "https://hub.example/api/v1/services/x/y", "wsdl"));
        assertThat(failure.kind()).isEqualTo(vn.lgsp.hub.core.connector.ConnectorFailure.Kind.UNAVAILABLE);
        assertThat(registry.consumerDocument(spec, "https://hub.example/api/v1/services/x/y", "xsd")).isEmpty();
    }

    @Test
    void anUnknownOperationStopsCreation() {
        Map<String, Object> p = spec("5s");
        p.put("operation", "XoaKhaiSinh");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoapConnectorFactory().create(new ConnectorSpec("soap", p)));
        assertThat(e.getMessage()).contains("XoaKhaiSinh").contains("TraCuuKhaiSinh");
    }
}

