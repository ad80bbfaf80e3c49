package vn.lgsp.hub.routes.soap;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.xml.SafeXml;
import vn.lgsp.hub.routes.async.PublishSteps;
import vn.lgsp.hub.routes.async.RecordPublisher;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.flow.SyncCallSteps;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * Steps of the SOAP flow ({@link SoapRoute}) that differ from REST: reading the operation's element into an
 * {@link ExchangeContext} (payload as body, {@code purpose} as X-Purpose, {@code idempotencyKey} as
 * Idempotency-Key), authenticating by UsernameToken or Bearer token, and writing the answer element or the
 * fault. Everything else is done by the REST flows' own steps.
 */
@Component
public class SoapSteps {

    private static final Logger LOG = LoggerFactory.getLogger(SoapSteps.class);
    private static final String REQUEST = "lgsp.soap.request";
    private static final String AUDITED = "lgsp.soap.audited";
    private static final Set<String> NOT_COPIED = Set.of("content-type", "content-length", "soapaction",
            "transfer-encoding", "x-purpose", "idempotency-key");

    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final SyncCallSteps sync;
    private final PublishSteps publish;
    private final ExchangeAuditor auditor;

    public SoapSteps(CatalogHolder catalogs, ClientAuthenticator authenticator, SyncCallSteps sync,
                     PublishSteps publish, ExchangeAuditor auditor) {
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.sync = sync;
        this.publish = publish;
        this.auditor = auditor;
    }

