package vn.lgsp.hub.core.audit.checkpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.core.audit.AuditCheckpoints;

/**
 * Signs checkpoints of the chain heads the {@link vn.lgsp.hub.core.audit.ChainedAuditWriter} commits: when a
 * node's head is {@code everyRecords} or more past its last checkpoint, and, from a background timer every
 * {@code every}, when the head moved since the last checkpoint. {@link #close} signs a moved head one last time.
 */
public final class SigningCheckpoints implements AuditCheckpoints, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SigningCheckpoints.class);

    private final JdbcCheckpointStore store;
    private final AuditSigner signer;
    private final long everyRecords;
    private final Clock clock;
    private final Map<String, Head> heads = new HashMap<>();
    private final Map<String, Long> signedSeq = new HashMap<>();
    private final ScheduledExecutorService timer;

    private record Head(long seq, String hash) {
    }

    /**
     * @param store        where checkpoints are written
     * @param signer       the node's key
     * @param everyRecords sign when a head is this many records past the last checkpoint (0: never by count)
     * @param every        sign a moved head this often (zero or negative: no timer)
     * @param clock        time written into checkpoints
     */
    public SigningCheckpoints(JdbcCheckpointStore store, AuditSigner signer, long everyRecords, Duration every,
                              Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.everyRecords = everyRecords;
        this.clock = Objects.requireNonNull(clock, "clock");
        if (every != null && !every.isZero() && !every.isNegative()) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audit-checkpoints");
                t.setDaemon(true);
                return t;
            });
            long millis = every.toMillis();
            timer.scheduleAtFixedRate(this::tickSafely, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    @Override
    public synchronized void committed(String node, long seq, String hash) {
        heads.put(node, new Head(seq, hash));
        if (everyRecords > 0 && seq - signedSeq(node) >= everyRecords) {
            sign(node, seq, hash);
        }
    }

    /** Signs every head that moved since its node's last checkpoint; returns how many were signed. */
    public synchronized int tick() {
        int signed = 0;
        for (Map.Entry<String, Head> e : heads.entrySet()) {
            Head head = e.getValue();
            if (head.seq() > signedSeq(e.getKey())) {
                sign(e.getKey(), head.seq(), head.hash());
                signed++;
            }
        }
        return signed;
    }

    /** The latest checkpoint this node's chain has (from the database). */
    public Optional<Checkpoint> last(String node) {
        return store.last(node);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Periodic audit checkpoint failed; the next tick retries", e);
        }
    }

    private long signedSeq(String node) {
        return signedSeq.computeIfAbsent(node, n -> store.last(n).map(Checkpoint::seq).orElse(0L));
    }

    private void sign(String node, long seq, String hash) {
        Instant now = clock.instant();
        Checkpoint cp = store.insert(Checkpoint.sign(signer, node, seq, hash, now));
        signedSeq.put(node, seq);
        LOG.debug("Signed audit checkpoint {} seq {} ({})", node, seq, cp.keyId());
    }

    /** Stops the timer, then signs heads that moved since their last checkpoint. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        tick();
    }
}
