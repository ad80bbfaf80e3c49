package vn.lgsp.hub.routes.async;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
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
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Makes published records durable: one persistent broker message per record and matching subscription,
 * all sent in one broker transaction, inside a database transaction that records the exchange, its
 * deliveries and the Idempotency-Key. The broker commits first, then the database; a database failure
 * after the broker commit leaves deliveries that create their own rows when consumed.
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

    public RecordPublisher(ConnectionFactory connectionFactory, PlatformTransactionManager transactions,
                           ExchangeStore store, HubProperties properties) {
        this.connectionFactory = connectionFactory;
        this.transaction = new TransactionTemplate(transactions);
        this.store = store;
        this.properties = properties;
    }

    public PublishResult publish(PublishCommand command) {
        try {
            return transaction.execute(status -> publishInTransaction(command));
        } catch (DuplicateKeyException concurrentSameKey) {
            return replay(command).orElseThrow(() -> concurrentSameKey);
        }
    }

    private PublishResult publishInTransaction(PublishCommand command) {
        String publisher = command.topic().publisherCode();
        List<String> keys = idempotencyKeys(command);
        if (!keys.isEmpty()) {
            store.expireIdempotencyKeys(publisher, keys,
                    Instant.now().minus(properties.getAsync().getIdempotencyRetention()));
            Optional<PublishResult> earlier = replay(command);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant now = Instant.now();
        List<ExchangeStore.Published> published = new ArrayList<>();
        List<ExchangeStore.Delivery> deliveries = new ArrayList<>();
        List<PendingMessage> messages = new ArrayList<>();
        List<SubscriptionDefinition> subscriptions = command.catalog().subscriptionsOf(command.topic().key());
        for (int i = 0; i < command.records().size(); i++) {
            OutgoingRecord record = command.records().get(i);
            String exchangeId = command.exchangeIds() == null ? ExchangeIds.nextString() : command.exchangeIds().get(i);
            published.add(new ExchangeStore.Published(exchangeId, publisher, command.topic().code(),
                    keys.isEmpty() ? null : keys.get(i), now, command.requestId(), record.bytes().length,
                    Secrets.sha256Hex(record.bytes())));
            for (SubscriptionDefinition subscription : subscriptions) {
                if (subscription.accepts(record.json())) {
                    String messageId = ExchangeIds.nextString();
                    deliveries.add(new ExchangeStore.Delivery(messageId, exchangeId, subscription.subscriberCode(),
                            command.topic().key(), DeliveryState.PENDING, 0, null, now, null));
                    messages.add(new PendingMessage(subscription, messageId, exchangeId, record.bytes(),
                            record.subjectKeys()));
                }
            }
        }
        store.insertPublished(published);
        store.insertDeliveries(deliveries);
        // plain JMS on purpose: a JmsTemplate would join the database transaction and commit after it;
        // the broker must commit first, then the database (see the class comment)
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            send(session, command, messages);
            session.commit();
        } catch (JMSException e) {
            throw new HubException(HubError.BROKER_UNAVAILABLE, "the records could not be stored on the broker; "
                    + "nothing was published, retry later", e);
        }
        return new PublishResult(published.stream().map(ExchangeStore.Published::exchangeId).toList(), false);
    }

    private void send(Session session, PublishCommand command, List<PendingMessage> messages)
            throws JMSException {
        for (PendingMessage pending : messages) {
            MessageProducer producer = session.createProducer(session.createQueue(pending.subscription().queueName()));
            try {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
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
                producer.send(message);
            } finally {
                producer.close();
            }
        }
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

    private record PendingMessage(SubscriptionDefinition subscription, String messageId, String exchangeId,
                                  byte[] body, String subjectKeys) {
    }
}
