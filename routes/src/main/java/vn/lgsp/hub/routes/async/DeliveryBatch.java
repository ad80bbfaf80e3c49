package vn.lgsp.hub.routes.async;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.function.BooleanSupplier;

/**
 * The messages of one broker transaction of a delivery consumer ({@link DeliveryQueueConsumer}), taken one at a
 * time: {@link #next} hands out the message that opened the batch, then those the broker already sent to the
 * consumer (its prefetch buffer), up to a number of records and a time. A message is only received when the
 * previous one is done, so when an attempt must be retried the transaction holds nothing that was not attempted:
 * its rollback redelivers the failed message and the delivered ones before it (already recorded, so skipped),
 * never records that were not tried.
 */
public final class DeliveryBatch {

    private final Session session;
    private final MessageConsumer consumer;
    private final int maxRecords;
    private final long deadline;
    private final BooleanSupplier running;
    private Message first;
    private int taken;
    private boolean ended;

    DeliveryBatch(Session session, MessageConsumer consumer, Message first, int maxRecords, long maxNanos,
                  BooleanSupplier running) {
        this.session = session;
        this.consumer = consumer;
        this.first = first;
        this.maxRecords = Math.max(1, maxRecords);
        this.deadline = System.nanoTime() + maxNanos;
        this.running = running;
    }

    /** The consumer's transacted session (for copies to the dead letters in the same transaction). */
    public Session session() {
        return session;
    }

    /** The next message of the batch, or null when the batch is complete (nothing prefetched, full, late, stopping). */
    public Message next() throws JMSException {
        if (first != null) {
            Message message = first;
            first = null;
            taken++;
            return message;
        }
        if (ended || taken >= maxRecords || System.nanoTime() - deadline > 0 || !running.getAsBoolean()) {
            return null;
        }
        Message message = consumer.receiveNoWait();
        if (message != null) {
            taken++;
        }
        return message;
    }

    /** Takes no further message: the transaction commits with what was taken so far. */
    public void end() {
        ended = true;
    }

    /** Messages taken so far. */
    public int size() {
        return taken;
    }
}
