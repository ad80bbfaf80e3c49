package vn.lgsp.hub.routes.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.RequestSchema;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.exchange.HeaderPolicy;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.JsonBodies;
import vn.lgsp.hub.routes.http.Problems;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.privacy.PersonalDataSteps;
import vn.lgsp.hub.routes.resilience.ProviderGuard;
import vn.lgsp.hub.routes.resilience.ProviderGuards;
import vn.lgsp.hub.routes.security.ClientAuthenticator;
import vn.lgsp.hub.routes.tracing.ExchangeTracing;
import vn.lgsp.hub.routes.control.RouteControl;
import io.micrometer.tracing.Span;

/**
 * The steps of a synchronous call, each a Camel processor method used by {@link SyncCallRoute}:
 * begin, authenticate, resolve, authorize, check the body, forward and answer (auditing before answering).
 */
@Component
public class SyncCallSteps {

    private static final String SERVICES_PREFIX = "/api/v1/services/";
    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final ProviderConnectors connectors;
    private final ExchangeAuditor auditor;
    private final PersonalDataSteps personalData;
    private final ExchangeTracing tracing;
    private final RouteControl routeControl;
    private final ProviderGuards guards;

    public SyncCallSteps(CatalogHolder catalogs, ClientAuthenticator authenticator, ProviderConnectors connectors,
                         ExchangeAuditor auditor, PersonalDataSteps personalData, ExchangeTracing tracing,
                         RouteControl routeControl, ProviderGuards guards) {
        this.tracing = tracing;
        this.routeControl = routeControl;
        this.guards = guards;
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.connectors = connectors;
        this.auditor = auditor;
        this.personalData = personalData;
    }

    public void begin(Exchange exchange) {
        ExchangeContext.begin(exchange);
        catalogs.pin(exchange);
    }

    public void authenticate(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        ctx.client(authenticator.authenticate(ctx, catalog(exchange)));
    }

    public void resolve(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        String path = ctx.rawPath();
        rejectUnsafePath(path);
        Catalog catalog = catalog(exchange);
        if (path.startsWith(SERVICES_PREFIX)) {
            String rest = path.substring(SERVICES_PREFIX.length());
            int slash = rest.indexOf('/');
            int next = slash < 0 ? -1 : rest.indexOf('/', slash + 1);
            String provider = slash < 0 ? rest : rest.substring(0, slash);
            String service = slash < 0 ? "" : next < 0 ? rest.substring(slash + 1) : rest.substring(slash + 1, next);
            resolveService(exchange, provider, service, next < 0 ? "" : rest.substring(next));
            return;
        } else {
            Catalog.PublishedMatch match = catalog.byPublishedPath(path).orElseThrow(() -> new HubException(
                    HubError.NOT_FOUND, "nothing is served at this path; services are under /api/v1/services/"));
            ctx.service(match.service(), match.subPath());
        }
        checkMethod(exchange, ctx);
    }

