package vn.lgsp.hub.routes.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.Participant;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.TopicDefinition;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * {@code GET /api/v1/catalog}: the services the authenticated caller may call and the topics it publishes or
 * subscribes to, and
 * {@code GET /api/v1/catalog/{provider}/{service}/request-schema}: a service's request schema. Nothing the
 * caller may not use is listed or served.
 */
@Component
public class CatalogApi {

    static final String PREFIX = "/api/v1/catalog";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;

    public CatalogApi(CatalogHolder catalogs, ClientAuthenticator authenticator) {
        this.catalogs = catalogs;
        this.authenticator = authenticator;
    }

    public void handle(Exchange exchange) throws IOException {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        Catalog catalog = catalogs.current();
        ctx.client(authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-API-Key"), catalog));
        if (!"GET".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, java.util.Map.of("Allow", java.util.List.of("GET")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "the catalog is read with GET");
        }
        String rest = ctx.rawPath().substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            list(exchange, ctx, catalog);
        } else if (rest.endsWith("/request-schema")) {
            schema(exchange, ctx, catalog, rest.substring(1, rest.length() - "/request-schema".length()));
        } else {
            throw new HubException(HubError.NOT_FOUND, "no such catalog resource");
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
            item.put("requestSchema", s.requestSchema() == null ? null
                    : PREFIX + "/" + s.key() + "/request-schema");
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
        int slash = key.indexOf('/');
        ServiceDefinition service = slash < 0 ? null
                : catalog.service(key.substring(0, slash), key.substring(slash + 1)).orElse(null);
        if (service == null || !catalog.mayCall(ctx.consumer(), service) || service.requestSchema() == null) {
            throw new HubException(HubError.NOT_FOUND, "no request schema you may read at this path");
        }
        Replies.reply(exchange, ctx, 200, "application/schema+json", Files.readAllBytes(service.requestSchema()), null);
    }
}
