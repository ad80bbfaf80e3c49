package vn.lgsp.hub.routes.async;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.exchange.HeaderPolicy;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.flow.ProviderConnectors;
import vn.lgsp.hub.routes.http.ExchangeLogContext;
import vn.lgsp.hub.routes.metrics.HubMetrics;
import vn.lgsp.hub.routes.tracing.ExchangeTracing;
import io.micrometer.tracing.Span;
import vn.lgsp.hub.routes.resilience.ProviderGuard;
import vn.lgsp.hub.routes.resilience.ProviderGuards;

/**
 * Delivery attempts of the broker messages of a {@link DeliveryBatch} to their subscriber, inside the consumer's
 * broker transaction. Per message: skip it if the database already records it as delivered (idempotent consumer);
 * otherwise send it through the subscription's connector and then either record success, throw
 * {@link RetryableDeliveryFailure} (rollback, broker redelivers with backoff) or move it to the subscription's
 * dead-letter queue in the same transaction. The attempts of a batch are counted with their outcomes in one
 * database transaction, and their audit records appended together, before the broker commit. While the subscription's circuit is open
 * ({@link ProviderGuards}) the message is rolled back before any attempt is counted: it waits in the queue.
 */
@Component
public class DeliverySteps {

    /** Audit code of a delivery that went to the dead letters. */
    public static final String DEAD_CODE = "DEAD_LETTER";
    private static final Logger LOG = LoggerFactory.getLogger(DeliverySteps.class);

    private final ExchangeStore store;
    private final ProviderConnectors connectors;
    private final AuditStore audit;
    private final HubMetrics metrics;
    private final ExchangeTracing tracing;
    private final ProviderGuards guards;
    private final TransactionTemplate transaction;

