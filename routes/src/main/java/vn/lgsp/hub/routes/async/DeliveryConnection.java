package vn.lgsp.hub.routes.async;

import jakarta.annotation.PreDestroy;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The one broker connection every delivery consumer ({@link DeliveryQueueConsumer}) opens its sessions on. It
 * comes from the broker's own factory rather than Spring's caching one, whose cached consumers stay open (and keep
 * prefetching) after they are closed. When it fails, the first consumer to notice closes it; a new one is tried at
 * most every {@value #RETRY_SECONDS} seconds for the whole hub, so a broker that is down is not hammered by every
 * subscription at once (nor are the health checks that share the client with them slowed down).
 */
@Component
public class DeliveryConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryConnection.class);
    static final long RETRY_SECONDS = 5;

    private final ConnectionFactory factory;
    private Connection connection;
    private long nextAttempt = System.nanoTime();
    private boolean closed;

    public DeliveryConnection(ConnectionFactory connectionFactory) {
        this.factory = connectionFactory instanceof SingleConnectionFactory caching
                && caching.getTargetConnectionFactory() != null ? caching.getTargetConnectionFactory() : connectionFactory;
    }

    /** The open connection, opened now if there is none and the last failed attempt is old enough. */
    synchronized Connection get() throws JMSException {
        if (closed) {
            throw new JMSException("the hub is stopping");
        }
        if (connection != null) {
            return connection;
        }
        long wait = nextAttempt - System.nanoTime();
        if (wait > 0) {
            throw new JMSException("broker unavailable; next connection attempt in "
                    + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
        }
        nextAttempt = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        Connection created = factory.createConnection();
        try {
            created.start();
        } catch (JMSException e) {
            close(created);
            throw e;
        }
        connection = created;
        LOG.debug("Delivery connection to the broker opened");
        return connection;
    }

    /** Closes the connection if it is still the one that failed, so the next {@link #get} opens a new one. */
    synchronized void failed(Connection failed) {
        if (failed != null && failed == connection) {
            close(connection);
            connection = null;
        }
    }

    /** Closes the connection at shutdown (after Camel stopped the delivery routes). */
    @PreDestroy
    public synchronized void close() {
        closed = true;
        close(connection);
        connection = null;
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Closing the delivery connection failed: {}", e.toString());
        }
    }
}
