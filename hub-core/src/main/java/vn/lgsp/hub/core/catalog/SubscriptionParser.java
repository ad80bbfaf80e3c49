package vn.lgsp.hub.core.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.util.Durations;

/**
 * Parses one {@code subscriptions[i]} entry of a participant file (topic, connector, retry policy, filter,
 * consumers) into a {@link SubscriptionDefinition}.
 */
final class SubscriptionParser {

    private final ConnectorBlockParser connectors;

    SubscriptionParser(ConnectorBlockParser connectors) {
        this.connectors = connectors;
    }

    SubscriptionDefinition parse(JsonNode node, String field, String subscriber, NodeReader in) {
        if (!in.checkKeys(node, field, Set.of("topic", "connector", "retry", "filter", "consumers", "resilience"))) {
            return null;
        }
        String topic = in.requiredText(node, field, "topic");
        if (topic != null && topic.split("/").length != 2) {
            in.problem(field + ".topic", "must be written publisherCode/topicCode, was '" + topic + "'");
            topic = null;
        }
        ConnectorSpec connector = connectors.parse(node.get("connector"), field + ".connector", in);
        RetryPolicy retry = retry(node.get("retry"), field + ".retry", in);
        RecordFilter filter = null;
        String filterText = in.optionalText(node, field, "filter");
        if (filterText != null) {
            try {
                filter = RecordFilter.compile(filterText);
            } catch (IllegalArgumentException e) {
                in.problem(field + ".filter", e.getMessage());
            }
        }
        int consumers = 1;
        JsonNode consumersNode = node.get("consumers");
        if (consumersNode != null) {
            if (consumersNode.isIntegralNumber() && consumersNode.asInt() >= 1 && consumersNode.asInt() <= 64) {
                consumers = consumersNode.asInt();
            } else {
                in.problem(field + ".consumers", "must be a whole number from 1 to 64");
            }
        }
        // kept even when its connector is invalid (already reported), so its topic is still checked
        return topic == null || subscriber == null ? null
                : new SubscriptionDefinition(subscriber, topic, connector, retry, filter, consumers, in.file(),
                        EdgeBlockParser.resilience(node, field, in));
    }

    private static RetryPolicy retry(JsonNode node, String field, NodeReader in) {
        if (node == null) {
            return RetryPolicy.DEFAULT;
        }
        if (!in.checkKeys(node, field, Set.of("max-attempts", "initial-backoff", "multiplier", "max-backoff"))) {
            return RetryPolicy.DEFAULT;
        }
        RetryPolicy d = RetryPolicy.DEFAULT;
        int maxAttempts = d.maxAttempts();
        JsonNode attempts = node.get("max-attempts");
        if (attempts != null) {
            if (attempts.isIntegralNumber() && attempts.asInt() >= 1) {
                maxAttempts = attempts.asInt();
            } else {
                in.problem(field + ".max-attempts", "must be a whole number >= 1");
            }
        }
        double multiplier = d.multiplier();
        JsonNode mult = node.get("multiplier");
        if (mult != null) {
            if (mult.isNumber() && mult.asDouble() >= 1.0) {
                multiplier = mult.asDouble();
            } else {
                in.problem(field + ".multiplier", "must be a number >= 1.0");
            }
        }
        Duration initial = duration(node, field, "initial-backoff", d.initialBackoff(), in);
        Duration max = duration(node, field, "max-backoff", d.maxBackoff(), in);
        return new RetryPolicy(maxAttempts, initial, multiplier, max);
    }

    private static Duration duration(JsonNode node, String field, String key, Duration fallback, NodeReader in) {
        String text = in.optionalText(node, field, key);
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            in.problem(field + "." + key, e.getMessage());
            return fallback;
        }
    }
}