    /** Resolves a service by its address (404 SERVICE_NOT_FOUND) and checks the method; also used by SOAP. */
    public void resolveService(Exchange exchange, String provider, String service, String subPath) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        ServiceDefinition found = catalog(exchange).service(provider, service).orElseThrow(() -> new HubException(
                HubError.SERVICE_NOT_FOUND, "no service '" + service + "' of provider '" + provider + "'"));
        ctx.service(found, subPath);
        checkMethod(exchange, ctx);
    }

    private static void checkMethod(Exchange exchange, ExchangeContext ctx) {
        if (!ctx.service().methods().contains(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS,
                    Map.of("Allow", List.of(String.join(", ", ctx.service().methods()))));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, ctx.method() + " is not accepted by "
                    + ctx.service().key() + " (accepted: " + String.join(", ", ctx.service().methods()) + ")");
        }
    }

    /** The consumer may call the service (else 403 ACCESS_DENIED) and it is not suspended (else 503 SUSPENDED). */
    public void authorize(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        if (!catalog(exchange).mayCall(ctx.consumer(), ctx.service())) {
            throw new HubException(HubError.ACCESS_DENIED,
                    ctx.consumer() + " is not allowed to call " + ctx.service().key());
        }
        routeControl.checkCallable(ctx.service());   // 503 SUSPENDED while an operator suspended it
    }

    public void checkBody(Exchange exchange) {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        RequestSchema schema = catalog(exchange).requestSchema(ctx.service()).orElse(null);
        byte[] body = ctx.body();
        String contentType = ctx.header("Content-Type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE, "multipart bodies are not accepted on the sync path");
        }
        if (body.length == 0) {
            if (schema != null && List.of("POST", "PUT", "PATCH").contains(ctx.method())) {
                throw new HubException(HubError.VALIDATION_FAILED, "a JSON body is required by this service");
            }
            return;
        }
        if (contentType == null || contentType.isBlank()) {
            throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE, "a request with a body needs a Content-Type");
        }
        boolean json = JsonBodies.isJson(contentType);
        if (schema != null && !json) {
            throw new HubException(HubError.UNSUPPORTED_MEDIA_TYPE,
                    ctx.service().key() + " accepts application/json, not " + contentType);
        }
        if (!json) {
            return;
        }
        JsonNode parsed = JsonBodies.parse(body);
        if (schema != null) {
            JsonBodies.validate(exchange, schema, parsed, ctx.service().key());
        }
    }

    public void forward(Exchange exchange) throws InterruptedException {
        ExchangeContext ctx = ExchangeContext.of(exchange);
        ProviderOutcome outcome;
        try {
            outcome = callProvider(ctx);
        } catch (HubException refused) {
            if (refused.error() == HubError.CIRCUIT_OPEN) {
                long retryAfter = Math.max(1, guards.forService(ctx.service()).remainingOpen().toSeconds());
                exchange.setProperty(ProblemResponder.HEADERS, Map.of("Retry-After", List.of(Long.toString(retryAfter))));
            }
            throw refused;
        }
        if (outcome.failure() != null) {
            HubException failure = outcome.failure();
            byte[] body = Problems.render(failure.error(), failure.detail(), ctx.exchangeId(), null);
            Replies.reply(exchange, ctx, failure.error().status(), Problems.MEDIA_TYPE, body, null);
            return;
        }
        Replies.reply(exchange, ctx, outcome.response().status(), null, outcome.response().body(),
                HeaderPolicy.toConsumer(outcome.response().headers()));
    }

    /** What a provider call gave: the provider's response, or the hub's failure (already audited). */
    public record ProviderOutcome(ProviderResponse response, HubException failure) {
    }

    /**
     * Calls the provider of the resolved service and writes the CALL audit record; a refusal by the connector
     * before anything was sent (4xx, e.g. unmappable JSON) is thrown as a {@link HubException}. Also used by SOAP.
     */
    public ProviderOutcome callProvider(ExchangeContext ctx) throws InterruptedException {
        ServiceDefinition service = ctx.service();
        Map<String, List<String>> headers = HeaderPolicy.toProvider(ctx.requestHeaders(),
                new HeaderPolicy.HubHeaders(ctx.consumer(), ctx.exchangeId(), ctx.exchangeId(), ctx.requestId()));
        // an open circuit or a full bulkhead is refused here, before anything is sent (CIRCUIT_OPEN, PROVIDER_BUSY)
        ProviderGuard.Permit permit = guards.forService(service).enter();
        ExchangeTracing.HubSpan span = tracing.start("call " + service.key(), Span.Kind.CLIENT, ctx.requestHeaders(),
                headers, Map.of("hub.exchange_id", ctx.exchangeId(), "hub.consumer", ctx.consumer()));
        ProviderRequest request = new ProviderRequest(ctx.method(), ctx.subPath(), ctx.rawQuery(), headers, ctx.body());
        ProviderResponse response;
        try {
            response = permit.await(() -> connectors.forSpec(service.connector()).send(request));
        } catch (RuntimeException e) {
            tracing.end(span, HubError.INTERNAL_ERROR.status(), HubError.INTERNAL_ERROR.name());
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HubException refused && refused.error().status() < 500) {
                throw refused; // the connector refused the request before sending it (e.g. unmappable JSON)
            }
            HubException failure = providerFailure(service, e.getCause());
            tracing.end(span, failure.error().status(), failure.error().name());
            personalData.called(ctx, null);
            auditor.call(ctx, failure.error().status(), failure.error(), failure.detail(), null);
            return new ProviderOutcome(null, failure);
        }
        tracing.end(span, response.status(), null);
        personalData.called(ctx, response);
        auditor.call(ctx, response.status(), null, null, response.body());
        return new ProviderOutcome(response, null);
    }

    private static HubException providerFailure(ServiceDefinition service, Throwable cause) {
        if (cause instanceof HubException answered) {
            return answered; // e.g. 502 PROVIDER_FAULT with the provider's fault string
        }
        if (cause instanceof ConnectorFailure failure) {
            return failure.kind() == ConnectorFailure.Kind.TIMEOUT
                    ? new HubException(HubError.PROVIDER_TIMEOUT, service.key() + ": " + failure.getMessage())
                    : new HubException(HubError.PROVIDER_UNAVAILABLE, service.key() + ": " + failure.getMessage());
        }
        return new HubException(HubError.PROVIDER_UNAVAILABLE, service.key() + ": the provider could not be reached");
    }

    private static void rejectUnsafePath(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("/../") || lower.endsWith("/..") || lower.contains("/./") || lower.endsWith("/.")
                || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")
                || lower.contains("//") || lower.contains("%25") || lower.contains("%00") || lower.contains("%0a")
                || lower.contains("%0d")) {
            throw new HubException(HubError.INVALID_REQUEST, "dot segments, empty segments, encoded slashes, "
                    + "encoded '%' and encoded control characters are not allowed in service paths");
        }
    }

    private static Catalog catalog(Exchange exchange) {
        return CatalogHolder.pinned(exchange);
    }
}
