package vn.lgsp.hub.routes.async;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * The start of a subscription's delivery route: its durable queue, consumed in batches by
 * {@link DeliveryQueueConsumer} (one exchange per broker transaction, its body a {@link DeliveryBatch}). Consume
 * only; the route's lifecycle (start, stop with the batches in flight finishing, suspend) stays Camel's.
 */
final class DeliveryQueueEndpoint extends DefaultEndpoint {

    /** What the consumers of one subscription queue are given. */
    record Settings(String queue, int consumers, int batchMaxRecords, Duration batchMaxTime) {
    }

    private final ConnectionFactory connectionFactory;
    private final Settings settings;

    DeliveryQueueEndpoint(CamelContext camel, ConnectionFactory connectionFactory, Settings settings) {
        super("hub-delivery:" + settings.queue() + "?consumers=" + settings.consumers() + "&batchMaxRecords="
                + settings.batchMaxRecords() + "&batchMaxTime=" + settings.batchMaxTime().toMillis(), null);
        setCamelContext(camel);
        this.connectionFactory = unwrap(connectionFactory);
        this.settings = settings;
    }

    /**
     * Consumers hold their session and consumer for their whole life, so they use the broker's own factory rather
     * than Spring's caching one (a consumer closed through that one stays open in its cache and keeps prefetching).
     */
    private static ConnectionFactory unwrap(ConnectionFactory factory) {
        if (factory instanceof SingleConnectionFactory caching && caching.getTargetConnectionFactory() != null) {
            return caching.getTargetConnectionFactory();
        }
        return factory;
    }

    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    Settings settings() {
        return settings;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("a delivery queue endpoint only consumes");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        DeliveryQueueConsumer consumer = new DeliveryQueueConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }
}
