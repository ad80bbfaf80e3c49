package vn.lgsp.hub.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit store the hub writes through: records of concurrent exchanges are queued and written by one
 * thread in batches (group commit: one transaction per batch), each linked into this node's hash chain
 * ({@link AuditHashing}: gapless {@code seq}, {@code prevHash}, {@code hash}). {@link #append} returns only
 * once its batch is committed, so a record is durable before the answer leaves.
 */
public final class ChainedAuditWriter implements AuditStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainedAuditWriter.class);
    private static final long APPEND_TIMEOUT_SECONDS = 30;

    private final JdbcAuditStore store;
    private final String node;
    private final AuditCheckpoints checkpoints;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private volatile boolean running = true;
    private long lastSeq;
    private String lastHash;
    private volatile BatchListener listener = (size, nanos) -> { };

    /** Observes each committed batch (size and write time), e.g. for metrics. */
    public interface BatchListener {
        void written(int size, long nanos);
    }

    private record Pending(AuditRecord record, CompletableFuture<AuditRecord> done) {
    }

    /**
     * @param store       the JDBC store (table {@code audit_record})
     * @param node        this node's id: one chain per node; two live nodes must never share an id
     * @param checkpoints told of every committed head
     * @param maxBatch    most records in one transaction
     */
    public ChainedAuditWriter(JdbcAuditStore store, String node, AuditCheckpoints checkpoints, int maxBatch) {
        this.store = Objects.requireNonNull(store);
        this.node = Objects.requireNonNull(node);
        this.checkpoints = Objects.requireNonNull(checkpoints);
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, maxBatch * 8));
        loadHead();
        this.writer = new Thread(this::run, "audit-writer-" + node);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void listener(BatchListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    @Override
    public AuditRecord append(AuditRecord record) {
        if (!running) {
            throw new AuditStoreException("the audit writer is stopped", null);
        }
        Pending pending = new Pending(store.normalised(withNode(record)), new CompletableFuture<>());
        try {
            if (!queue.offer(pending, APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AuditStoreException("the audit queue is full", null);
            }
            return pending.done().get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditStoreException("interrupted while writing an audit record", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AuditStoreException a ? a
                    : new AuditStoreException("cannot write an audit record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditStoreException("the audit record was not written within " + APPEND_TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public List<AuditRecord> find(AuditQuery query) {
        return store.find(query);
    }

    /** Seq of the last committed record of this node (0 when none). */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        long start = System.nanoTime();
        long seq;
        String prev;
        synchronized (this) {
            seq = lastSeq;
            prev = lastHash;
        }
        List<AuditRecord> chained = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            seq++;
            AuditRecord linked = AuditHashing.link(p.record(), node, seq, prev);
            chained.add(linked);
            prev = linked.hash();
        }
        try {
            List<AuditRecord> stored = store.insertAll(chained);
            synchronized (this) {
                lastSeq = seq;
                lastHash = prev;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(stored.get(i));
            }
            listener.written(batch.size(), System.nanoTime() - start);
            notifyCheckpoints(seq, prev);
        } catch (RuntimeException e) {
            LOG.error("Audit batch of {} records failed; callers get an error", batch.size(), e);
            batch.forEach(p -> p.done().completeExceptionally(e));
            loadHead();
        }
    }

    private void notifyCheckpoints(long seq, String hash) {
        try {
            checkpoints.committed(node, seq, hash);
        } catch (RuntimeException e) {
            LOG.error("Checkpoint of {} at seq {} failed; the next one will cover it", node, seq, e);
        }
    }

    private synchronized void loadHead() {
        AuditRecord head = store.head(node).orElse(null);
        lastSeq = head == null ? 0 : head.seq();
        lastHash = head == null ? AuditHashing.GENESIS : head.hash();
    }

    private AuditRecord withNode(AuditRecord r) {
        return new AuditRecord(null, node, null, r.time(), r.kind(), r.exchangeId(), r.requestId(), r.consumer(),
                r.provider(), r.service(), r.topic(), r.subscriber(), r.purpose(), r.subjectKeys(), r.status(),
                r.code(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.requestSha256(), r.responseSha256(),
                r.detail(), null, null);
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(APPEND_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
