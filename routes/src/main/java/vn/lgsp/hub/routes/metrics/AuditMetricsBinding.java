package vn.lgsp.hub.routes.metrics;

import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.core.audit.ChainedAuditWriter;

/** Feeds every committed audit batch (size, write time) of the {@link ChainedAuditWriter} to {@link HubMetrics}. */
@Configuration
public class AuditMetricsBinding {

    public AuditMetricsBinding(ChainedAuditWriter writer, HubMetrics metrics) {
        writer.listener(metrics::auditBatch);
    }
}
