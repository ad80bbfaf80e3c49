package vn.lgsp.hub.routes.ops;

import java.security.Principal;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.connector.ProbeResult;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.flow.ProviderConnectors;

/**
 * {@code POST /ops/v1/services/{provider}/{service}:probe} (role operator): asks the service's connector
 * whether the provider is reachable and accepts the hub's credentials (connector-defined; by default a
 * {@code HEAD} request), and reports the verdict and latency. The probe bypasses suspension and circuit
 * state, sends no consumer data, and is audited (kind OPS, code PROBE).
 */
@RestController
@RequestMapping("/ops/v1")
public class OpsProbeController {

    /** Longest wait for a connector's verdict (connectors enforce their own, shorter, timeouts). */
    static final long MAX_WAIT_SECONDS = 120;
    private final CatalogHolder catalogs;
    private final ProviderConnectors connectors;
    private final AuditStore audit;

    public OpsProbeController(CatalogHolder catalogs, ProviderConnectors connectors, AuditStore audit) {
        this.catalogs = catalogs;
        this.connectors = connectors;
        this.audit = audit;
    }

    /** The probe's report. */
    public record ProbeReport(String provider, String service, String connectorType, String outcome, boolean ok,
                              Integer status, long latencyMs, String detail, Instant probedAt, String exchangeId) {
    }

    @PostMapping(path = "/services/{provider}/{service}:probe", produces = "application/json")
    public ProbeReport probe(@PathVariable String provider, @PathVariable String service, Principal operator)
            throws InterruptedException {
        ServiceDefinition definition = catalogs.current().service(provider, service).orElseThrow(() ->
                new HubException(HubError.SERVICE_NOT_FOUND, "no service '" + service + "' of provider '" + provider + "'"));
        Instant probedAt = Instant.now();
        long start = System.nanoTime();
        ProbeResult result;
        try {
            result = connectors.forSpec(definition.connector()).probe().get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            result = ProbeResult.fromFailure(e.getCause());
        } catch (TimeoutException e) {
            result = new ProbeResult(ProbeResult.Outcome.TIMEOUT, null, "no verdict within " + MAX_WAIT_SECONDS + " s");
        } catch (RuntimeException e) {
            result = ProbeResult.fromFailure(e);
        }
        long latencyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String exchangeId = ExchangeIds.nextString();
        audit.append(AuditRecord.builder(AuditKind.OPS).time(probedAt).exchangeId(exchangeId)
                .consumer(operator.getName()).provider(definition.providerCode()).service(definition.code())
                .status(result.status() == null ? 0 : result.status()).code("PROBE").durationMs(latencyMs)
                .detail("probe of " + definition.key() + ": " + result.outcome() + " - " + result.detail())
                .build());
        return new ProbeReport(definition.providerCode(), definition.code(), definition.connector().type(),
                result.outcome().name(), result.ok(), result.status(), latencyMs, result.detail(), probedAt, exchangeId);
    }
}
