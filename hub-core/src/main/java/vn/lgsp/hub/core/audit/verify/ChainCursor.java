package vn.lgsp.hub.core.audit.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import vn.lgsp.hub.core.audit.AuditHashing;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;

/**
 * Walks one node's chain in seq order (archives, then the database) and names what is wrong: gaps in seq
 * (DELETED), contents that do not match their hash (CHANGED), records that do not link to the previous one
 * (INSERTED; REORDERED when it turns out to link to a later record), rows whose ids run against the seq order
 * (REORDERED), and signed checkpoints the records do not match. Holds one record back, to compare ids with the
 * next record.
 */
final class ChainCursor {

    private static final int MAX_ORPHANS = 100;

    private final String node;
    private final Findings findings;
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final Map<String, Problem> orphans = new LinkedHashMap<>();
    private final Map<String, Integer> orphanIndex = new LinkedHashMap<>();
    private Long expectedSeq;
    private String expectedPrev;
    private String prev2Hash;
    private Long lastGoodId;
    private Long lastId;
    private boolean previousFlagged;
    private String anchor = "first record checked (unlinked)";
    private AuditRecord pending;
    private String pendingSource;
    private long records;
    private long firstSeq;
    private long lastSeq;
    private String lastHash;
    private long checkpointsOk;

    ChainCursor(String node, Findings findings) {
        this.node = node;
        this.findings = findings;
    }

    boolean anchored() {
        return expectedSeq != null || pending != null;
    }

    /** The seq the next record must have (null before the first record when not anchored). */
    Long expectedSeq() {
        return pending != null ? Long.valueOf(pending.seq() + 1) : expectedSeq;
    }

    /** The chain starts at seq 1, linked to GENESIS. */
    void anchorGenesis() {
        anchorAt(0, AuditHashing.GENESIS, "genesis");
    }

    /** The next record must be {@code seq + 1} with prevHash {@code hash}. */
    void anchorAt(long seq, String hash, String description) {
        expectedSeq = seq + 1;
        expectedPrev = hash;
        anchor = description;
    }

    /** Continues after records known to be missing (already reported): the next record is {@code seq + 1}. */
    void resumeAt(long seq, String hash) {
        flush();
        expectedSeq = seq + 1;
        expectedPrev = hash;
        prev2Hash = null;
        previousFlagged = false;
    }

    /** Forgets the links: the next record starts a new stretch (e.g. {@code --from} skipped records). */
    void restart(String description) {
        flush();
        expectedSeq = null;
        expectedPrev = null;
        prev2Hash = null;
        lastGoodId = null;
        if (records == 0) {
            anchor = description;
        }
    }

    /** A checkpoint with a valid signature: the record at its seq must have its hash. */
    void expect(Checkpoint cp) {
        checkpoints.put(cp.seq(), cp);
    }

    void accept(AuditRecord r, String source) {
        if (pending != null) {
            check(pending, pendingSource, r);
        }
        pending = r;
        pendingSource = source;
    }

    /** Checks the record held back. */
    void flush() {
        if (pending != null) {
            AuditRecord r = pending;
            pending = null;
            check(r, pendingSource, null);
        }
    }

    /**
     * Ends the walk. With {@code toHead}, a signed checkpoint past the last record means the chain was cut short.
     */
    NodeSummary finish(boolean toHead, String source) {
        flush();
        if (toHead && !checkpoints.isEmpty() && checkpoints.lastKey() > lastSeq) {
            Checkpoint cp = checkpoints.lastEntry().getValue();
            findings.add(new Problem(ProblemKind.DELETED, node, lastSeq + 1, null, source, "the chain ends at seq "
                    + lastSeq + " but checkpoint " + cp.time() + " signed seq " + cp.seq() + ": records seq "
                    + (lastSeq + 1) + ".." + cp.seq() + " were deleted"));
        }
        return new NodeSummary(node, records, firstSeq, lastSeq, lastHash, checkpointsOk, anchor, !findings.any(node));
    }

