package vn.lgsp.hub.connectors.soap;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.xml.namespace.QName;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.xpath.XPathExpression;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Response;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.Bus;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.service.model.EndpointInfo;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.xml.SafeXml;

/**
 * Calls one SOAP operation through a CXF {@code Dispatch<DOMSource>} in payload mode. JSON requests are
 * mapped to the request element ({@link JsonXmlMapping}), XML requests are passed unchanged; either way the
 * request element is validated against the WSDL's schema before it is sent. SOAP faults become
 * {@code 502 PROVIDER_FAULT} (a {@link HubException}); no answer becomes a {@link ConnectorFailure}.
 */
final class SoapProviderConnector implements ProviderConnector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private static final String XML_TYPE = "application/xml; charset=UTF-8";

    private final SoapConnectorConfig config;
    private final Dispatch<DOMSource> dispatch;
    private final SoapOperation operation;
    private final Schema schema;
    private final Map<JsonPointer, XPathExpression> responseMapping;

    SoapProviderConnector(SoapConnectorConfig config) {
        this.config = config;
        Bus bus = ConnectorBus.get();
        Bus previous = BusFactory.getAndSetThreadDefaultBus(bus);
        try {
            Service service = config.service() == null ? WsdlServices.single(config.wsdl())
                    : Service.create(config.wsdl(), WsdlServices.qualify(config.wsdl(), config.service()));
            QName port = WsdlServices.port(service, config.port());
            dispatch = service.createDispatch(port, DOMSource.class, Service.Mode.PAYLOAD);
        } finally {
            BusFactory.setThreadDefaultBus(previous);
        }
        Client client = ((DispatchImpl<?>) dispatch).getClient();
        EndpointInfo endpoint = client.getEndpoint().getEndpointInfo();
        operation = SoapOperation.find(endpoint, config.operation());
        schema = endpoint.getService().getSchemas().isEmpty() ? null
                : EndpointReferenceUtils.getSchema(endpoint.getService(), bus);
        responseMapping = config.mapping() == null ? Map.of()
                : config.mapping().compileResponse(operation.responseElement().getNamespaceURI());

        Map<String, Object> context = dispatch.getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, config.address().toString());
        context.put(MessageContext.WSDL_OPERATION, operation.name());
        context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        context.put(BindingProvider.SOAPACTION_URI_PROPERTY, operation.soapAction());
        if (config.username() != null) {
            context.put(Header.HEADER_LIST, List.of(UsernameTokenHeader.create(config.username(), config.password())));
        }
        context.put("thread.local.request.context", "true");
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(config.connectTimeout().toMillis());
        policy.setReceiveTimeout(config.timeout().toMillis());
        policy.setVersion("1.1"); // no h2c upgrade attempt: providers speak HTTP/1.1
        ((HTTPConduit) client.getConduit()).setClient(policy);
    }

    @Override
    public CompletableFuture<ProviderResponse> send(ProviderRequest request) {
        boolean xml = isXml(request.headers());
        Element payload;
        try {
            payload = xml ? passThrough(request.body()) : config.mapping() == null
                    ? noMapping() : config.mapping().toXml(readJson(request.body()), operation.requestElement());
            validate(payload);
        } catch (HubException e) {
            return CompletableFuture.failedFuture(e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("x-hub-") || lower.equals("x-request-id") || lower.equals("x-purpose")
                    || lower.equals("traceparent")) {
                headers.put(name, values);
            }
        });
        CompletableFuture<ProviderResponse> result = new CompletableFuture<>();
        dispatch.getRequestContext().put(Message.PROTOCOL_HEADERS, headers);
        dispatch.invokeAsync(new DOMSource(payload), (Response<DOMSource> response) -> {
            try {
                result.complete(answer(response.get(), xml));
            } catch (ExecutionException e) {
                result.completeExceptionally(failure(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(failure(e));
            } catch (RuntimeException | IOException e) {
                result.completeExceptionally(e instanceof HubException ? e : failure(e));
            }
        });
        return result;
    }

    private static Element noMapping() {
        throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE,
                "this SOAP service declares no JSON mapping; send the operation's XML element");
    }

    private Element passThrough(byte[] body) {
        Element root = SafeXml.parse(body).getDocumentElement();
        QName found = new QName(root.getNamespaceURI() == null ? "" : root.getNamespaceURI(), root.getLocalName());
        if (!found.equals(operation.requestElement())) {
            throw new HubException(HubError.VALIDATION_FAILED, "the payload must be the element "
                    + operation.requestElement() + " of operation " + operation.name().getLocalPart() + ", not " + found);
        }
        return root;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
        } catch (IOException e) {
            throw new HubException(HubError.MALFORMED_BODY, "the request body is not valid JSON");
        }
    }

    private void validate(Element payload) {
        if (schema == null) {
            return;
        }
        try {
            schema.newValidator().validate(new DOMSource(payload));
        } catch (SAXException e) {
            throw new HubException(HubError.VALIDATION_FAILED, "the request does not match the provider's schema: "
                    + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProviderResponse answer(DOMSource source, boolean xml) throws IOException {
        Node node = source == null ? null : source.getNode();
        Element element = node instanceof Document doc ? doc.getDocumentElement() : (Element) node;
        if (element == null) {
            throw new HubException(HubError.PROVIDER_UNAVAILABLE, "the provider answered with an empty SOAP body");
        }
        if (xml) {
            return new ProviderResponse(200, Map.of("Content-Type", List.of(XML_TYPE)), SafeXml.write(element));
        }
        byte[] json = JSON.writeValueAsBytes(JsonXmlMapping.toJson(element, responseMapping));
        return new ProviderResponse(200, Map.of("Content-Type", List.of(JSON_TYPE)), json);
    }

    private RuntimeException failure(Throwable cause) {
        if (cause instanceof SOAPFaultException fault) {
            return new HubException(HubError.PROVIDER_FAULT, "SOAP fault from the provider: "
                    + fault.getFault().getFaultString());
        }
        if (cause instanceof SoapFault fault && fault.getCause() == null) {
            // a fault read from the provider's answer (faults raised locally, e.g. on an unreadable answer,
            // carry the parser exception as their cause)
            return new HubException(HubError.PROVIDER_FAULT, "SOAP fault from the provider: " + fault.getMessage());
        }
        if (cause instanceof HubException hub) {
            return hub;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return new ConnectorFailure(ConnectorFailure.Kind.TIMEOUT, "no answer from " + config.authority()
                        + " within " + config.timeout().toMillis() + " ms", cause);
            }
            if (t instanceof ConnectException) {
                return new ConnectorFailure(ConnectorFailure.Kind.UNAVAILABLE, "cannot connect to "
                        + config.authority(), cause);
            }
        }
        return new ConnectorFailure(ConnectorFailure.Kind.UNAVAILABLE, "no usable SOAP answer from "
                + config.authority(), cause);
    }

    private static boolean isXml(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Content-Type") && !e.getValue().isEmpty()) {
                return e.getValue().get(0).toLowerCase(Locale.ROOT).contains("xml");
            }
        }
        return false;
    }

    @Override
    public void close() {
        ((DispatchImpl<?>) dispatch).getClient().destroy();
    }

    /** For the tests: the operation found in the WSDL. */
    List<QName> elements() {
        return new ArrayList<>(List.of(operation.requestElement(), operation.responseElement()));
    }
}
