package vn.lgsp.hub.routes.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.http.ExchangeContext;
import vn.lgsp.hub.routes.metrics.HubMetrics;

/**
 * Writes the audit record of an inbound exchange (CALL or REJECT) from its {@link ExchangeContext}.
 * Returns only when the record is durable, so the answer never leaves before its trace.
 */
@Component
public class ExchangeAuditor {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeAuditor.class);
    private final AuditStore store;
    private final boolean enabled;
    private final HubMetrics metrics;

    /**
     * @param enabled {@code hub.audit.enabled}: false only to measure what auditing costs (bench/); a hub
     *                that does not audit its calls must never serve real traffic
     */
    public ExchangeAuditor(AuditStore store, @Value("${hub.audit.enabled:true}") boolean enabled, HubMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
        this.enabled = enabled;
        if (!enabled) {
            LOG.warn("hub.audit.enabled=false: sync calls and rejections are NOT audited (benchmark mode)");
        }
    }

    /** A call that reached the provider (or failed on the way), with the provider's status. */
    public void call(ExchangeContext ctx, int status, HubError error, String detail, byte[] response) {
        metrics.request(ctx, status, error);
        if (!enabled) {
            return;
        }
        store.append(base(AuditKind.CALL, ctx)
                .status(status)
                .code(error == null ? null : error.name())
                .detail(detail)
                .responseBytes(response == null ? 0 : response.length)
                .responseSha256(response == null || response.length == 0 ? null : Secrets.sha256Hex(response))
                .build());
    }

    /** A request refused by the hub before it reached a provider. */
    public void reject(ExchangeContext ctx, HubError error, String detail) {
        metrics.request(ctx, error.status(), error);
        if (!enabled) {
            return;
        }
        store.append(base(AuditKind.REJECT, ctx).status(error.status()).code(error.name()).detail(detail).build());
    }

    /** A rejection where no exchange context could be built (edge failures); logged if the store fails too. */
    public void rejectWithoutContext(String exchangeId, String requestId, HubError error, String detail, long bytes) {
        try {
            store.append(AuditRecord.builder(AuditKind.REJECT).exchangeId(exchangeId).requestId(requestId)
                    .status(error.status()).code(error.name()).detail(detail).requestBytes(bytes).build());
        } catch (RuntimeException e) {
            LOG.error("Cannot write the audit record of rejected exchange {}", exchangeId, e);
            throw e;
        }
    }

    private static AuditRecord.Builder base(AuditKind kind, ExchangeContext ctx) {
        ServiceDefinition service = ctx.service();
        byte[] body = ctx.body();
        return AuditRecord.builder(kind)
                .time(ctx.receivedAt())
                .exchangeId(ctx.exchangeId())
                .requestId(ctx.requestId())
                .consumer(ctx.consumer())
                .provider(service == null ? null : service.providerCode())
                .service(service == null ? null : service.code())
                .purpose(ctx.purpose())
                .subjectKeys(ctx.subjectKeys())
                .durationMs(ctx.elapsedMillis())
                .requestBytes(body.length)
                .requestSha256(body.length == 0 ? null : Secrets.sha256Hex(body));
    }
}
