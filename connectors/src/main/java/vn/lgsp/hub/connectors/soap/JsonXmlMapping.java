package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lgsp.hub.core.connector.ConnectorConfigProblem;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.xml.SafeXml;

/**
 * The declared mapping between a REST consumer's JSON and a SOAP operation's XML, built on two standard
 * path languages: JSON Pointer (RFC 6901, Jackson's {@link JsonPointer}) on the JSON side and XPath 1.0 (the
 * JDK's {@code javax.xml.xpath}) on the response side.
 *
 * <ul>
 *   <li>{@code request}: {@code element/path: /json/pointer}. Each entry creates the child elements of the
 *       operation's request element (in its namespace, in the order declared) with the text of the JSON
 *       value. A pointer ending in {@code ?} is optional; any other missing value, and a value with
 *       characters XML 1.0 cannot carry, refuses the call with {@code 422} naming the field.</li>
 *   <li>{@code response}: {@code /json/pointer: xpath}. Each XPath is evaluated as a string from the
 *       response element; prefix {@code p} is the namespace of that element. Empty results are left out.</li>
 * </ul>
 *
 * @param request  element path to JSON pointer, in declaration order
 * @param response JSON pointer to XPath expression text, in declaration order
 */
public record JsonXmlMapping(Map<String, String> request, Map<String, String> response) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NC_NAME = "[A-Za-z_][A-Za-z0-9_.-]*";
    private static final String PREFIX = "p";

    public JsonXmlMapping {
        request = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(request));
        response = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(response));
    }

    /** True when neither direction is declared (the service is then only usable with XML payloads). */
    public boolean isEmpty() {
        return request.isEmpty() && response.isEmpty();
    }

    static JsonXmlMapping read(Map<String, String> request, Map<String, String> response,
                               List<ConnectorConfigProblem> problems) {
        int before = problems.size();
        request.forEach((path, pointer) -> {
            if (!path.matches(NC_NAME + "(/" + NC_NAME + ")*")) {
                problems.add(new ConnectorConfigProblem("request." + path,
                        "must be a path of XML element names such as 'a/b'"));
            }
            pointerProblem("request." + path, pointer.endsWith("?") ? pointer.substring(0, pointer.length() - 1)
                    : pointer, problems);
        });
        response.forEach((pointer, xpath) -> {
            pointerProblem("response." + pointer, pointer, problems);
            try {
                compile(xpath, "urn:check");
            } catch (XPathExpressionException e) {
                problems.add(new ConnectorConfigProblem("response." + pointer, "is not a valid XPath 1.0 expression"
                        + " (prefix 'p' is the namespace of the response element)"));
            }
        });
        return problems.size() > before ? null : new JsonXmlMapping(request, response);
    }

    private static void pointerProblem(String field, String pointer, List<ConnectorConfigProblem> problems) {
        try {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException("no leading /");
            }
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            problems.add(new ConnectorConfigProblem(field, "must be a JSON Pointer such as /soDinhDanh, was '"
                    + pointer + "'"));
        }
    }

    /**
     * Builds the request element from a JSON body.
     *
     * @throws HubException 422 VALIDATION_FAILED naming the first field that cannot be mapped
     */
    Element toXml(JsonNode body, QName requestElement) {
        if (request.isEmpty()) {
            throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE,
                    "this SOAP service declares no JSON mapping; call it with an XML payload");
        }
        if (body == null || !body.isObject()) {
            throw new HubException(HubError.VALIDATION_FAILED, "field /: the request must be a JSON object");
        }
        Document doc = SafeXml.newDocument();
        String ns = requestElement.getNamespaceURI();
        Element root = doc.createElementNS(ns, "p:" + requestElement.getLocalPart());
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:p", ns);
        doc.appendChild(root);
        for (Map.Entry<String, String> entry : request.entrySet()) {
            boolean optional = entry.getValue().endsWith("?");
            String pointer = optional ? entry.getValue().substring(0, entry.getValue().length() - 1) : entry.getValue();
            JsonNode value = body.at(pointer);
            if (value.isMissingNode() || value.isNull()) {
                if (optional) {
                    continue;
                }
                throw new HubException(HubError.VALIDATION_FAILED, "field " + pointer + " is required by this service");
            }
            if (!value.isValueNode()) {
                throw new HubException(HubError.VALIDATION_FAILED, "field " + pointer
                        + " must be a text, number or boolean, not " + value.getNodeType().name().toLowerCase());
            }
            String text = value.asText();
            if (!isXmlText(text)) {
                throw new HubException(HubError.VALIDATION_FAILED, "field " + pointer
                        + " contains characters XML 1.0 cannot carry (control characters or a lone surrogate)");
            }
            Element parent = root;
            for (String name : entry.getKey().split("/")) {
                parent = child(parent, ns, name);
            }
            parent.setTextContent(text);
        }
        return root;
    }

    /** Whether every character is allowed in XML 1.0 text (production [2] Char; pairs of surrogates only). */
    static boolean isXmlText(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    private static Element child(Element parent, String ns, String name) {
        Node last = parent.getLastChild();
        if (last instanceof Element e && name.equals(e.getLocalName())) {
            return e;
        }
        Element created = parent.getOwnerDocument().createElementNS(ns, "p:" + name);
        parent.appendChild(created);
        return created;
    }

    /** Compiled response expressions for one response element namespace. */
    Map<JsonPointer, XPathExpression> compileResponse(String namespace) {
        Map<JsonPointer, XPathExpression> compiled = new LinkedHashMap<>();
        response.forEach((pointer, xpath) -> {
            try {
                compiled.put(JsonPointer.compile(pointer), compile(xpath, namespace));
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException("response." + pointer + " is not a valid XPath", e);
            }
        });
        return compiled;
    }

    /** The JSON answer built from the response element with compiled expressions. */
    static ObjectNode toJson(Element responseElement, Map<JsonPointer, XPathExpression> expressions) {
        ObjectNode answer = JSON.createObjectNode();
        for (Map.Entry<JsonPointer, XPathExpression> e : expressions.entrySet()) {
            String value;
            try {
                synchronized (e.getValue()) { // an XPathExpression is not thread-safe
                    value = (String) e.getValue().evaluate(responseElement, XPathConstants.STRING);
                }
            } catch (XPathExpressionException ex) {
                throw new HubException(HubError.PROVIDER_UNAVAILABLE, "the provider's answer cannot be mapped to JSON");
            }
            if (value != null && !value.isEmpty()) {
                put(answer, e.getKey(), value);
            }
        }
        return answer;
    }

    private static void put(ObjectNode root, JsonPointer pointer, String value) {
        ObjectNode node = root;
        JsonPointer current = pointer;
        while (!current.tail().matches()) {
            String name = current.getMatchingProperty();
            JsonNode next = node.get(name);
            node = next instanceof ObjectNode o ? o : node.putObject(name);
            current = current.tail();
        }
        node.put(current.getMatchingProperty(), value);
    }

    private static XPathExpression compile(String xpath, String namespace) throws XPathExpressionException {
        XPath compiler = XPathFactory.newDefaultInstance().newXPath();
        compiler.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIX.equals(prefix) ? namespace : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String namespaceURI) {
                return namespace.equals(namespaceURI) ? PREFIX : null;
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceURI) {
                return namespace.equals(namespaceURI) ? List.of(PREFIX).iterator() : List.<String>of().iterator();
            }
        });
        return compiler.compile(xpath);
    }
}
