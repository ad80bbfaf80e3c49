package vn.lgsp.hub.routes.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.apidoc.ServiceOpenApi;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.Participant;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.TopicDefinition;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConsumerDocument;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.limits.TlsProperties;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * {@code GET /api/v1/catalog}: the services the authenticated caller may call (each with links to its request
 * schema, its OpenAPI document and the documents its connector offers, e.g. a WSDL) and the topics it
 * publishes or subscribes to;
 * {@code GET /api/v1/catalog/{provider}/{service}/request-schema}: a service's request schema;
 * {@code GET /api/v1/catalog/{provider}/{service}/openapi.json}: its OpenAPI 3.1 document ({@link ServiceOpenApi});
 * any other link a connector lists for the service (e.g. {@code wsdl} -> {@code .../service.wsdl}) is served
 * from {@link ConnectorRegistry#consumerDocument}.
 * Nothing the caller may not use is listed or served.
 */
@Component
public class CatalogApi {

    static final String PREFIX = "/api/v1/catalog";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_SCHEMA = "/request-schema";
    private static final String OPENAPI = "/openapi.json";
    /** A Host header fit to be echoed into a document: a DNS name or IP literal and an optional port. */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");
    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final ConnectorRegistry connectors;
    private final String scheme;

    public CatalogApi(CatalogHolder catalogs, ClientAuthenticator authenticator, ConnectorRegistry connectors,
                      TlsProperties tls) {
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.connectors = connectors;
        this.scheme = tls.isEnabled() ? "https" : "http";
    }

    public void handle(Exchange exchange) throws IOException {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        Catalog catalog = catalogs.current();
        ctx.client(authenticator.authenticate(ctx, catalog));
        if (!"GET".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, java.util.Map.of("Allow", java.util.List.of("GET")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "the catalog is read with GET");
        }
        String rest = ctx.rawPath().substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            list(exchange, ctx, catalog);
        } else if (rest.endsWith(REQUEST_SCHEMA)) {
            schema(exchange, ctx, catalog, rest.substring(1, rest.length() - REQUEST_SCHEMA.length()));
        } else if (rest.endsWith(OPENAPI)) {
            openApi(exchange, ctx, catalog, rest.substring(1, rest.length() - OPENAPI.length()));
        } else {
            connectorDocument(exchange, ctx, catalog, rest);
        }
    }

    private void list(Exchange exchange, ExchangeContext ctx, Catalog catalog) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("consumer", ctx.consumer());
        ArrayNode services = answer.putArray("services");
        for (ServiceDefinition s : catalog.servicesCallableBy(ctx.consumer())) {
            ObjectNode item = services.addObject();
            item.put("provider", s.providerCode());
            item.put("providerName", catalog.participant(s.providerCode()).map(p -> p.name()).orElse(null));
            item.put("service", s.code());
            item.put("name", s.name());
            item.put("version", s.version());
            item.put("address", "/api/v1/services/" + s.key());
            s.methods().stream().sorted().forEach(item.putArray("methods")::add);
            item.put("requestSchema", s.requestSchema() == null ? null : PREFIX + "/" + s.key() + REQUEST_SCHEMA);
            item.put("openApi", PREFIX + "/" + s.key() + OPENAPI);
            Map<String, String> links = connectors.consumerLinks(s.connector(), s.key());
            item.put("wsdl", links.get("wsdl"));
            if (!links.isEmpty()) {
                ObjectNode more = item.putObject("links");
                links.forEach(more::put);
            }
            item.put("publishedPath", s.publishedPath());
            if (s.personalData() != null) {
                s.personalData().purposes().forEach(item.putArray("purposes")::add);
            }
        }
        ArrayNode topics = answer.putArray("topics");
        for (Participant publisher : catalog.participants()) {
            for (TopicDefinition t : publisher.topics()) {
                boolean publishes = t.publisherCode().equals(ctx.consumer());
                boolean subscribed = catalog.subscriptionsOf(t.key()).stream()
                        .anyMatch(s -> s.subscriberCode().equals(ctx.consumer()));
                if (!publishes && !subscribed) {
                    continue;
                }
                ObjectNode item = topics.addObject();
                item.put("publisher", t.publisherCode());
                item.put("publisherName", publisher.name());
                item.put("topic", t.code());
                item.put("role", publishes ? "publisher" : "subscriber");
                if (publishes) {
                    item.put("records", "/api/v1/topics/" + t.key() + "/records");
                }
            }
        }
        Replies.reply(exchange, ctx, 200, "application/json", JSON.writeValueAsBytes(answer), null);
    }

    private void schema(Exchange exchange, ExchangeContext ctx, Catalog catalog, String key) throws IOException {
        ServiceDefinition service = callable(ctx, catalog, key);
        if (service == null || service.requestSchema() == null) {
            throw new HubException(HubError.NOT_FOUND, "no request schema you may read at this path");
        }
        Replies.reply(exchange, ctx, 200, "application/schema+json", Files.readAllBytes(service.requestSchema()), null);
    }

    private void openApi(Exchange exchange, ExchangeContext ctx, Catalog catalog, String key) throws IOException {
        ServiceDefinition service = callable(ctx, catalog, key);
        if (service == null) {
            throw new HubException(HubError.NOT_FOUND, "no service you may call at this path");
        }
        JsonNode schema = service.requestSchema() == null ? null : JSON.readTree(Files.readAllBytes(service.requestSchema()));
        String providerName = catalog.participant(service.providerCode()).map(p -> p.name()).orElse(null);
        ObjectNode document = ServiceOpenApi.document(service, providerName, schema,
                connectors.consumerLinks(service.connector(), service.key()));
        Replies.reply(exchange, ctx, 200, "application/json", JSON.writeValueAsBytes(document), null);
    }

    /** A document a service's connector lists among its links, at {@code /{provider}/{service}/{file}}. */
    private void connectorDocument(Exchange exchange, ExchangeContext ctx, Catalog catalog, String rest) {
        int last = rest.lastIndexOf('/');
        ServiceDefinition service = last <= 0 ? null : callable(ctx, catalog, rest.substring(1, last));
        String path = PREFIX + rest;
        String name = service == null ? null : connectors.consumerLinks(service.connector(), service.key())
                .entrySet().stream().filter(link -> link.getValue().equals(path)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        ConsumerDocument document;
        try {
            document = name == null ? null
                    : connectors.consumerDocument(service.connector(), serviceUrl(ctx, service), name).orElse(null);
        } catch (ConnectorFailure e) {
            // the cause (a file path or the provider's address) stays in the hub's log
            throw new HubException(HubError.PROVIDER_UNAVAILABLE, "the provider's " + name + " cannot be read now");
        }
        if (document == null) {
            throw new HubException(HubError.NOT_FOUND, "no such catalog resource");
        }
        Replies.reply(exchange, ctx, 200, document.mediaType(), document.content(), null);
    }

    /** The service's address as this caller reaches the hub; a path only when the Host header is unusable. */
    private String serviceUrl(ExchangeContext ctx, ServiceDefinition service) {
        String path = "/api/v1/services/" + service.key();
        String host = ctx.header("Host");
        return host != null && HOST.matcher(host).matches() ? scheme + "://" + host + path : path;
    }

    /** The service at {@code provider/service} when the caller may call it, else null. */
    private static ServiceDefinition callable(ExchangeContext ctx, Catalog catalog, String key) {
        int slash = key.indexOf('/');
        ServiceDefinition service = slash < 0 ? null
                : catalog.service(key.substring(0, slash), key.substring(slash + 1)).orElse(null);
        return service != null && catalog.mayCall(ctx.consumer(), service) ? service : null;
    }
}
