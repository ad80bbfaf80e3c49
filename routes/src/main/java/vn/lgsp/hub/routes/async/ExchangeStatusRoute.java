package vn.lgsp.hub.routes.async;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.flow.HubRouteBuilder;
import vn.lgsp.hub.routes.flow.ProblemResponder;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.Replies;
import vn.lgsp.hub.routes.security.ClientAuthenticator;

/**
 * {@code GET /api/v1/exchanges/{exchangeId}}: the status of a published record, for its publisher only
 * (others get 404, as if it did not exist). Operators use {@code /ops/v1/exchanges/{id}}.
 */
@Component
public class ExchangeStatusRoute extends HubRouteBuilder {

    private static final String PREFIX = "/api/v1/exchanges/";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CatalogHolder catalogs;
    private final ClientAuthenticator authenticator;
    private final ExchangeStatus status;

    public ExchangeStatusRoute(ProblemResponder problems, CatalogHolder catalogs, ClientAuthenticator authenticator,
                               ExchangeStatus status) {
        super(problems);
        this.catalogs = catalogs;
        this.authenticator = authenticator;
        this.status = status;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:/api/v1/exchanges?matchOnUriPrefix=true&" + INBOUND_OPTIONS)
                .routeId("exchange-status")
                .process(this::answer).id("read-status");
    }

    private void answer(Exchange exchange) throws Exception {
        ExchangeContext ctx = ExchangeContext.begin(exchange);
        ctx.client(authenticator.authenticate(ctx, catalogs.current()));
        if (!"GET".equals(ctx.method())) {
            exchange.setProperty(ProblemResponder.HEADERS, java.util.Map.of("Allow", java.util.List.of("GET")));
            throw new HubException(HubError.METHOD_NOT_ALLOWED, "the status of an exchange is read with GET");
        }
        String id = ctx.rawPath().startsWith(PREFIX) ? ctx.rawPath().substring(PREFIX.length()) : "";
        ExchangeStatus.Status found = status.of(id)
                .filter(s -> s.publisher().equals(ctx.consumer()))
                .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no exchange '" + id + "' of yours"));
        Replies.reply(exchange, ctx, 200, "application/json", JSON.writeValueAsBytes(found), null);
    }
}