    private void check(AuditRecord r, String source, AuditRecord next) {
        boolean gap = false;
        if (expectedSeq != null && r.seq() < expectedSeq) {
            if (r.seq() == lastSeq && r.hash() != null && r.hash().equals(lastHash)) {
                return; // the same record again (an archive overlapping the database)
            }
            findings.add(problem(ProblemKind.INSERTED, r, source, "seq " + r.seq() + " appears again after seq "
                    + lastSeq + " (a duplicated record or overlapping archives)"));
            return;
        }
        if (expectedSeq != null && r.seq() > expectedSeq) {
            gap = true;
            String before = records == 0 ? anchor : "seq " + lastSeq + (lastId == null ? "" : " (id " + lastId + ")");
            findings.add(new Problem(ProblemKind.DELETED, node, expectedSeq, null, source, "records seq " + expectedSeq
                    + (r.seq() - 1 > expectedSeq ? ".." + (r.seq() - 1) : "") + " are missing: after " + before
                    + " comes seq " + r.seq() + (r.id() == null ? "" : " (id " + r.id() + ")")));
        }
        String recomputed = AuditHashing.hash(r);
        boolean hashOk = recomputed.equals(r.hash());
        boolean linkOk = gap || previousFlagged || expectedPrev == null || expectedPrev.equals(r.prevHash());
        Problem p = null;
        if (!linkOk && prev2Hash != null && prev2Hash.equals(r.prevHash())) {
            p = new Problem(ProblemKind.INSERTED, node, lastSeq, lastId, source, "seq " + r.seq()
                    + " links to seq " + (lastSeq - 1) + ", so seq " + lastSeq + " (id " + lastId
                    + ") was inserted into the chain");
            lastGoodId = null;
        } else if ((!hashOk || !linkOk) && outOfOrder(r, next)) {
            p = problem(ProblemKind.REORDERED, r, source, "row id " + r.id() + " is out of order with its neighbours"
                    + " (previous id " + lastGoodId + (next == null ? "" : ", next id " + next.id())
                    + ") and does not fit here: the row was moved or swapped");
        } else if (!hashOk && shifted(r, -1)) {
            if (!findings.any(node)) {
                p = problem(ProblemKind.REORDERED, r, source, "this is the record of seq " + (r.seq() - 1)
                        + ", renumbered to " + r.seq());
            }
        } else if (!hashOk && shifted(r, 1)) {
            if (!findings.any(node)) {
                p = problem(ProblemKind.DELETED, r, source, "this is the record of seq " + (r.seq() + 1)
                        + ", renumbered to " + r.seq() + ": the record before it was deleted and the gap closed");
            }
        } else if (!linkOk) {
            p = problem(ProblemKind.INSERTED, r, source, (hashOk ? "its prevHash " + r.prevHash()
                    + " is not the hash of seq " + lastSeq + " (" + expectedPrev + "): this record was inserted or"
                    + " replaced, or seq " + lastSeq + " was rewritten"
                    : "neither its hash nor its prevHash match: this record was forged or replaced"));
        } else if (!hashOk) {
            p = problem(ProblemKind.CHANGED, r, source, "its content does not match its hash (stored " + r.hash()
                    + ", recomputed " + recomputed + "): a field was changed");
        }
        if (p != null) {
            int index = findings.add(p);
            if (!linkOk && r.prevHash() != null && orphans.size() < MAX_ORPHANS) {
                orphans.put(r.prevHash(), p);
                orphanIndex.put(r.prevHash(), index);
            }
        }
        Problem earlier = r.hash() == null ? null : orphans.remove(r.hash());
        if (earlier != null) {
            findings.replace(orphanIndex.remove(r.hash()), new Problem(ProblemKind.REORDERED, earlier.node(),
                    earlier.seq(), earlier.id(), earlier.source(), "the record at seq " + earlier.seq()
                    + " belongs after seq " + r.seq() + " (its prevHash is the hash of seq " + r.seq()
                    + "): records were moved or swapped"));
        }
        Checkpoint cp = checkpoints.remove(r.seq());
        if (cp != null) {
            if (cp.hash().equals(r.hash())) {
                checkpointsOk++;
            } else {
                findings.add(problem(ProblemKind.CHECKPOINT_MISMATCH, r, source, "checkpoint " + cp.time()
                        + " (key " + cp.keyId() + ") signed hash " + cp.hash() + " but the record has " + r.hash()
                        + ": the record was rewritten after it was signed"));
            }
        }
        previousFlagged = p != null;
        if (!previousFlagged && r.id() != null) {
            lastGoodId = r.id();
        }
        if (records == 0) {
            firstSeq = r.seq();
        }
        records++;
        prev2Hash = expectedPrev;
        expectedPrev = r.hash();
        expectedSeq = r.seq() + 1;
        lastSeq = r.seq();
        lastHash = r.hash();
        lastId = r.id();
    }

    /** The stored hash is the one the record would have with seq moved by {@code delta}: it was renumbered. */
    private static boolean shifted(AuditRecord r, int delta) {
        return r.hash() != null && r.seq() + delta > 0
                && AuditHashing.link(r, r.node(), r.seq() + delta, r.prevHash()).hash().equals(r.hash());
    }

    /** The row's id runs against seq order in a way that makes this row, not its neighbour, the misplaced one. */
    private boolean outOfOrder(AuditRecord r, AuditRecord next) {
        if (r.id() == null) {
            return false;
        }
        if (lastGoodId != null && r.id() < lastGoodId) {
            return true;
        }
        return next != null && next.id() != null && next.seq() == r.seq() + 1 && next.id() < r.id()
                && (lastGoodId == null || next.id() > lastGoodId);
    }

    private Problem problem(ProblemKind kind, AuditRecord r, String source, String detail) {
        return new Problem(kind, node, r.seq(), r.id(), source, detail);
    }
}
