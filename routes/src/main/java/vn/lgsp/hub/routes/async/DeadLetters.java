package vn.lgsp.hub.routes.async;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;

/**
 * Operator actions on a subscription's dead letters: inspect, replay (back to the subscription's queue with
 * a fresh attempt budget) and discard. The database lists them ({@link ExchangeStore}); the broker holds
 * the messages. Every action is audited (kind OPS).
 */
@Component
public class DeadLetters {

    /** A dead letter as shown to an operator. */
    public record Inspection(ExchangeStore.Delivery delivery, Map<String, Object> properties, String body) {
    }

    private static final Pattern MESSAGE_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final long RECEIVE_TIMEOUT_MS = 2000;
    private final JmsTemplate jms;
    private final ConnectionFactory connectionFactory;
    private final TransactionTemplate transaction;
    private final ExchangeStore store;
    private final CatalogHolder catalogs;
    private final AuditStore audit;

    public DeadLetters(ConnectionFactory connectionFactory, PlatformTransactionManager transactions, ExchangeStore store,
                       CatalogHolder catalogs, AuditStore audit) {
        this.connectionFactory = connectionFactory;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.transaction = new TransactionTemplate(transactions);
        this.store = store;
        this.catalogs = catalogs;
        this.audit = audit;
    }

    public Inspection inspect(String messageId) {
        ExchangeStore.Delivery delivery = dead(messageId);
        SubscriptionDefinition subscription = subscription(delivery);
        return jms.execute(session -> {
            QueueBrowser browser = session.createBrowser(session.createQueue(subscription.deadLetterQueueName()),
                    selector(messageId));
            try {
                Enumeration<?> found = browser.getEnumeration();
                if (!found.hasMoreElements()) {
                    throw notInQueue(messageId);
                }
                Message message = (Message) found.nextElement();
                return new Inspection(delivery, DeliveryMessage.hubProperties(message), new String(DeliveryMessage.body(message), StandardCharsets.UTF_8));
            } finally {
                browser.close();
            }
        }, true);
    }

    /** Moves a dead letter back to its subscription's queue; its attempts start again from zero. */
    public void replay(String messageId, String operator) {
        ExchangeStore.Delivery delivery = dead(messageId);
        SubscriptionDefinition subscription = subscription(delivery);
        transaction.executeWithoutResult(status -> {
            store.resetForReplay(messageId);
            inBrokerTransaction(session -> {
                Message message = take(session, subscription, messageId);
                BytesMessage copy = session.createBytesMessage();
                copy.writeBytes(DeliveryMessage.body(message));
                for (Map.Entry<String, Object> p : DeliveryMessage.hubProperties(message).entrySet()) {
                    if (!p.getKey().equals(DeliveryMessage.LAST_ERROR)) {
                        copy.setObjectProperty(p.getKey(), p.getValue());
                    }
                }
                MessageProducer producer = session.createProducer(session.createQueue(subscription.queueName()));
                producer.send(copy);
                producer.close();
            });
        });
        audit(delivery, operator, "REPLAY");
    }

    /** Removes a dead letter for good. */
    public void discard(String messageId, String operator) {
        ExchangeStore.Delivery delivery = dead(messageId);
        SubscriptionDefinition subscription = subscription(delivery);
        transaction.executeWithoutResult(status -> {
            store.mark(messageId, DeliveryState.DISCARDED, delivery.lastError());
            inBrokerTransaction(session -> take(session, subscription, messageId));
        });
        audit(delivery, operator, "DISCARD");
    }

    /** A unit of broker work in a local transaction committed before the surrounding database one. */
    private interface BrokerWork {
        void run(Session session) throws JMSException;
    }

    private void inBrokerTransaction(BrokerWork work) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            work.run(session);
            session.commit();
        } catch (JMSException e) {
            throw new HubException(HubError.BROKER_UNAVAILABLE, "the broker could not complete the action: "
                    + e.getMessage(), e);
        }
    }

    private Message take(Session session, SubscriptionDefinition subscription, String messageId) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(subscription.deadLetterQueueName()),
                selector(messageId));
        try {
            Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (message == null) {
                throw notInQueue(messageId);
            }
            return message;
        } finally {
            consumer.close();
        }
    }

    private ExchangeStore.Delivery dead(String messageId) {
        if (!MESSAGE_ID.matcher(messageId).matches()) {
            throw new HubException(HubError.NOT_FOUND, "no dead letter " + messageId);
        }
        ExchangeStore.Delivery delivery = store.delivery(messageId)
                .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no dead letter " + messageId));
        if (delivery.state() != DeliveryState.DEAD) {
            throw new HubException(HubError.CONFLICT, "delivery " + messageId + " is " + delivery.state()
                    + ", not DEAD");
        }
        return delivery;
    }

    private SubscriptionDefinition subscription(ExchangeStore.Delivery delivery) {
        return catalogs.current().subscriptionsOf(delivery.topic()).stream()
                .filter(s -> s.subscriberCode().equals(delivery.subscriber()))
                .findFirst()
                .orElseThrow(() -> new HubException(HubError.CONFLICT, "the subscription of " + delivery.subscriber()
                        + " to " + delivery.topic() + " is no longer in the catalog"));
    }

    private void audit(ExchangeStore.Delivery delivery, String operator, String action) {
        String[] topic = delivery.topic().split("/", 2);
        audit.append(AuditRecord.builder(AuditKind.OPS).exchangeId(delivery.exchangeId()).consumer(operator)
                .provider(topic[0]).topic(topic.length > 1 ? topic[1] : null).subscriber(delivery.subscriber())
                .status(200).code(action).detail(action.toLowerCase() + " of dead letter " + delivery.messageId())
                .build());
    }

    private static HubException notInQueue(String messageId) {
        return new HubException(HubError.CONFLICT, "dead letter " + messageId + " is not in its dead-letter queue "
                + "(another operator may have acted on it)");
    }

    private static String selector(String messageId) {
        return DeliveryMessage.MESSAGE_ID + " = '" + messageId + "'";
    }
}
