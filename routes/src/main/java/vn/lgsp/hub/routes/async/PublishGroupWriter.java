package vn.lgsp.hub.routes.async;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;

/**
 * Group commit of publishes: the publish calls of concurrent requests are queued and one writer thread makes
 * them durable together, up to {@code maxRecords} records per group (one database and one broker transaction
 * per group, as {@code ChainedAuditWriter} does for the audit). {@link #submit} returns only once the group of
 * its command is committed (broker, then database), so a 2xx answer still means durable. When the group fails
 * on an Idempotency-Key another node took meanwhile, its commands are retried one by one; any other failure
 * fails every command of the group (nothing of it was committed to the database).
 */
final class PublishGroupWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublishGroupWriter.class);
    private static final long SUBMIT_TIMEOUT_SECONDS = 60;

    private final Function<List<RecordPublisher.PublishCommand>, List<RecordPublisher.PublishResult>> durable;
    private final int maxRecords;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;

    private record Pending(RecordPublisher.PublishCommand command, CompletableFuture<RecordPublisher.PublishResult> done) {
    }

    /**
     * @param durable    makes a group durable in one transaction; results in command order; runs on the writer
     *                   thread only
     * @param maxRecords most records of one group (a larger single command still goes alone)
     */
    PublishGroupWriter(Function<List<RecordPublisher.PublishCommand>, List<RecordPublisher.PublishResult>> durable,
                       int maxRecords) {
        this.durable = Objects.requireNonNull(durable);
        this.maxRecords = Math.max(1, maxRecords);
        this.queue = new ArrayBlockingQueue<>(4096);
        this.writer = new Thread(this::run, "publish-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues the command and waits until its group is durable; its result or its failure. */
    RecordPublisher.PublishResult submit(RecordPublisher.PublishCommand command) {
        if (!running) {
            throw new HubException(HubError.BROKER_UNAVAILABLE, "the hub is stopping; nothing was published");
        }
        Pending pending = new Pending(command, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new HubException(HubError.BROKER_UNAVAILABLE, "the publish queue is full; nothing was published");
            }
            return pending.done().get(SUBMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubError.BROKER_UNAVAILABLE, "interrupted while publishing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new HubException(HubError.BROKER_UNAVAILABLE, "publishing failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new HubException(HubError.BROKER_UNAVAILABLE, "the records were not stored within "
                    + SUBMIT_TIMEOUT_SECONDS + " s", e);
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int records = first.command().records().size();
                Pending next;
                while ((next = queue.peek()) != null && records + next.command().records().size() <= maxRecords) {
                    group.add(queue.poll());
                    records += next.command().records().size();
                }
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException | Error e) {
                LOG.error("Publish group of {} calls failed", group.size(), e);
                group.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
        queue.forEach(p -> p.done().completeExceptionally(
                new HubException(HubError.BROKER_UNAVAILABLE, "the hub stopped; nothing was published")));
    }

    private void write(List<Pending> group) {
        List<RecordPublisher.PublishResult> results;
        try {
            results = durable.apply(group.stream().map(Pending::command).toList());
        } catch (DuplicateKeyException concurrentSameKey) {
            if (group.size() == 1) {
                throw concurrentSameKey;
            }
            // another node took one of the Idempotency-Keys meanwhile: nothing is committed, retry one by one
            for (Pending pending : group) {
                try {
                    write(List.of(pending));
                } catch (RuntimeException e) {
                    pending.done().completeExceptionally(e);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(results.get(i));
        }
    }

    /** Stops taking commands, makes those queued durable, then stops the writer (waits up to 30 s). */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