    /** Starts the exchange context from the HTTP request and the operation's element. */
    public void begin(Exchange exchange) {
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        HttpServletRequest http = (HttpServletRequest) cxf.get(AbstractHTTPDestination.HTTP_REQUEST);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, Collections.list(http.getHeaders(name)));
            }
        }
        Element request = requestElement(exchange);
        byte[] body = new byte[0];
        String operation = request.getLocalName();
        if ("CallService".equals(operation)) {
            Element payload = child(request, "payload");
            Element content = payload == null ? null : firstElement(payload);
            if (content != null && "xml".equals(content.getLocalName())) {
                body = SafeXml.write(firstElement(content));
                headers.put("Content-Type", List.of("application/xml; charset=UTF-8"));
            } else if (content != null) {
                body = content.getTextContent().getBytes(StandardCharsets.UTF_8);
                headers.put("Content-Type", List.of("json".equals(content.getLocalName())
                        ? "application/json; charset=UTF-8" : "text/plain; charset=UTF-8"));
            }
        } else if ("PublishRecord".equals(operation)) {
            body = text(request, "record").getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", List.of("application/json; charset=UTF-8"));
            String key = text(request, "idempotencyKey");
            if (!key.isEmpty()) {
                headers.put("Idempotency-Key", List.of(key));
            }
        }
        String purpose = text(request, "purpose");
        if (!purpose.isEmpty()) {
            headers.put("X-Purpose", List.of(purpose));
        }
        ExchangeContext ctx = ExchangeContext.begin(http.getHeader("X-Request-Id"), "POST", http.getRequestURI(),
                headers);
        ctx.body(body);
        exchange.setProperty(ExchangeContext.PROPERTY, ctx);
        exchange.setProperty(REQUEST, request);
        catalogs.pin(exchange);
    }

    /** WS-Security UsernameToken (client id + secret) if present, else the Bearer token or API key. */
    public void authenticate(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        UsernameTokenInterceptor.UsernameToken token = (UsernameTokenInterceptor.UsernameToken)
                cxf.getExchange().get(UsernameTokenInterceptor.UsernameToken.class);
        if (token != null) {
            if (!token.plainText()) {
                throw new HubException(HubError.AUTH_INVALID, "only UsernameToken with PasswordText is accepted");
            }
            ClientCredential client = ClientAuthenticator.bySecret(token.username(), token.password(),
                    CatalogHolder.pinned(exchange)).orElseThrow(() -> new HubException(HubError.AUTH_INVALID,
                    "unknown client or wrong secret in the UsernameToken"));
            ctx.client(client);
            return;
        }
        try {
            ctx.client(authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-API-Key"),
                    CatalogHolder.pinned(exchange)));
        } catch (HubException e) {
            throw e.error() != HubError.AUTH_REQUIRED ? e : new HubException(HubError.AUTH_REQUIRED,
                    "send a WS-Security UsernameToken (client id and secret) or 'Authorization: Bearer <token>'");
        }
    }

    public void resolveService(Exchange exchange) {
        Element request = exchange.getProperty(REQUEST, Element.class);
        sync.resolveService(exchange, text(request, "provider"), text(request, "service"), "");
    }

    public void resolveTopic(Exchange exchange) {
        Element request = exchange.getProperty(REQUEST, Element.class);
        publish.resolveTopic(exchange, text(request, "publisher"), text(request, "topic"), false);
    }

    /** Calls the provider (audited by the sync step) and answers CallServiceResponse or the hub fault. */
    public void callService(Exchange exchange) throws InterruptedException {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        SyncCallSteps.ProviderOutcome outcome = sync.callProvider(ctx);
        if (outcome.failure() != null) {
            exchange.setProperty(AUDITED, Boolean.TRUE);
            throw outcome.failure();
        }
        ProviderResponse response = outcome.response();
        Document doc = SafeXml.newDocument();
        Element answer = element(doc, doc, "CallServiceResponse", null);
        element(doc, answer, "exchangeId", ctx.exchangeId());
        element(doc, answer, "status", Integer.toString(response.status()));
        String contentType = contentType(response);
        if (contentType != null) {
            element(doc, answer, "contentType", contentType);
        }
        if (response.body().length > 0) {
            Element payload = element(doc, answer, "payload", null);
            String lower = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
            if (lower.contains("xml")) {
                Element xml = element(doc, payload, "xml", null);
                xml.appendChild(doc.importNode(SafeXml.parse(response.body()).getDocumentElement(), true));
            } else {
                element(doc, payload, lower.contains("json") ? "json" : "text",
                        new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        reply(exchange, answer);
    }

    /** Publishes the record (audited by the publish step) and answers PublishRecordResponse. */
    public void publishRecord(Exchange exchange) throws Exception {
        RecordPublisher.PublishResult result = publish.publishRecords(exchange);
        Document doc = SafeXml.newDocument();
        Element answer = element(doc, doc, "PublishRecordResponse", null);
        element(doc, answer, "exchangeId", result.exchangeIds().get(0));
        element(doc, answer, "replayed", Boolean.toString(result.replayed()));
        reply(exchange, answer);
    }

    public void unknownOperation(Exchange exchange) {
        throw new HubException(HubError.NOT_FOUND, "unknown operation; the hub offers CallService and PublishRecord");
    }

    /** {@code onException}: REJECT audit (unless the call was already audited) and the hub fault as answer. */
    public void fault(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ExchangeContext ctx = ExchangeContext.find(exchange);
        HubException failure;
        if (caught instanceof HubException hub) {
            failure = hub;
        } else {
            LOG.error("Unexpected failure in SOAP exchange {}", ctx == null ? "?" : ctx.exchangeId(), caught);
            failure = new HubException(HubError.INTERNAL_ERROR, "the hub could not process the request");
        }
        String exchangeId;
        if (ctx != null) {
            exchangeId = ctx.exchangeId();
            if (exchange.getProperty(AUDITED) == null) {
                auditor.reject(ctx, failure.error(), failure.detail());
            }
        } else {
            exchangeId = vn.lgsp.hub.core.exchange.ExchangeIds.nextString();
            auditor.rejectWithoutContext(exchangeId, exchangeId, failure.error(), failure.detail(), 0);
        }
        exchange.getMessage().setBody(SoapFaults.of(failure.error(), failure.detail(), exchangeId));
    }

    private static void reply(Exchange exchange, Element answer) {
        List<Source> body = new ArrayList<>();
        body.add(new DOMSource(answer));
        exchange.getMessage().setBody(new CxfPayload<>(new ArrayList<>(), body, null));
    }

    private static String contentType(ProviderResponse response) {
        for (Map.Entry<String, List<String>> e : response.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase("Content-Type") && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Element requestElement(Exchange exchange) {
        CxfPayload<?> payload = exchange.getIn().getBody(CxfPayload.class);
        List<Element> elements = payload == null ? List.of() : (List<Element>) (List<?>) payload.getBody();
        if (elements.isEmpty()) {
            throw new HubException(HubError.MALFORMED_BODY, "the SOAP body is empty");
        }
        return elements.get(0);
    }

    private static Element element(Document doc, Node parent, String name, String text) {
        Element e = doc.createElementNS(SoapFaults.NS, "hub:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? "" : e.getTextContent().trim();
    }
}
