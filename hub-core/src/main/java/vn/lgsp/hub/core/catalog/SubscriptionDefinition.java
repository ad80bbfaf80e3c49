package vn.lgsp.hub.core.catalog;

import vn.lgsp.hub.core.connector.ConnectorSpec;

/**
 * A participant receiving a topic through its own connector, with its own retry policy.
 *
 * @param subscriberCode agency code of the subscriber
 * @param topic          {@code publisher/topic} key
 * @param connector      how records are delivered
 * @param retry          redelivery policy
 * @param filter         optional JSONPath predicate on the record, or null
 * @param sourceFile     the catalog file that declared it
 */
public record SubscriptionDefinition(String subscriberCode, String topic, ConnectorSpec connector,
                                     RetryPolicy retry, String filter, String sourceFile) {
}