    public DeliverySteps(ExchangeStore store, ProviderConnectors connectors, AuditStore audit, HubMetrics metrics,
                         ExchangeTracing tracing, ProviderGuards guards, PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.tracing = tracing;
        this.guards = guards;
        this.store = store;
        this.connectors = connectors;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * Delivers the messages of a batch in order and records their outcomes together: one database transaction
     * for the attempts, then their audit records in one go, then (the caller) one broker commit. Stops at the
     * first attempt to be retried (recorded with the others, then thrown as {@link RetryableDeliveryFailure} so
     * the batch rolls back) and commits right after a dead letter. What was sent is recorded even when the batch
     * fails on the way (broker gone), so a message the subscriber got is not sent again.
     */
    public void deliver(DeliveryBatch batch, SubscriptionDefinition subscription) throws Exception {
        Outcomes outcomes = new Outcomes();
        try {
            Message message;
            while (outcomes.retry == null && (message = batch.next()) != null) {
                ExchangeLogContext.set(message.getStringProperty(DeliveryMessage.EXCHANGE_ID),
                        message.getStringProperty(DeliveryMessage.REQUEST_ID));
                try {
                    deliverMessage(message, batch, subscription, outcomes);
                } finally {
                    ExchangeLogContext.clear();
                }
            }
        } catch (Exception e) {
            try {
                record(outcomes, subscription);
            } catch (RuntimeException notRecorded) {
                e.addSuppressed(notRecorded);
            }
            throw e;
        }
        record(outcomes, subscription);
        metrics.deliveryBatch(subscription, batch.size());
        if (outcomes.retry != null) {
            throw outcomes.retry;
        }
    }

    /** What the attempts of a batch left to record. */
    private static final class Outcomes {
        final List<ExchangeStore.Attempt> attempts = new ArrayList<>();
        final List<AuditRecord> audit = new ArrayList<>();
        final List<String> counted = new ArrayList<>();
        RetryableDeliveryFailure retry;

        void add(ExchangeStore.Attempt attempt, AuditRecord record, String outcome) {
            attempts.add(attempt);
            if (record != null) {
                audit.add(record);
            }
            counted.add(outcome);
        }
    }

    /** The batch's attempts in one database transaction, then their audit records, then the counters. */
    private void record(Outcomes outcomes, SubscriptionDefinition subscription) {
        if (!outcomes.attempts.isEmpty()) {
            transaction.executeWithoutResult(status -> store.recordAttempts(outcomes.attempts));
            outcomes.attempts.clear();
        }
        if (!outcomes.audit.isEmpty()) {
            audit.appendAll(List.copyOf(outcomes.audit));
            outcomes.audit.clear();
        }
        outcomes.counted.forEach(outcome -> metrics.delivery(subscription, outcome));
        outcomes.counted.clear();
    }

    private void deliverMessage(Message message, DeliveryBatch batch, SubscriptionDefinition subscription,
                                Outcomes outcomes) throws Exception {
        long start = System.nanoTime();
        String messageId = message.getStringProperty(DeliveryMessage.MESSAGE_ID);
        String exchangeId = message.getStringProperty(DeliveryMessage.EXCHANGE_ID);
        ExchangeStore.Delivery row = store.deliveryOrPending(messageId, exchangeId, subscription.subscriberCode(),
                subscription.topic());
        DeliveryState state = row.state();
        if (state == DeliveryState.DELIVERED || state == DeliveryState.DISCARDED) {
            LOG.info("Message {} to {} is already {}; acknowledged without sending again", messageId,
                    subscription.subscriberCode(), state);
            if (state == DeliveryState.DELIVERED && !deliveryAudited(exchangeId, subscription)) {
                // the hub stopped between recording the delivery and auditing it: complete the trace now
                outcomes.audit.add(auditRecord(message, subscription, 200, null,
                        "recorded as delivered before a restart", 0, start));
            }
            return;
        }
        ProviderGuard.Permit permit;
        try {
            permit = guards.forSubscription(subscription).enter();
        } catch (HubException refused) {
            // circuit open (or bulkhead full): the message stays queued and no attempt is counted
            LOG.debug("Message {} to {} waits: {}", messageId, subscription.subscriberCode(), refused.detail());
            outcomes.retry = new RetryableDeliveryFailure(refused.detail());
            return;
        }
        byte[] body = DeliveryMessage.body(message);
        // counted with its outcome (one commit per batch); an attempt cut short by a crash is not counted
        int attempt = row.attempts() + 1;
        String failure;
        boolean retryable;
        int status = 0;
        Map<String, List<String>> headers = headers(message, attempt);
        ExchangeTracing.HubSpan span = tracing.start("deliver " + subscription.id(), Span.Kind.CLIENT, headers, headers,
                Map.of("hub.exchange_id", String.valueOf(exchangeId),
                        "hub.subscriber", subscription.subscriberCode(), "hub.topic", subscription.topic()));
        try {
            ProviderRequest request = new ProviderRequest("POST", "", null, headers, body);
            ProviderResponse response = permit.await(() -> connectors.forSpec(subscription.connector()).send(request));
            status = response.status();
            if (status >= 200 && status < 300) {
                outcomes.add(new ExchangeStore.Attempt(messageId, DeliveryState.DELIVERED, null),
                        auditRecord(message, subscription, status, null, null, body.length, start), "delivered");
                return;
            }
            failure = "subscriber answered HTTP " + status;
            retryable = status >= 500 || status == 408 || status == 429;
        } catch (ExecutionException e) {
            failure = e.getCause() instanceof ConnectorFailure cf ? cf.getMessage() : "delivery failed: " + e.getCause();
            retryable = true;
        } catch (RuntimeException e) {
            failure = "delivery failed: " + e;
            retryable = true;
        } finally {
            tracing.end(span, status, status >= 200 && status < 300 ? null : "DELIVERY_FAILED");
        }
        if (retryable && attempt < subscription.retry().maxAttempts()) {
            outcomes.add(new ExchangeStore.Attempt(messageId, DeliveryState.RETRYING, "attempt " + attempt + ": " + failure),
                    null, "retried");
            outcomes.retry = new RetryableDeliveryFailure(failure);
            return;
        }
        String reason = retryable ? "gave up after " + attempt + " attempts; last: " + failure
                : "not retried: " + failure;
        deadLetter(batch.session(), message, body, subscription, reason);
        outcomes.add(new ExchangeStore.Attempt(messageId, DeliveryState.DEAD, reason),
                auditRecord(message, subscription, status, DEAD_CODE, reason, body.length, start), "dead_letter");
        // committed at once: a later retry in this batch would roll the dead-letter copy back with it
        batch.end();
        LOG.warn("Message {} to {} moved to {}: {}", messageId, subscription.subscriberCode(),
                subscription.deadLetterQueueName(), reason);
    }

    private static Map<String, List<String>> headers(Message message, int attempt) throws JMSException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String contentType = message.getStringProperty(DeliveryMessage.CONTENT_TYPE);
        headers.put("Content-Type", List.of(contentType == null ? "application/json" : contentType));
        headers.put(HeaderPolicy.MESSAGE_ID, List.of(message.getStringProperty(DeliveryMessage.MESSAGE_ID)));
        headers.put(HeaderPolicy.EXCHANGE_ID, List.of(message.getStringProperty(DeliveryMessage.EXCHANGE_ID)));
        headers.put("X-Hub-Publisher", List.of(message.getStringProperty(DeliveryMessage.PUBLISHER)));
        headers.put("X-Hub-Topic", List.of(message.getStringProperty(DeliveryMessage.TOPIC)));
        headers.put("X-Hub-Attempt", List.of(Integer.toString(attempt)));
        String requestId = message.getStringProperty(DeliveryMessage.REQUEST_ID);
        if (requestId != null) {
            headers.put(HeaderPolicy.REQUEST_ID, List.of(requestId));
        }
        String traceparent = message.getStringProperty(DeliveryMessage.TRACEPARENT);
        if (traceparent != null) {
            headers.put(HeaderPolicy.TRACEPARENT, List.of(traceparent));
        }
        return headers;
    }

