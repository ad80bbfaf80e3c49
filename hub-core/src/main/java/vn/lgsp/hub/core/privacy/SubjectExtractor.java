package vn.lgsp.hub.core.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Finds the subject ids (e.g. 12-digit CCCD numbers) a payload concerns, at the path a {@code personal-data}
 * declaration names: a JSONPath (Jayway, e.g. {@code $.SoDinhDanh} or {@code $.thanhVien[*].soDinhDanh}) for
 * JSON bodies, or an XPath 1.0 location path (starting with {@code /}, selecting elements or attributes, e.g.
 * {@code //*[local-name()='SoDinhDanh']}) for XML bodies. Every matching text or integer value (JSON) or
 * element/attribute text (XML) is returned (an array match contributes its elements), trimmed, blanks dropped,
 * duplicates removed, in document order.
 *
 * <p>XML is parsed with DOCTYPE declarations refused, no external entity, DTD or schema loaded and XPath
 * extension functions off (no XXE, no entity expansion). Error messages never quote the payload. Instances
 * are immutable and thread-safe.
 */
public final class SubjectExtractor {

    /** Raised when a body cannot be read as the path's format (JSON or XML); the message quotes no content. */
    public static final class UnreadableBodyException extends RuntimeException {
        UnreadableBodyException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Configuration JSON_PATH;

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1_000_000).maxNumberLength(100).build());
        JSON_PATH = Configuration.builder()
                .jsonProvider(new JacksonJsonNodeJsonProvider(JSON))
                .mappingProvider(new JacksonMappingProvider(JSON))
                .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
                .build();
    }

    private final String path;
    private final JsonPath jsonPath;

    private SubjectExtractor(String path, JsonPath jsonPath) {
        this.path = path;
        this.jsonPath = jsonPath;
    }

    /**
     * Compiles a subject path; throws {@link IllegalArgumentException} with a configuration-ready reason when it
     * is neither a valid JSONPath (starting with {@code $}) nor a valid XPath (starting with {@code /}).
     */
    public static SubjectExtractor compile(String path) {
        Objects.requireNonNull(path, "path");
        String trimmed = path.trim();
        if (trimmed.startsWith("/")) {
            try {
                newXPath().compile(trimmed);
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException("is not a valid XPath 1.0 expression: " + e.getMessage());
            }
            return new SubjectExtractor(trimmed, null);
        }
        if (!trimmed.startsWith("$")) {
            throw new IllegalArgumentException("must be a JSONPath starting with '$' or an XPath starting with '/'");
        }
        try {
            return new SubjectExtractor(trimmed, JsonPath.compile(trimmed));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid JSONPath expression: " + e.getMessage());
        }
    }

    public String path() {
        return path;
    }

    /** True when the path is an XPath (XML bodies), false for a JSONPath (JSON bodies). */
    public boolean isXPath() {
        return jsonPath == null;
    }

    /** The subject ids in a body; an empty body has none; an unreadable one throws {@link UnreadableBodyException}. */
    public List<String> extract(byte[] body) {
        if (body == null || body.length == 0) {
            return List.of();
        }
        return isXPath() ? fromXml(body) : fromJson(parseJson(body));
    }

    /** The subject ids in an already parsed JSON value (JSONPath only). */
    public List<String> extract(JsonNode json) {
        if (isXPath()) {
            throw new IllegalStateException("the subject path " + path + " is an XPath; it applies to XML bodies");
        }
        return fromJson(json);
    }

    private List<String> fromJson(JsonNode json) {
        Set<String> found = new LinkedHashSet<>();
        Object result = JsonPath.using(JSON_PATH).parse(json).read(jsonPath);
        for (Object match : matches(result)) {
            if (match instanceof JsonNode node && node.isArray()) {
                node.forEach(element -> scalar(element, found));
            } else if (match instanceof List<?> list) {
                list.forEach(element -> scalar(element, found));
            } else {
                scalar(match, found);
            }
        }
        return List.copyOf(found);
    }

    /** The matches of an ALWAYS_RETURN_LIST read (an array of matches, or null when nothing matched). */
    private static Iterable<?> matches(Object result) {
        if (result instanceof JsonNode node && node.isArray() || result instanceof List<?>) {
            return (Iterable<?>) result;
        }
        return result == null ? List.of() : List.of(result);
    }

    /** Adds a text or integer value; objects, booleans, decimals and nulls are not subject ids. */
    private static void scalar(Object value, Set<String> found) {
        if (value instanceof JsonNode node) {
            if (node.isTextual()) {
                add(node.textValue(), found);
            } else if (node.isIntegralNumber()) {
                add(node.bigIntegerValue().toString(), found);
            }
        } else if (value instanceof String text) {
            add(text, found);
        } else if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            add(value.toString(), found);
        }
    }

    private static void add(String value, Set<String> found) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty()) {
            found.add(trimmed);
        }
    }

    private static JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new UnreadableBodyException("the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new UnreadableBodyException("the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new UnreadableBodyException("the body could not be read as JSON");
        }
    }

    private List<String> fromXml(byte[] body) {
        Document document = parseXml(body);
        Set<String> found = new LinkedHashSet<>();
        try {
            XPathExpression expression = newXPath().compile(path);
            NodeList nodes = (NodeList) expression.evaluate(document, XPathConstants.NODESET);
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                add(node.getTextContent() == null ? "" : node.getTextContent(), found);
            }
        } catch (XPathExpressionException e) {
            throw new UnreadableBodyException("the subject path does not select elements or attributes of the body");
        }
        return new ArrayList<>(found);
    }

    private static Document parseXml(byte[] body) {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(body));
        } catch (SAXParseException e) {
            throw new UnreadableBodyException("the body is not acceptable XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "); DOCTYPE declarations and entities are refused");
        } catch (SAXException | IOException e) {
            throw new UnreadableBodyException("the body could not be read as XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser does not support the secure settings", e);
        }
    }

    /** A parser factory with DOCTYPE refused and every external access off (OWASP XXE prevention). */
    static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    private static XPath newXPath() {
        XPathFactory factory = XPathFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (XPathFactoryConfigurationException e) {
            throw new IllegalStateException("the XPath engine does not support secure processing", e);
        }
        return factory.newXPath();
    }

    /** Reports nothing to stderr (the default handler prints messages that may quote the payload). */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings do not stop parsing and are not reported: they may quote the payload
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    @Override
    public String toString() {
        return path;
    }
}
