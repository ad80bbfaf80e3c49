package vn.lgsp.hub.connectors.soap;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPathExpression;
import org.junit.jupiter.api.Tag;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.xml.SafeXml;

/**
 * Fuzzes the JSON Pointer / XPath mapping of the soap connector in both directions and its declaration:
 * a consumer's JSON body becomes well-formed XML carrying each value unchanged, or is refused with a 4xx;
 * a provider's XML answer becomes JSON or fails as a provider error; a declared mapping is accepted or named
 * as a configuration problem. Anything else (another exception, XML that does not parse back) is a finding.
 * In a normal build only the stored inputs run (regression); {@code -Pfuzz} fuzzes (see the parent pom).
 */
@Tag("fuzz")
class JsonXmlMappingFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "urn:lgsp:test:ho-tich";
    private static final QName REQUEST = new QName(NS, "TraCuuKhaiSinh");
    private static final JsonXmlMapping MAPPING = declared(
            List.of("soDinhDanh", "/soDinhDanh", "nguoiYeuCau/hoTen", "/nguoiYeuCau/hoTen?",
                    "nguoiYeuCau/maDonVi", "/nguoiYeuCau/maDonVi?", "ghiChu", "/ghi~1chu?", "dauTien", "/danhSach/0?"),
            List.of("/ketQua/hoTen", "string(p:HoTen)", "/ketQua/ngaySinh", "p:NgaySinh", "/soPhanTu", "count(//*)",
                    "/ghi~1chu", "normalize-space(p:GhiChu)", "/ketQua", "p:TrangThai"));
    private static final Map<JsonPointer, XPathExpression> RESPONSE = MAPPING.compileResponse(NS);
    private static final List<String> XPATHS = List.of("p:HoTen", "string(p:a/p:b)", "count(//*)",
            "normalize-space(p:GhiChu)", "p:a[@x='Nguyễn']", "1 div 0");

    @FuzzTest(maxDuration = "5m")
    void jsonBodyBecomesWellFormedXmlOrIsRefused(FuzzedDataProvider data) {
        JsonNode body;
        try {
            body = JSON.readTree(data.consumeRemainingAsString());
        } catch (IOException notJson) {
            return; // the sync path refuses it before the connector (MALFORMED_BODY)
        }
        Element element;
        try {
            element = MAPPING.toXml(body, REQUEST);
        } catch (HubException refused) {
            if (refused.error().status() / 100 != 4) {
                throw new AssertionError("a consumer's body must be refused with a 4xx, got " + refused.error(), refused);
            }
            return;
        }
        Document back = SafeXml.parse(SafeXml.write(element)); // the provider must get XML it can parse
        String sent = back.getDocumentElement().getElementsByTagNameNS(NS, "soDinhDanh").item(0).getTextContent();
        if (!sent.equals(body.at("/soDinhDanh").asText())) {
            throw new AssertionError("soDinhDanh changed on the way: '" + body.at("/soDinhDanh").asText() + "' -> '"
                    + sent + "'");
        }
    }

    @FuzzTest(maxDuration = "5m")
    void providerXmlBecomesJsonOrFailsAsProviderError(FuzzedDataProvider data) throws IOException {
        Document answer;
        try {
            answer = SafeXml.parse(data.consumeRemainingAsBytes());
        } catch (HubException unreadable) {
            return; // the connector reports an unreadable answer before mapping
        }
        try {
            ObjectNode json = JsonXmlMapping.toJson(answer.getDocumentElement(), RESPONSE);
            JSON.readTree(JSON.writeValueAsBytes(json));
        } catch (HubException failed) {
            if (failed.error() != HubError.PROVIDER_UNAVAILABLE && failed.error() != HubError.PROVIDER_FAULT) {
                throw new AssertionError("a provider's answer may only fail as a provider error", failed);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void declaredMappingIsAcceptedOrNamedAsAProblem(FuzzedDataProvider data) {
        Map<String, String> request = new LinkedHashMap<>();
        Map<String, String> response = new LinkedHashMap<>();
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            request.put(data.consumeString(30), data.consumeString(30));
        }
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            // valid XPath texts from a fixed list: they are the operator's configuration, and any failing compile
            // (the very check read() makes) is reported by Jazzer's XPath-injection sanitizer when fuzzing
            response.put(data.consumeString(30), data.pickValue(XPATHS));
        }
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        JsonXmlMapping mapping = JsonXmlMapping.read(request, response, problems);
        if ((mapping == null) == problems.isEmpty()) {
            throw new AssertionError("a refused mapping must name its problems, an accepted one none: " + problems);
        }
        if (mapping != null) {
            mapping.compileResponse("urn:lgsp:test:other"); // accepted means usable with any namespace
        }
    }

    private static JsonXmlMapping declared(List<String> request, List<String> response) {
        Map<String, String> req = new LinkedHashMap<>();
        Map<String, String> resp = new LinkedHashMap<>();
        for (int i = 0; i < request.size(); i += 2) {
            req.put(request.get(i), request.get(i + 1));
        }
        for (int i = 0; i < response.size(); i += 2) {
            resp.put(response.get(i), response.get(i + 1));
        }
        List<ConnectorConfigProblem> problems = new ArrayList<>();
        JsonXmlMapping mapping = JsonXmlMapping.read(req, resp, problems);
        if (mapping == null) {
            throw new IllegalStateException("test mapping refused: " + problems);
        }
        return mapping;
    }
}
