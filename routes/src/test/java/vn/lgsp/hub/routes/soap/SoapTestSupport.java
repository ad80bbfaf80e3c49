package vn.lgsp.hub.routes.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.transform.dom.DOMSource;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import org.apache.cxf.headers.Header;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.xml.SafeXml;
import vn.lgsp.hub.routes.support.HubTestSupport;

/**
 * SOAP test helpers: a JAX-WS {@code Dispatch} built by CXF from the WSDL the hub publishes, raw envelopes
 * over HTTP for what a generated client cannot send, and fault reading.
 */
abstract class SoapTestSupport extends HubTestSupport {

    static final String NS = SoapFaults.NS;
    static final String WSSE = UsernameTokenInterceptor.WSSE;

    /** The demo SOAP provider's answer for 077190001234 (fake data), also served by the demo stubs. */
    static final byte[] CIVIL_STATUS_ANSWER = sample("/demo/department/__files/khai-sinh-077190001234.xml");

    static byte[] sample(String resource) {
        try (var in = SoapTestSupport.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static URI soap(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + SOAP_PORT + pathAndQuery);
    }

    /** A Dispatch client for the hub's port, made from the published WSDL. */
    static Dispatch<DOMSource> client(String username, String password, String bearer) throws Exception {
        Service service = Service.create(new URL(soap("/soap/v1/hub?wsdl").toString()), new QName(NS, "HubService"));
        Dispatch<DOMSource> dispatch = service.createDispatch(new QName(NS, "HubPort"), DOMSource.class,
                Service.Mode.PAYLOAD);
        Map<String, Object> context = dispatch.getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, soap("/soap/v1/hub").toString());
        if (username != null) {
            context.put(Header.HEADER_LIST, List.of(usernameToken(username, password)));
        }
        if (bearer != null) {
            context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("Authorization", List.of("Bearer " + bearer)));
        }
        return dispatch;
    }

    static Header usernameToken(String username, String password) {
        Document doc = SafeXml.newDocument();
        Element security = doc.createElementNS(WSSE, "wsse:Security");
        Element token = (Element) security.appendChild(doc.createElementNS(WSSE, "wsse:UsernameToken"));
        token.appendChild(doc.createElementNS(WSSE, "wsse:Username")).setTextContent(username);
        Element pass = (Element) token.appendChild(doc.createElementNS(WSSE, "wsse:Password"));
        pass.setAttribute("Type", UsernameTokenInterceptor.PASSWORD_TEXT);
        pass.setTextContent(password);
        doc.appendChild(security);
        return new Header(UsernameTokenInterceptor.SECURITY, security);
    }

    /** Parses {@code <hub:Name>...</hub:Name>} written with prefix hub bound to the hub's namespace. */
    static DOMSource request(String xml) {
        return new DOMSource(SafeXml.parse(xml.replaceFirst(">", " xmlns:hub=\"" + NS + "\">")
                .getBytes(StandardCharsets.UTF_8)).getDocumentElement());
    }

    static Element element(DOMSource source) {
        Node node = source.getNode();
        return node instanceof Document d ? d.getDocumentElement() : (Element) node;
    }

    /** Text of the first descendant with this local name. */
    static String text(Element root, String localName) {
        var list = root.getElementsByTagNameNS("*", localName);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    /** Posts a raw SOAP 1.1 envelope with the given body content and optional header content. */
    static HttpResponse<byte[]> postSoap(String body) {
        return send(HttpRequest.newBuilder(soap("/soap/v1/hub")).header("Content-Type", "text/xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    static String envelope(String header, String body) {
        return "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:hub=\"" + NS + "\" xmlns:wsse=\""
                + WSSE + "\"><s:Header>" + header + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static String wsse(String user, String password) {
        return "<wsse:Security s:mustUnderstand=\"1\"><wsse:UsernameToken><wsse:Username>" + user
                + "</wsse:Username><wsse:Password>" + password + "</wsse:Password></wsse:UsernameToken></wsse:Security>";
    }

    /** Asserts a SOAP fault with this hub code and its REJECT audit record; returns the fault's detail text. */
    String assertFault(HttpResponse<byte[]> response, String code) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(500);
        assertThat(body).doesNotContain("Exception", "\tat ");
        Element root = SafeXml.parse(response.body()).getDocumentElement();
        assertThat(text(root, "faultstring")).isNotBlank();
        assertThat(text(root, "code")).as(body).isEqualTo(code);
        String exchangeId = text(root, "exchangeId");
        List<AuditRecord> audit = auditStore.find(new AuditQuery(exchangeId, null, null, null, null, 10));
        assertThat(audit).singleElement().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo("REJECT");
            assertThat(r.code()).isEqualTo(code);
        });
        return text(root, "detail");
    }
}
