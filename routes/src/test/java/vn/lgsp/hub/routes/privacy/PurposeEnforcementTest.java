package vn.lgsp.hub.routes.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.routes.support.TestCatalog;

/**
 * X-Purpose on personal-data services and topics: missing or not declared -> 400 PURPOSE_REQUIRED, audited,
 * nothing forwarded or published; accepted -> forwarded, audited with the purpose and the subjects' keyed hashes
 * (never the ids), from JSON or XML bodies and from the response where declared.
 */
class PurposeEnforcementTest extends PrivacyTestSupport {

    private static final String MAI = "077190004321";
    private static final String FATHER = "077160004321";

    @BeforeEach
    void providerWouldAnswer() {
        PROVIDER.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(citizenAnswer(MAI, FATHER))));
    }

    @Test
    void missingPurposeIs400AndNothingIsForwarded() {
        HttpResponse<byte[]> response = callJson(RESIDENT, null, lookup(MAI, "P-1"));

        JsonNode problem = assertRejected(response, 400, "PURPOSE_REQUIRED");
        assertThat(problem.path("detail").asText()).contains("X-Purpose", "TTHC", "THANH_TRA")
                .doesNotContain(MAI);
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
        AuditRecord reject = only(AuditKind.REJECT, exchangeIdOf(response));
        assertThat(reject.consumer()).isEqualTo(TestCatalog.PD_CONSUMER);
        assertThat(reject.purpose()).isNull();
        assertThat(reject.subjectKeys()).as("a refused attempt is traceable to the person").isEqualTo(key(MAI));
    }

    @Test
    void undeclaredPurposeIs400() {
        HttpResponse<byte[]> response = callJson(RESIDENT, "MARKETING", lookup(MAI, "P-2"));
        assertThat(assertRejected(response, 400, "PURPOSE_REQUIRED").path("detail").asText()).contains("'MARKETING'");
        assertRejected(callJson(RESIDENT, "tthc", lookup(MAI, "P-3")), 400, "PURPOSE_REQUIRED");
        assertThat(assertRejected(callJson(RESIDENT, "TTHC<script>", lookup(MAI, "P-4")), 400, "PURPOSE_REQUIRED")
                .path("detail").asText()).doesNotContain("<script>");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anAcceptedPurposeIsForwardedAndAuditedWithTheSubjectsKeyedHashes() {
        HttpResponse<byte[]> response = callJson(RESIDENT, "THANH_TRA", lookup(MAI, "P-5"));

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        PROVIDER.verify(1, postRequestedFor(urlEqualTo("/apiCSDLDanCu/1.0/traCuuCuTru"))
                .withHeader("X-Purpose", equalTo("THANH_TRA"))
                .withHeader("X-Hub-Consumer", equalTo(TestCatalog.PD_CONSUMER)));
        AuditRecord call = only(AuditKind.CALL, exchangeIdOf(response));
        assertThat(call.purpose()).isEqualTo("THANH_TRA");
        assertThat(call.subjectKeys()).as("request subject, then the response's other subjects")
                .isEqualTo(key(MAI) + "," + key(FATHER));
        assertThat(call.toString()).doesNotContain(MAI, FATHER);
    }

    @Test
    void aBodyWithoutSubjectIsForwardedWithoutSubjectKeys() {
        HttpResponse<byte[]> response = callJson(RESIDENT_SLOW, "TTHC", "{\"MaYeuCau\":\"P-6\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        AuditRecord call = only(AuditKind.CALL, exchangeIdOf(response));
        assertThat(call.purpose()).isEqualTo("TTHC");
        assertThat(call.subjectKeys()).isNull();
    }

    @Test
    void aBodyThatCannotBeReadForItsSubjectIsRefused() {
        assertRejected(callJson(RESIDENT_SLOW, "TTHC", "{\"SoDinhDanh\":\"" + MAI + "\""), 400, "MALFORMED_BODY");
        assertRejected(postAs(RESIDENT_SLOW, pdToken(), "text/plain", "TTHC", "SoDinhDanh=" + MAI), 400, "MALFORMED_BODY");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void tooManySubjectsInOneRequestAreRefused() {
        String ids = IntStream.range(0, 62).mapToObj(i -> "\"0771900" + (10000 + i) + "\"")
                .collect(Collectors.joining(","));
        assertRejected(callJson(RESIDENT_SLOW, "TTHC", "{\"SoDinhDanh\":[" + ids + "]}"), 413, "PAYLOAD_TOO_LARGE");
        PROVIDER.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void readsTheSubjectOfAnXmlBodyWithItsXPath() throws IOException {
        byte[] soap;
        try (InputStream in = getClass().getResourceAsStream("/samples/civil-status-lookup.request.xml")) {
            soap = in.readAllBytes();
        }
        HttpResponse<byte[]> response = postAs(BIRTH_XML, pdToken(), "text/xml; charset=utf-8", "TTHC",
                new String(soap, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(only(AuditKind.CALL, exchangeIdOf(response)).subjectKeys()).isEqualTo(key("077190001234"));

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<r><soDinhDanh>&x;</soDinhDanh></r>";
        assertRejected(postAs(BIRTH_XML, pdToken(), "text/xml", "TTHC", xxe), 400, "MALFORMED_BODY");
        PROVIDER.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void publishingToAPersonalDataTopicNeedsAPurposeToo() {
        HttpResponse<byte[]> response = publishPd(null, representativeRecord("3599009001", MAI));
        assertRejected(response, 400, "PURPOSE_REQUIRED");
        assertRejected(publishPd("TTHC", representativeRecord("3599009002", MAI)), 400, "PURPOSE_REQUIRED");
    }
}