    /** Copies the message (body and properties) to the dead-letter queue in the consumer's transaction. */
    private static void deadLetter(Session session, Message original, byte[] body, SubscriptionDefinition subscription,
                                   String reason) throws JMSException {
        BytesMessage copy = session.createBytesMessage();
        copy.writeBytes(body);
        for (Map.Entry<String, Object> property : DeliveryMessage.hubProperties(original).entrySet()) {
            copy.setObjectProperty(property.getKey(), property.getValue());
        }
        copy.setStringProperty(DeliveryMessage.LAST_ERROR, reason);
        MessageProducer producer = session.createProducer(session.createQueue(subscription.deadLetterQueueName()));
        try {
            producer.send(copy);
        } finally {
            producer.close();
        }
    }

    private boolean deliveryAudited(String exchangeId, SubscriptionDefinition subscription) {
        return audit.find(new AuditQuery(exchangeId, null, AuditKind.DELIVERY, null, null, AuditQuery.MAX_LIMIT))
                .stream().anyMatch(r -> subscription.subscriberCode().equals(r.subscriber()));
    }

    private static AuditRecord auditRecord(Message message, SubscriptionDefinition subscription, int status, String code,
                                           String detail, long bytes, long start) throws JMSException {
        return AuditRecord.builder(AuditKind.DELIVERY)
                .exchangeId(message.getStringProperty(DeliveryMessage.EXCHANGE_ID))
                .requestId(message.getStringProperty(DeliveryMessage.REQUEST_ID))
                .provider(message.getStringProperty(DeliveryMessage.PUBLISHER))
                .topic(message.getStringProperty(DeliveryMessage.TOPIC))
                .subscriber(subscription.subscriberCode())
                .purpose(message.getStringProperty(DeliveryMessage.PURPOSE))
                .subjectKeys(message.getStringProperty(DeliveryMessage.SUBJECT_KEYS))
                .status(status).code(code).detail(detail).requestBytes(bytes)
                .durationMs((System.nanoTime() - start) / 1_000_000).build();
    }
}
