package vn.lgsp.hub.routes.async;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a subscription queue in batches: each of its {@code consumers} threads holds one transacted session
 * and waits for a message, then hands the route a {@link DeliveryBatch} that goes on with the messages the broker
 * already sent to it, and commits the session when the route is done (rolls it back when the route failed: the
 * broker redelivers after the subscription's backoff). So the broker acknowledgement, the database update of the
 * outcomes and the audit records are one commit per batch rather than one per record. Sessions are opened on the
 * hub's one {@link DeliveryConnection}; when it fails they start over on a new one once the broker is back.
 * Stopping (route stop, suspension, shutdown) lets each thread finish and commit its batch, which stops taking
 * new messages at once.
 */
final class DeliveryQueueConsumer extends DefaultConsumer {

    /** Exchange property the route sets (with rollback-only) when an attempt of the batch is to be retried. */
    static final String RETRY_PROPERTY = "hubDeliveryRetry";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueueConsumer.class);
    private static final long RECEIVE_MILLIS = 500;
    private static final long RECONNECT_MILLIS = 1000;
    private static final long STOP_WAIT_SECONDS = 60;

    private final DeliveryQueueEndpoint endpoint;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    /** Counted down by {@link #doStop()}: wakes the threads waiting out a reconnect backoff at once. */
    private volatile CountDownLatch stopped = new CountDownLatch(1);

    DeliveryQueueConsumer(DeliveryQueueEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopped = new CountDownLatch(1);
        running = true;
        DeliveryQueueEndpoint.Settings settings = endpoint.settings();
        for (int i = 1; i <= settings.consumers(); i++) {
            Thread thread = new Thread(this::consume, "delivery-" + settings.queue() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        stopped.countDown();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (Thread thread : threads) {
            long left = until - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (thread.isAlive()) {
                LOG.warn("Delivery consumer {} still busy after {} s; left to finish on its own", thread.getName(),
                        STOP_WAIT_SECONDS);
            }
        }
        threads.clear();
        super.doStop();
    }

    private void consume() {
        DeliveryQueueEndpoint.Settings settings = endpoint.settings();
        Session session = null;
        MessageConsumer consumer = null;
        Connection used = null;
        boolean healthy = true;
        while (running) {
            try {
                if (session == null) {
                    used = endpoint.connection().get();
                    session = used.createSession(true, Session.SESSION_TRANSACTED);
                    consumer = session.createConsumer(session.createQueue(settings.queue()));
                    if (!healthy) {
                        LOG.info("Delivery consumer of {} is back on the broker", settings.queue());
                        healthy = true;
                    }
                }
                Message first = consumer.receive(RECEIVE_MILLIS);
                if (first != null) {
                    deliver(session, new DeliveryBatch(session, consumer, first, settings.batchMaxRecords(),
                            settings.batchMaxTime().toNanos(), () -> running));
                }
            } catch (Exception e) {
                if (running && healthy) {
                    LOG.warn("Delivery consumer of {} lost its broker session ({}); trying again", settings.queue(),
                            e.toString());
                } else {
                    LOG.debug("Delivery consumer of {} still without a broker session: {}", settings.queue(),
                            e.toString());
                }
                healthy = false;
                closeQuietly(session);
                session = null;
                consumer = null;
                endpoint.connection().failed(used);
                used = null;
                pause();
            }
        }
        closeQuietly(session);
    }

    /** One batch through the route, then the broker transaction's commit (route succeeded) or rollback. */
    private void deliver(Session session, DeliveryBatch batch) throws JMSException {
        Exchange exchange = createExchange(false);
        try {
            exchange.getIn().setBody(batch);
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            Exception failure = exchange.getException();
            if (failure == null && !exchange.isRollbackOnly()) {
                session.commit();
                return;
            }
            if (failure == null) {
                LOG.debug("Batch of {} on {} rolled back for a retry: {}", batch.size(), endpoint.settings().queue(),
                        exchange.getProperty(RETRY_PROPERTY));
            } else {
                LOG.warn("Batch of {} on {} rolled back (the broker delivers it again)", batch.size(),
                        endpoint.settings().queue(), failure);
            }
            session.rollback();
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Waits out the reconnect backoff, or less when the consumer stops meanwhile. */
    private void pause() {
        try {
            stopped.await(RECONNECT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed: {}", closeable, e.toString());
        }
    }
}
