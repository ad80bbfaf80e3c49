package vn.lgsp.hub.routes.async;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;

/**
 * Subscriptions removed from the catalog whose deliveries are still open: their queues keep the messages
 * (nothing is lost by editing a file) until an operator discards them here. Discarding takes every message
 * from the subscription's queue and dead-letter queue in batches — per batch the deliveries are marked
 * {@code DISCARDED} in the database, each discarded delivery is audited (kind OPS, code {@code DISCARD}),
 * then the broker transaction commits — and finally removes both queues. A subscription still in this
 * node's catalog, or whose queue another node still consumes, is refused ({@code 409 CONFLICT}).
 */
@Component
public class RetiredSubscriptions {

    /** A subscription no longer in the catalog, with its open deliveries. */
    public record Retired(String subscriber, String topic, long pending, long retrying, long dead, String queue,
                          String deadLetterQueue) {
    }

    /** What a discard removed. */
    public record Discarded(String subscriber, String topic, int fromQueue, int fromDeadLetters, int deliveriesMarked,
                            long left) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RetiredSubscriptions.class);
    private static final Pattern SUBSCRIBER = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,64}/[A-Za-z0-9._-]{1,63}");
    private static final int BATCH = 500;
    private static final long FIRST_WAIT_MS = 1000;
    private static final long NEXT_WAIT_MS = 100;
    private final ConnectionFactory connectionFactory;
    private final BrokerManagement management;
    private final RetiredDeliveries deliveries;
    private final TransactionTemplate transaction;
    private final CatalogHolder catalogs;
    private final AuditStore audit;

    public RetiredSubscriptions(ConnectionFactory connectionFactory, BrokerManagement management,
                                RetiredDeliveries deliveries, PlatformTransactionManager transactions,
                                CatalogHolder catalogs, AuditStore audit) {
        this.connectionFactory = connectionFactory;
        this.management = management;
        this.deliveries = deliveries;
        this.transaction = new TransactionTemplate(transactions);
        this.catalogs = catalogs;
        this.audit = audit;
    }

    /** Subscriptions with open deliveries that are not in the catalog in force. */
    public List<Retired> list() {
        return deliveries.open().stream().filter(open -> !inCatalog(open.subscriber(), open.topic()))
                .map(open -> new Retired(open.subscriber(), open.topic(), open.pending(), open.retrying(), open.dead(),
                        SubscriptionDefinition.queueName(open.subscriber(), open.topic()),
                        SubscriptionDefinition.deadLetterQueueName(open.subscriber(), open.topic())))
                .toList();
    }

    /** Discards every message of a retired subscription and removes its queues. */
    public Discarded discard(String subscriber, String topic, String operator) {
        if (subscriber == null || !SUBSCRIBER.matcher(subscriber).matches() || topic == null
                || !TOPIC.matcher(topic).matches()) {
            throw new HubException(HubError.INVALID_REQUEST,
                    "subscriber (an agency code) and topic (publisher/topic) are required");
        }
        if (inCatalog(subscriber, topic)) {
            throw new HubException(HubError.CONFLICT, "the subscription of " + subscriber + " to " + topic
                    + " is in the catalog; remove it from the catalog first");
        }
        String queue = SubscriptionDefinition.queueName(subscriber, topic);
        String deadLetterQueue = SubscriptionDefinition.deadLetterQueueName(subscriber, topic);
        boolean open = deliveries.openOf(subscriber, topic).any();
        try {
            List<String> queues = unconsumed(queue, deadLetterQueue);
            if (queues.isEmpty() && !open) {
                throw new HubException(HubError.NOT_FOUND, "no retired subscription of " + subscriber + " to " + topic);
            }
            String reason = "subscription removed from the catalog; discarded by " + operator;
            int[] marked = new int[1];
            releaseScheduled(queues);
            int fromQueue = queues.contains(queue) ? drain(queue, subscriber, topic, operator, reason, marked) : 0;
            int fromDead = queues.contains(deadLetterQueue)
                    ? drain(deadLetterQueue, subscriber, topic, operator, reason, marked) : 0;
            long left = removeIfEmpty(queues);
            LOG.info("{} discarded the retired subscription of {} to {}: {} queued and {} dead messages, {} left",
                    operator, subscriber, topic, fromQueue, fromDead, left);
            return new Discarded(subscriber, topic, fromQueue, fromDead, marked[0], left);
        } catch (JMSException | BrokerManagement.BrokerRefused e) {
            throw new HubException(HubError.BROKER_UNAVAILABLE, "the broker could not complete the discard: "
                    + e.getMessage(), e);
        }
    }

    private boolean inCatalog(String subscriber, String topic) {
        return catalogs.current().subscriptionsOf(topic).stream().anyMatch(s -> s.subscriberCode().equals(subscriber));
    }

    /**
     * Which of the named queues exist on the broker, in one management session; refused ({@code 409}) when one
     * of them has a consumer (another node still has the subscription in its catalog).
     */
    private List<String> unconsumed(String... names) throws JMSException {
        return management.with(calls -> {
            List<String> all = Arrays.stream((Object[]) calls.attribute("broker", "queueNames")).map(String::valueOf)
                    .toList();
            List<String> existing = Arrays.stream(names).filter(all::contains).toList();
            for (String queue : existing) {
                Number consumers = (Number) calls.attribute("queue." + queue, "consumerCount");
                if (consumers.intValue() > 0) {
                    throw new HubException(HubError.CONFLICT, "queue " + queue + " still has " + consumers
                            + " consumer(s): another hub node still has this subscription in its catalog");
                }
            }
            return existing;
        });
    }

    /** Takes every message of {@code queue}, a batch per broker transaction; returns how many. */
    private int drain(String queue, String subscriber, String topic, String operator, String reason, int[] marked)
            throws JMSException {
        int taken = 0;
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            connection.start();
            List<Message> batch = batch(consumer);
            while (!batch.isEmpty()) {
                List<String> messageIds = new ArrayList<>();
                for (Message message : batch) {
                    String id = message.getStringProperty(DeliveryMessage.MESSAGE_ID);
                    if (id != null) {
                        messageIds.add(id);
                    }
                }
                // the database first, then the audit, then the broker: a failure leaves the messages queued
                marked[0] += transaction.execute(status -> deliveries.discard(subscriber, topic, messageIds, reason));
                List<AuditRecord> records = new ArrayList<>(batch.size());
                for (Message message : batch) {
                    records.add(auditRecord(message, subscriber, topic, operator));
                }
                audit.appendAll(records);
                session.commit();
                taken += batch.size();
                batch = batch(consumer);
            }
        }
        return taken;
    }

    private static List<Message> batch(MessageConsumer consumer) throws JMSException {
        List<Message> batch = new ArrayList<>();
        Message message = consumer.receive(FIRST_WAIT_MS);
        while (message != null) {
            batch.add(message);
            if (batch.size() == BATCH) {
                break;
            }
            message = consumer.receive(NEXT_WAIT_MS);
        }
        return batch;
    }

    private static AuditRecord auditRecord(Message message, String subscriber, String topic, String operator)
            throws JMSException {
        String exchangeId = message.getStringProperty(DeliveryMessage.EXCHANGE_ID);
        String messageId = message.getStringProperty(DeliveryMessage.MESSAGE_ID);
        String[] parts = topic.split("/", 2);
        return AuditRecord.builder(AuditKind.OPS)
                .exchangeId(exchangeId == null ? ExchangeIds.nextString() : exchangeId).consumer(operator)
                .provider(parts[0]).topic(parts[1]).subscriber(subscriber).status(200).code("DISCARD")
                .detail("discard of delivery " + messageId + " of a subscription removed from the catalog").build();
    }

    /** Messages waiting for a redelivery delay are scheduled: make them deliverable now. */
    private void releaseScheduled(List<String> queues) throws JMSException {
        management.with(calls -> {
            for (String queue : queues) {
                calls.invoke("queue." + queue, "deliverScheduledMessages", (Object) null);
            }
            return null;
        });
    }

    /** Removes the queues once empty; returns how many messages are left in them (then both stay). */
    private long removeIfEmpty(List<String> queues) throws JMSException {
        return management.with(calls -> {
            long left = 0;
            for (String queue : queues) {
                left += ((Number) calls.attribute("queue." + queue, "messageCount")).longValue();
            }
            if (left == 0) {
                for (String queue : queues) {
                    // removeConsumers=false: a consumer that appeared meanwhile makes the broker refuse
                    calls.invoke("broker", "destroyQueue", queue, false, true);
                }
            }
            return left;
        });
    }
}
