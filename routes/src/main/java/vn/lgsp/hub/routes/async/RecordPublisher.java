package vn.lgsp.hub.routes.async;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.catalog.TopicDefinition;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.core.util.GroupCommitQueue;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Makes published records durable: one persistent broker message per record and matching subscription,
 * all sent in one broker transaction, inside a database transaction that records the exchanges, their
 * deliveries and the Idempotency-Keys. Concurrent calls share these transactions (group commit through a
 * {@link GroupCommitQueue}, up to {@code hub.async.publish-group-max-records} records per group; when a group
 * fails on an Idempotency-Key another node took meanwhile, its calls are retried one by one). The broker commits first, then the database; a database failure after the broker commit
 * leaves deliveries that create their own rows when consumed.
 */
@Component
public class RecordPublisher {

    /**
     * A record to publish: its bytes, its JSON text (for filters) and, for a topic with personal data, the keyed
     * hashes of its subject ids (audit {@code subjectKeys}, carried to the deliveries; null when none).
     */
    public record OutgoingRecord(byte[] bytes, String json, String subjectKeys) {
        public OutgoingRecord(byte[] bytes, String json) {
            this(bytes, json, null);
        }
    }

    /** What to publish, from whom; {@code purpose} is the accepted X-Purpose of a personal-data topic, or null. */
    public record PublishCommand(Catalog catalog, TopicDefinition topic, List<OutgoingRecord> records,
                                 String idempotencyKey, String requestId, String contentType, String traceparent,
                                 List<String> exchangeIds, String purpose) {
    }

    /** Result: the exchange ids (one per record) and whether they were replayed from an earlier call. */
    public record PublishResult(List<String> exchangeIds, boolean replayed) {
    }

    private final ConnectionFactory connectionFactory;
    private final TransactionTemplate transaction;
    private final ExchangeStore store;
    private final HubProperties properties;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(60);

    private final GroupCommitQueue<PublishCommand, PublishResult> writer;
    /** The writer thread's broker session (only that thread uses it); null until first used or after a failure. */
    private Session session;
    private MessageProducer producer;

    public RecordPublisher(ConnectionFactory connectionFactory, PlatformTransactionManager transactions,
                           ExchangeStore store, HubProperties properties) {
        this.connectionFactory = connectionFactory;
        this.transaction = new TransactionTemplate(transactions);
        this.store = store;
        this.properties = properties;
        this.writer = GroupCommitQueue.<PublishCommand, PublishResult>builder("publish-writer", this::publishGroup)
                .maxWeight(properties.getAsync().getPublishGroupMaxRecords(), c -> c.records().size())
                .timeout(SUBMIT_TIMEOUT)
                .linger(properties.getAsync().getPublishGroupLinger())
                // another node took one of the group's Idempotency-Keys meanwhile: nothing is committed
                .retrySinglyOn(DuplicateKeyException.class::isInstance)
                .failure((message, cause) -> new HubException(HubError.BROKER_UNAVAILABLE,
                        "nothing was published: " + message, cause))
                .start();
    }

    /**
     * Makes the command's records durable together with those of concurrent calls (group commit): returns once
     * its group is committed (broker, then database), with its result or its failure.
     */
    public PublishResult publish(PublishCommand command) {
        return writer.submit(command);
    }

    /** Stops taking publishes once those queued are durable. */
    @PreDestroy
    public void close() {
        writer.close();
        closeSession();
    }

    /** One group in one database transaction and one broker transaction; runs on the writer thread. */
    private List<PublishResult> publishGroup(List<PublishCommand> commands) {
        try {
            return transaction.execute(status -> publishInTransaction(commands));
        } catch (DuplicateKeyException concurrentSameKey) {
            if (commands.size() > 1) {
                throw concurrentSameKey; // the writer retries the commands one by one
            }
            return List.of(replay(commands.get(0)).orElseThrow(() -> concurrentSameKey));
        }
    }

    private List<PublishResult> publishInTransaction(List<PublishCommand> commands) {
        Instant now = Instant.now();
        List<ExchangeStore.Published> published = new ArrayList<>();
        List<ExchangeStore.Delivery> deliveries = new ArrayList<>();
        List<PendingMessage> messages = new ArrayList<>();
        List<PublishResult> results = new ArrayList<>(commands.size());
        Map<String, PublishResult> keyedInGroup = new HashMap<>();
        for (PublishCommand command : commands) {
            List<String> keys = idempotencyKeys(command);
            String groupKey = keys.isEmpty() ? null : command.topic().publisherCode() + " " + command.idempotencyKey();
            if (groupKey != null) {
                PublishResult same = keyedInGroup.get(groupKey);
                if (same != null) { // the same key twice in one group: the second call replays the first
                    results.add(new PublishResult(same.exchangeIds(), true));
                    continue;
                }
                store.expireIdempotencyKeys(command.topic().publisherCode(), keys,
                        now.minus(properties.getAsync().getIdempotencyRetention()));
                Optional<PublishResult> earlier = replay(command);
                if (earlier.isPresent()) {
                    results.add(earlier.get());
                    continue;
                }
            }
            PublishResult result = new PublishResult(prepare(command, keys, now, published, deliveries, messages), false);
            if (groupKey != null) {
                keyedInGroup.put(groupKey, result);
            }
            results.add(result);
        }
        if (!published.isEmpty()) {
            store.insertPublished(published);
            store.insertDeliveries(deliveries);
            sendAndCommit(messages);
        }
        return results;
    }

