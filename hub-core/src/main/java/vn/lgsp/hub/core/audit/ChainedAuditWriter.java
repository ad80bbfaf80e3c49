package vn.lgsp.hub.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.core.util.GroupCommitQueue;

/**
 * The audit store the hub writes through: records of concurrent exchanges are queued and written by one
 * thread in batches (group commit through a {@link GroupCommitQueue}: one transaction per batch), each linked
 * into this node's hash chain ({@link AuditHashing}: gapless {@code seq}, {@code prevHash}, {@code hash}).
 * {@link #append} and {@link #appendAll} return only once their batch is committed, so a record is durable
 * before the answer leaves.
 */
public final class ChainedAuditWriter implements AuditStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChainedAuditWriter.class);
    private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(30);

    private final JdbcAuditStore store;
    private final String node;
    private final AuditCheckpoints checkpoints;
    private final GroupCommitQueue<List<AuditRecord>, List<AuditRecord>> queue;
    private long lastSeq;
    private String lastHash;
    private volatile BatchListener listener = (size, nanos) -> { };

    /** Observes each committed batch (size and write time), e.g. for metrics. */
    public interface BatchListener {
        void written(int size, long nanos);
    }

    /**
     * @param store       the JDBC store (table {@code audit_record})
     * @param node        this node's id: one chain per node; two live nodes must never share an id
     * @param checkpoints told of every committed head
     * @param maxBatch    most records in one transaction (the records of one {@link #appendAll} call are never
     *                    split, so a larger call goes alone)
     */
    public ChainedAuditWriter(JdbcAuditStore store, String node, AuditCheckpoints checkpoints, int maxBatch) {
        this(store, node, checkpoints, maxBatch, Duration.ZERO);
    }

    /**
     * As above, with the writer waiting up to {@code linger} for more records before a commit, while records
     * arrive concurrently (a lone record is written at once; see {@link GroupCommitQueue.Builder#linger}).
     */
    public ChainedAuditWriter(JdbcAuditStore store, String node, AuditCheckpoints checkpoints, int maxBatch,
                              Duration linger) {
        this.store = Objects.requireNonNull(store);
        this.node = Objects.requireNonNull(node);
        this.checkpoints = Objects.requireNonNull(checkpoints);
        loadHead();
        this.queue = GroupCommitQueue.builder("audit-writer-" + node, new ChainWriter())
                .maxWeight(maxBatch, List::size)
                .capacity(Math.max(1024, maxBatch * 8))
                .timeout(APPEND_TIMEOUT)
                .linger(linger)
                .failure(AuditStoreException::new)
                .start();
    }

    public void listener(BatchListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    @Override
    public AuditRecord append(AuditRecord record) {
        return queue.submit(List.of(store.normalised(withNode(record)))).get(0);
    }

    /** Queues all records at once (they stay together, in order, in one batch) and waits once. */
    @Override
    public List<AuditRecord> appendAll(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<AuditRecord> normalised = new ArrayList<>(records.size());
        records.forEach(r -> normalised.add(store.normalised(withNode(r))));
        return queue.submit(normalised);
    }

    @Override
    public List<AuditRecord> find(AuditQuery query) {
        return store.find(query);
    }

    /** Seq of the last committed record of this node (0 when none). */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** Links a batch into the chain and inserts it in one transaction; runs on the queue's writer thread. */
    private final class ChainWriter implements GroupCommitQueue.GroupWriter<List<AuditRecord>, List<AuditRecord>> {

        @Override
        public List<List<AuditRecord>> write(List<List<AuditRecord>> group) {
            long start = System.nanoTime();
            long seq;
            String prev;
            synchronized (ChainedAuditWriter.this) {
                seq = lastSeq;
                prev = lastHash;
            }
            List<AuditRecord> chained = new ArrayList<>();
            for (List<AuditRecord> records : group) {
                for (AuditRecord record : records) {
                    seq++;
                    AuditRecord linked = AuditHashing.link(record, node, seq, prev);
                    chained.add(linked);
                    prev = linked.hash();
                }
            }
            List<AuditRecord> stored;
            try {
                stored = store.insertAll(chained);
            } catch (RuntimeException e) {
                reloadHead(); // the queue logs the failure and hands it to every caller of the batch
                throw e instanceof AuditStoreException a ? a
                        : new AuditStoreException("cannot write an audit record: " + e, e);
            }
            synchronized (ChainedAuditWriter.this) {
                lastSeq = seq;
                lastHash = prev;
            }
            listener.written(chained.size(), System.nanoTime() - start);
            List<List<AuditRecord>> results = new ArrayList<>(group.size());
            int from = 0;
            for (List<AuditRecord> records : group) {
                results.add(stored.subList(from, from + records.size()));
                from += records.size();
            }
            return results;
        }

        @Override
        public void committed(List<List<AuditRecord>> group, List<List<AuditRecord>> results) {
            AuditRecord head = results.get(results.size() - 1).get(results.get(results.size() - 1).size() - 1);
            try {
                checkpoints.committed(node, head.seq(), head.hash());
            } catch (RuntimeException e) {
                LOG.error("Checkpoint of {} at seq {} failed; the next one will cover it", node, head.seq(), e);
            }
        }
    }

    private void reloadHead() {
        try {
            loadHead();
        } catch (RuntimeException e) {
            LOG.error("Cannot re-read the head of {}'s chain; the last committed head stays", node, e);
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
        queue.close();
    }
}
