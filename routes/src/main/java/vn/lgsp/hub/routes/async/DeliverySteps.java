package vn.lgsp.hub.routes.async;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
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
 * One delivery attempt of a broker message to its subscriber, inside the consumer's broker transaction:
 * skip it if the database already records it as delivered (idempotent consumer); otherwise count the
 * attempt, send through the subscription's connector, and then either record success, throw
 * {@link RetryableDeliveryFailure} (rollback, broker redelivers with backoff) or move it to the
 * subscription's dead-letter queue in the same transaction. While the subscription's circuit is open
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

    public DeliverySteps(ExchangeStore store, ProviderConnectors connectors, AuditStore audit, HubMetrics metrics,
                         ExchangeTracing tracing, ProviderGuards guards) {
        this.tracing = tracing;
        this.guards = guards;
        this.store = store;
        this.connectors = connectors;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** Delivers the exchange's JMS message for the given subscription (its ids in the log MDC meanwhile). */
    public void deliver(Exchange exchange, SubscriptionDefinition subscription) throws Exception {
        Message message = exchange.getIn(JmsMessage.class).getJmsMessage();
        ExchangeLogContext.set(message.getStringProperty(DeliveryMessage.EXCHANGE_ID),
                message.getStringProperty(DeliveryMessage.REQUEST_ID));
        try {
            deliverMessage(exchange, subscription);
        } finally {
            ExchangeLogContext.clear();
        }
    }

    private void deliverMessage(Exchange exchange, SubscriptionDefinition subscription) throws Exception {
        long start = System.nanoTime();
        JmsMessage in = exchange.getIn(JmsMessage.class);
        Message message = in.getJmsMessage();
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
                audit(message, subscription, 200, null, "recorded as delivered before a restart", 0, start);
            }
            return;
        }
        ProviderGuard.Permit permit;
        try {
            permit = guards.forSubscription(subscription).enter();
        } catch (HubException refused) {
            // circuit open (or bulkhead full): the message stays queued and no attempt is counted
            LOG.debug("Message {} to {} waits: {}", messageId, subscription.subscriberCode(), refused.detail());
            throw new RetryableDeliveryFailure(refused.detail());
        }
        byte[] body = DeliveryMessage.body(message);
        // counted with its outcome (one commit per attempt); an attempt cut short by a crash is not counted
        int attempt = row.attempts() + 1;
        String failure;
        boolean retryable;
        int status = 0;
        Map<String, List<String>> headers = headers(message, attempt);
        ExchangeTracing.HubSpan span = tracing.start("deliver " + subscription.id(), Span.Kind.CLIENT, headers, headers,
                Map.of("hub.exchange_id", String.valueOf(message.getStringProperty(DeliveryMessage.EXCHANGE_ID)),
                        "hub.subscriber", subscription.subscriberCode(), "hub.topic", subscription.topic()));
        try {
            ProviderRequest request = new ProviderRequest("POST", "", null, headers, body);
            ProviderResponse response = permit.await(() -> connectors.forSpec(subscription.connector()).send(request));
            status = response.status();
            if (status >= 200 && status < 300) {
                store.recordAttempt(messageId, DeliveryState.DELIVERED, null);
                audit(message, subscription, status, null, null, body.length, start);
                metrics.delivery(subscription, "delivered");
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
            store.recordAttempt(messageId, DeliveryState.RETRYING, "attempt " + attempt + ": " + failure);
            metrics.delivery(subscription, "retried");
            throw new RetryableDeliveryFailure(failure);
        }
        String reason = retryable ? "gave up after " + attempt + " attempts; last: " + failure
                : "not retried: " + failure;
        deadLetter(in.getJmsSession(), message, body, subscription, reason);
        store.recordAttempt(messageId, DeliveryState.DEAD, reason);
        audit(message, subscription, status, DEAD_CODE, reason, body.length, start);
        metrics.delivery(subscription, "dead_letter");
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

    private void audit(Message message, SubscriptionDefinition subscription, int status, String code, String detail,
                       long bytes, long start) throws JMSException {
        audit.append(AuditRecord.builder(AuditKind.DELIVERY)
                .exchangeId(message.getStringProperty(DeliveryMessage.EXCHANGE_ID))
                .requestId(message.getStringProperty(DeliveryMessage.REQUEST_ID))
                .provider(message.getStringProperty(DeliveryMessage.PUBLISHER))
                .topic(message.getStringProperty(DeliveryMessage.TOPIC))
                .subscriber(subscription.subscriberCode())
                .purpose(message.getStringProperty(DeliveryMessage.PURPOSE))
                .subjectKeys(message.getStringProperty(DeliveryMessage.SUBJECT_KEYS))
                .status(status).code(code).detail(detail).requestBytes(bytes)
                .durationMs((System.nanoTime() - start) / 1_000_000).build());
    }
}
