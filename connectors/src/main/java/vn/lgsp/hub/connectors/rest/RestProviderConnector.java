package vn.lgsp.hub.connectors.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.WebClientOptions;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProbeResult;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/**
 * A {@code rest} connector: sends each {@link ProviderRequest} to the provider's URL with a pooled Vert.x
 * {@link WebClient} (HTTP/1.1, keep-alive, {@code max-connections} connections, redirects passed back rather
 * than followed, bodies passed through as bytes).
 *
 * <p>Failures: no answer within {@code timeout} completes the future with a {@link ConnectorFailure} of kind
 * {@code TIMEOUT}; refused, reset or closed connections, unknown hosts, connect timeouts, TLS errors and
 * malformed answers with kind {@code UNAVAILABLE}. Errors in building the request itself (a hub bug, such as
 * an illegal header value, or use after {@link #close()}) complete it with that exception unchanged.
 *
 * <p>Futures complete on an event-loop thread of {@link ConnectorVertx}: callers may block on them from their
 * own threads, but must not block inside dependent stages attached with the non-async {@code then...} methods.
 */
public final class RestProviderConnector implements ProviderConnector {

    /**
     * Idle pooled connections are closed after this many seconds: below the 5 s keep-alive timeout of common
     * servers (Node.js, Apache httpd), so a connection the provider is closing is rarely reused.
     */
    static final int KEEP_ALIVE_SECONDS = 4;

    private final RestConnectorConfig config;
    private final Vertx vertx;
    private final WebClient client;

    /** A connector on the shared {@link ConnectorVertx} instance. */
    public RestProviderConnector(RestConnectorConfig config) {
        this(config, ConnectorVertx.get());
    }

    /** A connector on the given Vert.x instance (which must not be the inbound server's). */
    public RestProviderConnector(RestConnectorConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        WebClientOptions options = new WebClientOptions();
        if (config.ssl()) {
            // certificates and host names are verified; a trust store replaces the JVM's default CAs
            options.setVerifyHost(true).setTrustAll(false);
            if (config.trustStore() != null) {
                options.setTrustOptions(new PfxOptions().setPath(config.trustStore().toString())
                        .setPassword(config.trustStorePassword()));
            }
        }
        this.client = WebClient.create(vertx, options
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setMaxPoolSize(config.maxConnections())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setSsl(config.ssl())
                .setFollowRedirects(false)
                .setUserAgentEnabled(false)
                .setDecompressionSupported(false));
    }

    @Override
    public CompletableFuture<ProviderResponse> send(ProviderRequest request) {
        return send(request, null);
    }

    /**
     * A {@code HEAD} request to the connector's URL, whatever {@code method} is configured: a fixed
     * {@code POST} must not be sent with an empty body to a provider just to see whether it is up.
     */
    @Override
    public CompletableFuture<ProbeResult> probe() {
        return send(new ProviderRequest("HEAD", "", null, Map.of(), new byte[0]), "HEAD")
                .handle((response, failure) -> failure == null ? ProbeResult.fromStatus(response.status())
                        : ProbeResult.fromFailure(failure));
    }

    /**
     * Sends a request with the given method, whatever {@code method} is configured (probes send {@code HEAD});
     * null uses the usual choice.
     */
    public CompletableFuture<ProviderResponse> send(ProviderRequest request, String forcedMethod) {
        CompletableFuture<ProviderResponse> result = new CompletableFuture<>();
        long timeoutMs = config.timeout().toMillis();
        // HttpRequest.timeout bounds the wait for a pooled connection and each silence on the wire; this timer
        // bounds the whole answer, so a provider trickling bytes cannot hold the consumer past the timeout.
        long timer = vertx.setTimer(timeoutMs, id -> result.completeExceptionally(RestFailures.timeout(timeoutMs,
                new TimeoutException("no complete answer from " + config.authority() + " within " + timeoutMs
                        + " ms"))));
        Future<HttpResponse<Buffer>> sent;
        try {
            HttpRequest<Buffer> http = build(request, forcedMethod, timeoutMs);
            byte[] body = request.body();
            sent = body.length == 0 ? http.send() : http.sendBuffer(Buffer.buffer(body));
        } catch (RuntimeException e) { // a hub-side error, e.g. IllegalStateException "Client is closed"
            vertx.cancelTimer(timer);
            result.completeExceptionally(e);
            return result;
        }
        sent.onComplete(ar -> {
            vertx.cancelTimer(timer);
            try {
                if (ar.succeeded()) {
                    result.complete(toResponse(ar.result()));
                } else {
                    result.completeExceptionally(RestFailures.map(ar.cause(), config.authority(), config.host(),
                            timeoutMs, config.connectTimeout().toMillis()));
                }
            } catch (RuntimeException | Error e) { // never leave the caller waiting forever
                result.completeExceptionally(e);
                throw e;
            }
        });
        return result;
    }

    private HttpRequest<Buffer> build(ProviderRequest request, String forcedMethod, long timeoutMs) {
        String method = forcedMethod != null ? forcedMethod
                : config.method() != null ? config.method() : request.method().toUpperCase(Locale.ROOT);
        HttpRequest<Buffer> http = client.request(HttpMethod.valueOf(method), config.port(), config.host(),
                        requestUri(request))
                .ssl(config.ssl())
                .timeout(timeoutMs);
        MultiMap headers = http.headers();
        request.headers().forEach((name, values) -> {
            if (!RestConnectorConfig.MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && values != null) {
                for (String value : values) {
                    headers.add(name, value);
                }
            }
        });
        config.headers().forEach(headers::set);
        return http;
    }

    /** Base path + sub-path (one slash between them) + raw query, all passed through without re-encoding. */
    String requestUri(ProviderRequest request) {
        String base = config.basePath();
        String sub = request.subPath();
        StringBuilder uri = new StringBuilder(base.length() + sub.length() + 16);
        uri.append(base);
        if (!sub.isEmpty()) {
            boolean baseSlash = base.endsWith("/");
            boolean subSlash = sub.startsWith("/");
            if (baseSlash && subSlash) {
                uri.append(sub, 1, sub.length());
            } else if (!baseSlash && !subSlash) {
                uri.append('/').append(sub);
            } else {
                uri.append(sub);
            }
        }
        if (uri.length() == 0 || uri.charAt(0) != '/') {
            uri.insert(0, '/');
        }
        String query = request.rawQuery();
        if (query != null && !query.isEmpty()) {
            uri.append('?').append(query);
        }
        return uri.toString();
    }

    private static ProviderResponse toResponse(HttpResponse<Buffer> response) {
        // group values of the same header (names compared without case), keeping the first spelling seen
        Map<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : response.headers()) {
            String name = spelling.computeIfAbsent(e.getKey(), k -> k);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        Buffer body = response.body();
        return new ProviderResponse(response.statusCode(), headers, body == null ? new byte[0] : body.getBytes());
    }

    /** Closes the pooled connections of this connector (the shared Vert.x instance stays up). */
    @Override
    public void close() {
        client.close();
    }
}
