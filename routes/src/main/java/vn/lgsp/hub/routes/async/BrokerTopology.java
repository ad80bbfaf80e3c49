package vn.lgsp.hub.routes.async;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.RetryPolicy;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Derives the broker's address settings from the catalog and pushes them through Artemis' management API
 * (works for the embedded and an external broker alike): per subscription queue the redelivery backoff of
 * its retry policy, its own dead-letter queue, paging above a size, no auto-deletion of its queues, and an
 * exclusive queue for a subscription with one consumer (order kept across several hub nodes).
 */
@Component
public class BrokerTopology {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerTopology.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BrokerManagement management;
    private final HubProperties properties;

    public BrokerTopology(BrokerManagement management, HubProperties properties) {
        this.management = management;
        this.properties = properties;
    }

    /** Applies the settings of every subscription of the catalog. */
    public void apply(Catalog catalog) {
        if (!properties.getBroker().isApplyAddressSettings() || catalog.subscriptions().isEmpty()) {
            return;
        }
        try {
            management.with(calls -> {
                for (SubscriptionDefinition subscription : catalog.subscriptions()) {
                    calls.invoke("broker", "addAddressSettings", subscription.queueName(), settings(subscription.retry(),
                            subscription.deadLetterQueueName(), subscription.consumers() == 1));
                    calls.invoke("broker", "addAddressSettings", subscription.deadLetterQueueName(),
                            settings(null, null, false));
                }
                return null;
            });
            LOG.info("Broker address settings applied for {} subscriptions", catalog.subscriptions().size());
        } catch (JMSException e) {
            throw new IllegalStateException("cannot apply broker address settings (hub.broker.apply-address-settings):"
                    + " " + e.getMessage(), e);
        }
    }

    /**
     * Address settings as Artemis' JSON. {@code exclusive}: the queue, when the broker creates it, hands its
     * messages to one consumer at a time, so a {@code consumers: 1} subscription keeps its order even with
     * several hub nodes consuming it (docs/deployment.md).
     */
    String settings(RetryPolicy retry, String deadLetterQueue, boolean exclusive) {
        ObjectNode json = JSON.createObjectNode();
        if (exclusive) {
            json.put("defaultExclusiveQueue", true);
        }
        if (retry != null) {
            json.put("redeliveryDelay", retry.initialBackoff().toMillis());
            json.put("redeliveryMultiplier", retry.multiplier());
            json.put("maxRedeliveryDelay", retry.maxBackoff().toMillis());
            // the hub counts attempts and dead-letters itself; the broker never drops a message on its own
            json.put("maxDeliveryAttempts", -1);
            json.put("deadLetterAddress", deadLetterQueue);
        }
        json.put("autoDeleteQueues", false);
        json.put("autoDeleteAddresses", false);
        json.put("maxSizeBytes", properties.getBroker().getQueueMaxSizeBytes());
        json.put("addressFullMessagePolicy", "PAGE");
        return json.toString();
    }
}
