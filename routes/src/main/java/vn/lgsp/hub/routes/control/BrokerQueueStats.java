package vn.lgsp.hub.routes.control;

import jakarta.jms.JMSException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.async.BrokerManagement;

/**
 * Reads each subscription queue's figures from the broker through {@link BrokerManagement} (like
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
    private final BrokerManagement management;
    private volatile Snapshot last = new Snapshot(Map.of(), "not read yet", 0);

    public BrokerQueueStats(BrokerManagement management) {
        this.management = management;
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
        try {
            Map<String, QueueFigures> figures = management.with(calls -> {
                Map<String, QueueFigures> read = new LinkedHashMap<>();
                for (SubscriptionDefinition s : subscriptions) {
                    String queue = QUEUE + s.queueName();
                    Number age = number(calls, queue, "firstMessageAge");
                    read.put(s.id(), new QueueFigures(
                            count(number(calls, queue, "messageCount")),
                            count(number(calls, queue, "deliveringCount")),
                            age == null || age.longValue() < 0 ? null : age.longValue() / 1000,
                            count(number(calls, QUEUE + s.deadLetterQueueName(), "messageCount"))));
                }
                return read;
            });
            return new Snapshot(figures, null, System.currentTimeMillis());
        } catch (JMSException | RuntimeException e) {
            return new Snapshot(Map.of(), "broker unreachable: " + e.getMessage(), System.currentTimeMillis());
        }
    }

    private static long count(Number n) {
        return n == null ? 0 : n.longValue();
    }

    /** An attribute of a broker resource; null when the resource does not exist (yet) or has no value. */
    private static Number number(BrokerManagement.Calls calls, String resource, String name) throws JMSException {
        try {
            return calls.attribute(resource, name) instanceof Number n ? n : null;
        } catch (BrokerManagement.BrokerRefused e) {
            return null;
        }
    }
}
