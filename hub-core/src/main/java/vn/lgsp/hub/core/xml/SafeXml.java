package vn.lgsp.hub.core.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * XML parsing and writing with the hub's safety rules: a document type declaration (DTD) is refused
 * outright, so external entities, external DTDs and entity expansion ("billion laughs") cannot happen;
 * XInclude is off and the JDK's secure-processing limits apply. Parse failures are
 * {@code MALFORMED_BODY}.
 */
public final class SafeXml {

    private static final DocumentBuilderFactory BUILDERS = builders();
    private static final TransformerFactory TRANSFORMERS = transformers();

    private SafeXml() {
    }

    /** Parses a namespace-aware DOM document, refusing any DTD. */
    public static Document parse(byte[] xml) {
        try {
            DocumentBuilder builder = BUILDERS.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new HubException(HubError.MALFORMED_BODY, "the XML is not acceptable (line " + e.getLineNumber()
                    + "): " + reason(e));
        } catch (SAXException | IOException e) {
            throw new HubException(HubError.MALFORMED_BODY, "the XML is not acceptable: " + reason(e));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node written as UTF-8 XML without an XML declaration. */
    public static byte[] write(Node node) {
        try {
            Transformer transformer = TRANSFORMERS.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write XML", e);
        }
    }

    /** A new empty namespace-aware document. */
    public static Document newDocument() {
        try {
            return BUILDERS.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null) {
            return "unreadable";
        }
        return message.length() > 200 ? message.substring(0, 200) : message;
    }

    private static DocumentBuilderFactory builders() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser does not support the required safety features", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static TransformerFactory transformers() {
        TransformerFactory factory = TransformerFactory.newDefaultInstance();
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return factory;
    }
}
