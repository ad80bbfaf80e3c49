package vn.lgsp.hub.routes.async;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * The start of a subscription's delivery route: its durable queue, consumed in batches by
 * {@link DeliveryQueueConsumer} (one exchange per broker transaction, its body a {@link DeliveryBatch}). Consume
 * only; the route's lifecycle (start, stop with the batches in flight finishing, suspend) stays Camel's.
 */
final class DeliveryQueueEndpoint extends DefaultEndpoint {

    /** What the consumers of one subscription queue are given. */
    record Settings(String queue, int consumers, int batchMaxRecords, Duration batchMaxTime) {
    }

    private final DeliveryConnection connection;
    private final Settings settings;

    DeliveryQueueEndpoint(CamelContext camel, DeliveryConnection connection, Settings settings) {
        super("hub-delivery:" + settings.queue() + "?consumers=" + settings.consumers() + "&batchMaxRecords="
                + settings.batchMaxRecords() + "&batchMaxTime=" + settings.batchMaxTime().toMillis(), null);
        setCamelContext(camel);
        this.connection = connection;
        this.settings = settings;
    }

    DeliveryConnection connection() {
        return connection;
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
