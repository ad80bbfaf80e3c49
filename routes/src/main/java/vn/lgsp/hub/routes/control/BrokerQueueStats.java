package vn.lgsp.hub.routes.control;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;

/**
 * Reads each subscription queue's figures from the broker through Artemis' management queue (like
 * {@code BrokerTopology}, so it works with the embedded and an external broker): messages waiting, being
 * delivered, the oldest message's age, and the dead-letter queue's size. Snapshots are cached for
 * {@link #MAX_AGE_MILLIS} so a Prometheus scrape and a health check cost one round of requests.
 */
@Component
public class BrokerQueueStats {

    /** One subscription's queues as the broker sees them. */
    public record QueueFigures(long backlog, long inFlight, Long oldestMessageAgeSeconds, long deadLetters) {
    }

    /** Figures of every subscription, or the reason the broker could not be asked. */
    public record Snapshot(Map<String, QueueFigures> bySubscription, String error, long takenAtMillis) {
        public QueueFigures of(SubscriptionDefinition subscription) {
            return bySubscription.get(subscription.id());
        }
    }

    static final long MAX_AGE_MILLIS = 2000;
    private static final String QUEUE = "queue.";
    private final ConnectionFactory connectionFactory;
    private volatile Snapshot last = new Snapshot(Map.of(), "not read yet", 0);

    public BrokerQueueStats(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /** A snapshot at most {@link #MAX_AGE_MILLIS} old for these subscriptions. */
    public synchronized Snapshot snapshot(List<SubscriptionDefinition> subscriptions) {
        if (System.currentTimeMillis() - last.takenAtMillis() < MAX_AGE_MILLIS
                && last.bySubscription().size() == subscriptions.size()) {
            return last;
        }
        last = read(subscriptions);
        return last;
    }

    private Snapshot read(List<SubscriptionDefinition> subscriptions) {
        Map<String, QueueFigures> figures = new LinkedHashMap<>();
        try (Connection connection = connectionFactory.createConnection()) {
            connection.start();
            if (!(connection instanceof QueueConnection queueConnection)) {
                return new Snapshot(Map.of(), "the JMS connection factory does not provide queue connections",
                        System.currentTimeMillis());
            }
            QueueSession session = queueConnection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(session, session.createQueue("activemq.management"));
            for (SubscriptionDefinition s : subscriptions) {
                String queue = QUEUE + s.queueName();
                Number age = attribute(session, requestor, queue, "firstMessageAge");
                figures.put(s.id(), new QueueFigures(
                        count(attribute(session, requestor, queue, "messageCount")),
                        count(attribute(session, requestor, queue, "deliveringCount")),
                        age == null || age.longValue() < 0 ? null : age.longValue() / 1000,
                        count(attribute(session, requestor, QUEUE + s.deadLetterQueueName(), "messageCount"))));
            }
            return new Snapshot(figures, null, System.currentTimeMillis());
        } catch (JMSException | RuntimeException e) {
            return new Snapshot(Map.of(), "broker unreachable: " + e.getMessage(), System.currentTimeMillis());
        }
    }

    private static long count(Number n) {
        return n == null ? 0 : n.longValue();
    }

    /** An attribute of a broker resource; null when the resource does not exist (yet) or has no value. */
    private static Number attribute(QueueSession session, QueueRequestor requestor, String resource, String name)
            throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, resource, name);
        Message reply = requestor.request(request);
        if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
            return null;
        }
        try {
            return JMSManagementHelper.getResult(reply) instanceof Number n ? n : null;
        } catch (Exception e) {
            return null;
        }
    }
}