    /** Adds the rows and broker messages of one command; returns its exchange ids. */
    private static List<String> prepare(PublishCommand command, List<String> keys, Instant now,
                                        List<ExchangeStore.Published> published, List<ExchangeStore.Delivery> deliveries,
                                        List<PendingMessage> messages) {
        String publisher = command.topic().publisherCode();
        List<SubscriptionDefinition> subscriptions = command.catalog().subscriptionsOf(command.topic().key());
        List<String> ids = new ArrayList<>(command.records().size());
        for (int i = 0; i < command.records().size(); i++) {
            OutgoingRecord record = command.records().get(i);
            String exchangeId = command.exchangeIds() == null ? ExchangeIds.nextString() : command.exchangeIds().get(i);
            ids.add(exchangeId);
            published.add(new ExchangeStore.Published(exchangeId, publisher, command.topic().code(),
                    keys.isEmpty() ? null : keys.get(i), now, command.requestId(), record.bytes().length,
                    Secrets.sha256Hex(record.bytes())));
            for (SubscriptionDefinition subscription : subscriptions) {
                if (subscription.accepts(record.json())) {
                    String messageId = ExchangeIds.nextString();
                    deliveries.add(new ExchangeStore.Delivery(messageId, exchangeId, subscription.subscriberCode(),
                            command.topic().key(), DeliveryState.PENDING, 0, null, now, null));
                    messages.add(new PendingMessage(command, subscription, messageId, exchangeId, record.bytes(),
                            record.subjectKeys()));
                }
            }
        }
        return ids;
    }

    /**
     * Sends the group's messages in the writer's transacted session and commits it, before the database
     * commits. Plain JMS on purpose: a JmsTemplate would join the database transaction and commit after it.
     */
    private void sendAndCommit(List<PendingMessage> messages) {
        try {
            Session current = session();
            Map<String, Queue> queues = new HashMap<>();
            try {
                for (PendingMessage pending : messages) {
                    Queue queue = queues.computeIfAbsent(pending.subscription().queueName(), name -> {
                        try {
                            return current.createQueue(name);
                        } catch (JMSException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    producer.send(queue, message(current, pending));
                }
                current.commit();
            } catch (JMSException | RuntimeException e) {
                closeSession(); // rolls the broker transaction back; the next group opens a new session
                throw e;
            }
        } catch (JMSException | IllegalStateException e) {
            throw new HubException(HubError.BROKER_UNAVAILABLE, "the records could not be stored on the broker; "
                    + "nothing was published, retry later", e);
        }
    }

    private Session session() throws JMSException {
        if (session == null) {
            Connection connection = connectionFactory.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }
        return session;
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                // the session is given up either way
            }
            session = null;
            producer = null;
        }
    }

    private static BytesMessage message(Session session, PendingMessage pending) throws JMSException {
        PublishCommand command = pending.command();
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(pending.body());
        message.setStringProperty(DeliveryMessage.MESSAGE_ID, pending.messageId());
        message.setStringProperty(DeliveryMessage.ARTEMIS_DUPLICATE_ID, pending.messageId());
        message.setStringProperty(DeliveryMessage.EXCHANGE_ID, pending.exchangeId());
        message.setStringProperty(DeliveryMessage.PUBLISHER, command.topic().publisherCode());
        message.setStringProperty(DeliveryMessage.TOPIC, command.topic().code());
        message.setStringProperty(DeliveryMessage.SUBSCRIBER, pending.subscription().subscriberCode());
        message.setStringProperty(DeliveryMessage.REQUEST_ID, command.requestId());
        message.setStringProperty(DeliveryMessage.CONTENT_TYPE, command.contentType());
        if (command.traceparent() != null) {
            message.setStringProperty(DeliveryMessage.TRACEPARENT, command.traceparent());
        }
        if (command.purpose() != null) {
            message.setStringProperty(DeliveryMessage.PURPOSE, command.purpose());
        }
        if (pending.subjectKeys() != null) {
            message.setStringProperty(DeliveryMessage.SUBJECT_KEYS, pending.subjectKeys());
        }
        return message;
    }

    private Optional<PublishResult> replay(PublishCommand command) {
        List<String> keys = idempotencyKeys(command);
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (String key : keys) {
            Optional<ExchangeStore.Published> earlier = store.byIdempotencyKey(command.topic().publisherCode(), key);
            if (earlier.isEmpty()) {
                return ids.isEmpty() ? Optional.empty() : Optional.of(new PublishResult(ids, true));
            }
            ids.add(earlier.get().exchangeId());
        }
        return Optional.of(new PublishResult(ids, true));
    }

    /** Single record: the key itself; batch: key#index, so each record keeps its own exchange. */
    private static List<String> idempotencyKeys(PublishCommand command) {
        if (command.idempotencyKey() == null) {
            return List.of();
        }
        String base = command.idempotencyKey();
        if (command.records().size() == 1) {
            return List.of(base);
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < command.records().size(); i++) {
            keys.add(base + "#" + i);
        }
        return keys;
    }

    private record PendingMessage(PublishCommand command, SubscriptionDefinition subscription, String messageId,
                                  String exchangeId, byte[] body, String subjectKeys) {
    }
}
