package vn.lgsp.hub.routes.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.http.Problems;
import vn.lgsp.hub.routes.http.Replies;

/**
 * Turns a failed exchange into a problem+json answer and its REJECT audit record. Unexpected exceptions
 * are logged with their stack trace and answered as a plain 500 INTERNAL_ERROR: no trace reaches a client.
 */
@Component
public class ProblemResponder {

    /** Exchange property with extra problem members (e.g. validation errors, OAuth2 error). */
    public static final String EXTRA = "lgsp.problem.extra";
    /** Exchange property with extra response headers (e.g. Allow, WWW-Authenticate). */
    public static final String HEADERS = "lgsp.problem.headers";
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);
    private final ExchangeAuditor auditor;

    public ProblemResponder(ExchangeAuditor auditor) {
        this.auditor = auditor;
    }

    /** Processor for {@code onException}: answers the caught exception. */
    @SuppressWarnings("unchecked")
    public void answer(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        HubException failure;
        if (caught instanceof HubException hub) {
            failure = hub;
        } else {
            ExchangeContext known = ExchangeContext.find(exchange);
            LOG.error("Unexpected failure in exchange {}", known == null ? "?" : known.exchangeId(), caught);
            failure = new HubException(HubError.INTERNAL_ERROR, "the hub could not process the request");
        }
        ExchangeContext ctx = ExchangeContext.find(exchange);
        if (ctx == null) {
            ctx = ExchangeContext.begin(exchange);
        }
        auditor.reject(ctx, failure.error(), failure.detail());
        Map<String, List<String>> headers = exchange.getProperty(HEADERS, Map.class);
        byte[] body = Problems.render(failure.error(), failure.detail(), ctx.exchangeId(),
                exchange.getProperty(EXTRA, ObjectNode.class));
        Replies.reply(exchange, ctx, failure.error().status(), Problems.MEDIA_TYPE, body, headers);
    }
}
