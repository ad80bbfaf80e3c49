package vn.lgsp.hub.connectors.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import vn.lgsp.hub.core.connector.ConnectorFailure;
import vn.lgsp.hub.core.connector.ConnectorFailure.Kind;
import vn.lgsp.hub.core.connector.ProbeResult;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.core.connector.ProviderRequest;
import vn.lgsp.hub.core.connector.ProviderResponse;

/**
 * A {@code jms} connector: puts each request on a queue of a remote Artemis broker as a {@code BytesMessage}
 * (see {@link JmsMessages} for the properties), on its own threads with a small pool of sessions over one
 * connection, re-established after a failure.
 *
 * <p>In {@code send} mode the answer is {@code 202} with {@code {"queue", "messageId"}} once the broker has
 * accepted the message; in {@code request-reply} mode the connector waits for the reply on a temporary queue
 * and answers with the reply's body and its {@code LGSP_Status} property (default 200). No connection, refused
 * credentials or a broken connection complete the future with a {@link ConnectorFailure} {@code UNAVAILABLE};
 * no answer (or reply) within {@code timeout} with {@code TIMEOUT}.
 */
public final class JmsProviderConnector implements ProviderConnector {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private final JmsConnectorConfig config;
    private final ActiveMQConnectionFactory factory;
    private final ExecutorService senders;
    private final BlockingQueue<Channel> idle;
    private Connection connection;

    /** One session with its producer, used by one thread at a time. */
    private record Channel(Session session, MessageProducer producer, Queue queue) {
        void close() {
            try {
                session.close();
            } catch (JMSException | RuntimeException e) {
                // the connection is being dropped anyway
            }
        }
    }

    public JmsProviderConnector(JmsConnectorConfig config) {
        this.config = config;
        this.factory = new ActiveMQConnectionFactory(config.url(), config.username(), config.password());
        long timeoutMs = config.timeout().toMillis();
        factory.setCallTimeout(timeoutMs);
        factory.setCallFailoverTimeout(timeoutMs);
        factory.setReconnectAttempts(0);
        factory.setInitialConnectAttempts(1);
        this.senders = Executors.newFixedThreadPool(config.maxSessions(), r -> {
            Thread t = new Thread(r, "jms-connector-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.idle = new ArrayBlockingQueue<>(config.maxSessions());
    }

    @Override
    public CompletableFuture<ProviderResponse> send(ProviderRequest request) {
        long timeoutMs = config.timeout().toMillis();
        CompletableFuture<ProviderResponse> result;
        try {
            result = CompletableFuture.supplyAsync(() -> sendNow(request), senders);
        } catch (RuntimeException e) { // closed
            return CompletableFuture.failedFuture(e);
        }
        // each broker call (connect, send, receive) is bounded by the timeout; this guard bounds them together
        long guardMs = timeoutMs * (config.requestReply() ? 3 : 2);
        return result.orTimeout(guardMs, TimeUnit.MILLISECONDS)
                .exceptionallyCompose(e -> {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    return CompletableFuture.failedFuture(cause instanceof TimeoutException
                            ? new ConnectorFailure(Kind.TIMEOUT, "the broker of queue " + config.queue()
                                    + " did not take the message within " + guardMs + " ms", cause)
                            : cause);
                });
    }

    private ProviderResponse sendNow(ProviderRequest request) {
        Channel channel = null;
        try {
            channel = borrow();
            BytesMessage message = JmsMessages.toMessage(channel.session(), request);
            ProviderResponse response;
            if (config.requestReply()) {
                response = requestReply(channel, message);
            } else {
                channel.producer().send(channel.queue(), message, config.persistent() ? DeliveryMode.PERSISTENT
                        : DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
                response = JmsMessages.accepted(config.queue(), message.getJMSMessageID());
            }
            if (!idle.offer(channel)) {
                channel.close();
            }
            return response;
        } catch (JMSException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            if (e instanceof ConnectorFailure failure) {
                throw failure;
            }
            dropConnection();
            throw JmsMessages.failure(e, config.queue());
        }
    }

    private ProviderResponse requestReply(Channel channel, BytesMessage message) throws JMSException {
        TemporaryQueue replies = channel.session().createTemporaryQueue();
        try (MessageConsumer consumer = channel.session().createConsumer(replies)) {
            message.setJMSReplyTo(replies);
            channel.producer().send(channel.queue(), message, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY,
                    config.timeout().toMillis());
            Message reply = consumer.receive(config.timeout().toMillis());
            if (reply == null) {
                throw new ConnectorFailure(Kind.TIMEOUT, "no reply on queue " + config.queue() + " within "
                        + config.timeout().toMillis() + " ms", null);
            }
            return JmsMessages.toResponse(reply);
        } finally {
            try {
                replies.delete();
            } catch (JMSException e) {
                // removed with the session at the latest
            }
        }
    }

    /**
     * Connects (which checks the credentials) and opens a browser on the queue (which checks that it exists,
     * unless the broker creates queues on demand). Nothing is sent.
     */
    @Override
    public CompletableFuture<ProbeResult> probe() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
                try (QueueBrowser browser = session.createBrowser(session.createQueue(config.queue()))) {
                    browser.getEnumeration();
                    return new ProbeResult(ProbeResult.Outcome.OK, null, "connected; queue " + config.queue() + " is reachable");
                } finally {
                    session.close();
                }
            } catch (JMSSecurityException e) {
                dropConnection();
                return new ProbeResult(ProbeResult.Outcome.CREDENTIALS_REJECTED, null,
                        "the broker refused the hub's credentials for queue " + config.queue());
            } catch (InvalidDestinationException e) {
                return new ProbeResult(ProbeResult.Outcome.PROVIDER_ERROR, null, "queue " + config.queue()
                        + " does not exist on the broker");
            } catch (JMSException | RuntimeException e) {
                dropConnection();
                return ProbeResult.fromFailure(JmsMessages.failure(e, config.queue()));
            }
        }, senders).completeOnTimeout(new ProbeResult(ProbeResult.Outcome.TIMEOUT, null, "no answer from the broker within "
                + config.timeout().toMillis() + " ms"), config.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    }

    private Channel borrow() throws JMSException {
        Channel channel = idle.poll();
        if (channel != null) {
            return channel;
        }
        Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        return new Channel(session, session.createProducer(null), session.createQueue(config.queue()));
    }

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            Connection created = factory.createConnection();
            try {
                created.setExceptionListener(e -> dropConnection());
                created.start();
            } catch (JMSException e) {
                created.close();
                throw e;
            }
            connection = created;
        }
        return connection;
    }

    private synchronized void dropConnection() {
        Channel channel;
        while ((channel = idle.poll()) != null) {
            channel.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // already broken
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        dropConnection();
        factory.close();
    }

}
