package vn.lgsp.hub.routes.http;

import io.vertx.core.http.HttpServerRequest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import vn.lgsp.hub.core.catalog.ClientCredential;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.exchange.ExchangeIds;

/**
 * What the hub knows about one inbound exchange as it moves through a flow: ids, timing, the
 * authenticated client, the resolved service and the request body. Kept as a Camel exchange property.
 */
public final class ExchangeContext {

    /** Exchange property holding the context. */
    public static final String PROPERTY = "lgsp.context";
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final String exchangeId = ExchangeIds.nextString();
    private final String requestId;
    private final long startNanos = System.nanoTime();
    private final Instant receivedAt = Instant.now();
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> requestHeaders;
    private ClientCredential client;
    private ServiceDefinition service;
    private String subPath = "";
    private byte[] body = new byte[0];
    private String purpose;
    private String subjectKeys;
    private X509Certificate[] peerCertificates;

    private ExchangeContext(String requestId, String method, String rawPath, String rawQuery,
                            Map<String, List<String>> requestHeaders) {
        this.requestId = requestId;
        this.requestHeaders = requestHeaders;
        this.method = method;
        this.rawPath = rawPath;
        this.rawQuery = rawQuery;
    }

    /**
     * Starts the context from a request: the caller's {@code X-Request-Id} is kept when it is a safe token
     * (no spaces, CR/LF or other characters that could forge log lines or headers), else a new one is made.
     */
    public static ExchangeContext begin(Exchange exchange) {
        HttpServerRequest request = exchange.getIn(HttpMessage.class).getRequest();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue());
        }
        ExchangeContext ctx = begin(request.getHeader("X-Request-Id"), request.method().name(), request.uri(), headers);
        exchange.setProperty(PROPERTY, ctx);
        ExchangeLogContext.enter(exchange, ctx.exchangeId(), ctx.requestId());
        ctx.peerCertificates = PeerCertificates.chain(request);
        ctx.body(FormBodies.isForm(request) ? FormBodies.encode(request.formAttributes())
                : exchange.getIn().getBody(byte[].class));
        return ctx;
    }

    /** Starts a context from the parts of a request. */
    public static ExchangeContext begin(String requestIdHeader, String method, String uri,
                                        Map<String, List<String>> headers) {
        String requestId = requestIdHeader != null && SAFE_REQUEST_ID.matcher(requestIdHeader).matches()
                ? requestIdHeader : ExchangeIds.nextString();
        String path = uri == null ? "/" : uri;
        String query = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        return new ExchangeContext(requestId, method, path, query, headers);
    }

    /** The context of a Camel exchange; fails if the flow did not start one. */
    public static ExchangeContext of(Exchange exchange) {
        ExchangeContext ctx = exchange.getProperty(PROPERTY, ExchangeContext.class);
        if (ctx == null) {
            throw new IllegalStateException("no exchange context: the route must start with the begin step");
        }
        return ctx;
    }

    /** The context when present, else null (for error handlers). */
    public static ExchangeContext find(Exchange exchange) {
        return exchange.getProperty(PROPERTY, ExchangeContext.class);
    }

    public String exchangeId() { return exchangeId; }
    public String requestId() { return requestId; }
    public Instant receivedAt() { return receivedAt; }
    public String method() { return method; }
    public String rawPath() { return rawPath; }
    public String rawQuery() { return rawQuery; }
    public Map<String, List<String>> requestHeaders() { return requestHeaders; }
    public ClientCredential client() { return client; }

    /** The first value of a request header (case-insensitive), or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : requestHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
    public void client(ClientCredential client) { this.client = client; }
    public ServiceDefinition service() { return service; }
    public String subPath() { return subPath; }
    public byte[] body() { return body; }
    public void body(byte[] body) { this.body = body == null ? new byte[0] : body; }

    /** The resolved service and the sub-path that follows its address. */
    public void service(ServiceDefinition service, String subPath) {
        this.service = service;
        this.subPath = subPath == null ? "" : subPath;
    }

    /** The accepted X-Purpose of a personal-data exchange, or null. */
    public String purpose() { return purpose; }
    public void purpose(String purpose) { this.purpose = purpose; }
    /** Keyed hashes of the exchange's subject ids joined with ',' (audit {@code subjectKeys}), or null. */
    public String subjectKeys() { return subjectKeys; }
    public void subjectKeys(String subjectKeys) { this.subjectKeys = subjectKeys; }

    /** The TLS client certificate chain of the connection, own certificate first, or null (not yet verified). */
    public X509Certificate[] peerCertificates() { return peerCertificates; }

    /** The consumer's agency code, or null before authentication. */
    public String consumer() {
        return client == null ? null : client.agencyCode();
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
