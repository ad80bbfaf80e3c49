package vn.lgsp.hub.routes.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.http.ExchangeContext;

/**
 * The hub's own meters (Prometheus names in docs/operator-guide.md "Metrics"): department requests per
 * service and consumer with outcome and a latency histogram, published records, deliveries per
 * subscription and outcome, tokens issued, and the audit writer's batch latency and size. Tags only hold
 * catalog codes, HTTP statuses and error codes: never subject ids or free text.
 */
@Component
public class HubMetrics {

    /** Tag value when a request was refused before its service or consumer was known. */
    static final String NONE = "none";
    private final MeterRegistry registry;
    private final Timer auditBatchWrite;
    private final DistributionSummary auditBatchSize;

    public HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.auditBatchWrite = Timer.builder("hub.audit.batch.write")
                .description("Time to commit one audit batch (group commit)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        this.auditBatchSize = DistributionSummary.builder("hub.audit.batch.size").baseUnit("records")
                .description("Audit records committed per batch").register(registry);
    }

    /** A department request answered (sync call or rejection), from its exchange context. */
    public void request(ExchangeContext ctx, int status, HubError error) {
        ServiceDefinition service = ctx.service();
        String consumer = ctx.consumer();
        Timer.builder("hub.requests")
                .description("Department API requests by service, consumer and outcome")
                .tag("provider", service == null ? NONE : service.providerCode())
                .tag("service", service == null ? NONE : service.code())
                .tag("consumer", consumer == null ? NONE : consumer)
                .tag("status", Integer.toString(status))
                .tag("code", error == null ? (status < 400 ? "OK" : "PROVIDER_" + (status / 100) + "XX") : error.name())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(ctx.elapsedMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records accepted on a topic. */
    public void published(String publisher, String topic, int records) {
        Counter.builder("hub.records.published").description("Records accepted for publishing")
                .tag("publisher", publisher).tag("topic", topic).register(registry).increment(records);
    }

    /** Delivery outcomes: {@code delivered}, {@code retried} (a failed attempt to be redelivered), {@code dead_letter}. */
    public void delivery(SubscriptionDefinition subscription, String outcome) {
        Counter.builder("hub.deliveries").description("Delivery attempts by subscription and outcome")
                .tag("subscriber", subscription.subscriberCode()).tag("topic", subscription.topic())
                .tag("outcome", outcome).register(registry).increment();
    }

    /** One broker transaction of a delivery consumer: the records it took (delivered, retried, skipped). */
    public void deliveryBatch(SubscriptionDefinition subscription, int records) {
        DistributionSummary.builder("hub.delivery.batch.size").baseUnit("records")
                .description("Records per delivery consumer transaction")
                .tag("subscriber", subscription.subscriberCode()).tag("topic", subscription.topic())
                .register(registry).record(records);
    }

    /** An access token issued to a client of a participant. */
    public void tokenIssued(String agency) {
        Counter.builder("hub.tokens.issued").description("OAuth2 access tokens issued")
                .tag("consumer", agency).register(registry).increment();
    }

    /** One committed audit batch. */
    public void auditBatch(int size, long nanos) {
        auditBatchWrite.record(nanos, TimeUnit.NANOSECONDS);
        auditBatchSize.record(size);
    }
}
