package vn.lgsp.hub.core.catalog;

import vn.lgsp.hub.core.connector.ConnectorSpec;

/**
 * A participant receiving a topic through its own connector, with its own retry policy, durable queue and
 * dead-letter queue.
 *
 * @param subscriberCode agency code of the subscriber
 * @param topic          {@code publisher/topic} key
 * @param connector      how records are delivered
 * @param retry          redelivery policy
 * @param filter         optional predicate on the record, or null (every record)
 * @param consumers      concurrent deliveries for this subscription (1 keeps order)
 * @param sourceFile     the catalog file that declared it
 * @param resilience     timeout and circuit breaker of deliveries (an open circuit keeps messages queued)
 */
public record SubscriptionDefinition(String subscriberCode, String topic, ConnectorSpec connector,
                                     RetryPolicy retry, RecordFilter filter, int consumers, String sourceFile,
                                     ResiliencePolicy resilience) {
    public SubscriptionDefinition {
        resilience = resilience == null ? ResiliencePolicy.DEFAULT : resilience;
    }

    /** A subscription with the default {@link ResiliencePolicy}. */
    public SubscriptionDefinition(String subscriberCode, String topic, ConnectorSpec connector, RetryPolicy retry,
                                  RecordFilter filter, int consumers, String sourceFile) {
        this(subscriberCode, topic, connector, retry, filter, consumers, sourceFile, ResiliencePolicy.DEFAULT);
    }

    /** Stable id of the subscription: {@code subscriber>publisher/topic}. */
    public String id() {
        return subscriberCode + ">" + topic;
    }

    /** The broker queue holding this subscription's pending deliveries. */
    public String queueName() {
        return queueName(subscriberCode, topic);
    }

    /** The queue of pending deliveries of {@code subscriberCode} for {@code topic} ({@code publisher/topic}). */
    public static String queueName(String subscriberCode, String topic) {
        return "lgsp.delivery." + subscriberCode + "." + topic.replace('/', '.');
    }

    /** The broker queue holding this subscription's dead letters. */
    public String deadLetterQueueName() {
        return deadLetterQueueName(subscriberCode, topic);
    }

    /** The dead-letter queue of {@code subscriberCode} for {@code topic} ({@code publisher/topic}). */
    public static String deadLetterQueueName(String subscriberCode, String topic) {
        return "lgsp.dead." + subscriberCode + "." + topic.replace('/', '.');
    }

    /** True when the record (JSON text) is to be delivered to this subscriber. */
    public boolean accepts(String recordJson) {
        return filter == null || filter.matches(recordJson);
    }
}
