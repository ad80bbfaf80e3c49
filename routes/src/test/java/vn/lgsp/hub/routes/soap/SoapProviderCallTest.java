package vn.lgsp.hub.routes.soap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditRecord;

/** A REST consumer calling a SOAP provider: JSON in, the provider's XML checked, JSON out, errors mapped. */
class SoapProviderCallTest extends SoapTestSupport {

    static final String SERVICE = "/api/v1/services/000.00.31.H99/civil-status-lookup";
    static final Map<String, String> NS = Map.of("s", "http://schemas.xmlsoap.org/soap/envelope/",
            "ht", "urn:example:stp:hotich:v1",
            "wsse", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");


    static MatchesXPathPattern xpath(String expression, String expected) {
        return new MatchesXPathPattern(expression, NS, equalTo(expected));
    }

    HttpResponse<byte[]> call(String json) {
        return send(HttpRequest.newBuilder(hub(SERVICE)).header("Authorization", "Bearer " + consumerToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void aRestConsumerGetsJsonFromTheSoapProvider() throws IOException {
        PROVIDER.stubFor(post("/ho-tich/soap").willReturn(aResponse().withHeader("Content-Type", "text/xml; charset=UTF-8")
                .withBody(CIVIL_STATUS_ANSWER)));

        HttpResponse<byte[]> response = call("{\"soDinhDanh\":\"077190001234\",\"maDonViYeuCau\":\"000.00.01.H99\"}");

        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = json(response);
        assertThat(body.path("hoTen").asText()).isEqualTo("Nguyễn Thị Mai");
        assertThat(body.path("ngaySinh").asText()).isEqualTo("1990-03-15");
        assertThat(body.path("soDangKy").asText()).isEqualTo("125/2026");
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/ho-tich/soap"))
                .withHeader("X-Hub-Consumer", equalTo("000.00.01.H99"))
                .withRequestBody(xpath("/s:Envelope/s:Body/ht:TraCuuKhaiSinh/ht:soDinhDanh/text()", "077190001234"))
                .withRequestBody(xpath("/s:Envelope/s:Body/ht:TraCuuKhaiSinh/ht:maDonViYeuCau/text()", "000.00.01.H99"))
                .withRequestBody(xpath("//wsse:UsernameToken/wsse:Username/text()", "lgsp-hub")));
        List<AuditRecord> audit = auditOf(response);
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.service()).isEqualTo("civil-status-lookup");
        });
    }

    @Test
    void jsonThatCannotBeMappedIs422NamingTheFieldAndNothingIsSent() {
        JsonNode problem = assertRejected(call("{\"hoTen\":\"Nguyễn Thị Mai\"}"), 422, "VALIDATION_FAILED");
        assertThat(problem.path("detail").asText()).contains("/soDinhDanh");

        JsonNode invalid = assertRejected(call("{\"soDinhDanh\":\"07719\"}"), 422, "VALIDATION_FAILED");
        assertThat(invalid.path("detail").asText()).contains("soDinhDanh");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aProviderFaultIs502WithTheFaultString() {
        PROVIDER.stubFor(post("/ho-tich/soap").willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/xml; charset=UTF-8").withBody("""
                        <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
                        <faultcode>s:Server</faultcode><faultstring>Không có khai sinh với số định danh này</faultstring>
                        </s:Fault></s:Body></s:Envelope>""")));

        HttpResponse<byte[]> response = call("{\"soDinhDanh\":\"077190001234\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo("PROVIDER_FAULT");
        assertThat(problem.path("detail").asText()).contains("Không có khai sinh với số định danh này");
        assertThat(auditOf(response)).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("CALL");
            assertThat(r.code()).isEqualTo("PROVIDER_FAULT");
        });
    }
}
