package vn.lgsp.hub.core.audit.verify;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;
import vn.lgsp.hub.core.audit.checkpoint.JdbcCheckpointStore;

/**
 * Verifies every node's audit chain: in the database (streamed in pages of {@value #PAGE} records), in archive
 * files, or both (an archive's last record links to the next archive or to the database). Checks seq
 * continuity, each record's hash, each link, the row order, every checkpoint's signature and that the record
 * at its seq has the signed hash, and each archive's detached signature. Names the first broken record.
 *
 * <p>{@code from}/{@code to} restrict the database records by time; the check still links to what came
 * before: it starts at the latest valid checkpoint before {@code from} (or the record just before it).
 */
public final class AuditVerifier {

    static final int PAGE = 1000;
    private static final String DATABASE = "database";

    private final JdbcAuditChain chain;
    private final JdbcCheckpointStore checkpoints;
    private final List<X509Certificate> localCertificates;
    private final Set<String> trustedKeyIds;
    private final Clock clock;

    /**
     * @param dataSource        the hub's database, or null to verify archive files only (offline)
     * @param localCertificates certificates known without the database (this node's keystore)
     */
    public AuditVerifier(DataSource dataSource, List<X509Certificate> localCertificates, Clock clock) {
        this(dataSource, localCertificates, Set.of(), clock);
    }

    /**
     * @param trustedKeyIds when not empty, only signatures by these keys (hex SHA-256 of the public key) are
     *                      accepted; others are reported as UNKNOWN_KEY
     */
    public AuditVerifier(DataSource dataSource, List<X509Certificate> localCertificates, Set<String> trustedKeyIds,
                         Clock clock) {
        this.trustedKeyIds = Set.copyOf(trustedKeyIds);
        this.chain = dataSource == null ? null : new JdbcAuditChain(dataSource);
        this.checkpoints = dataSource == null ? null : new JdbcCheckpointStore(dataSource);
        this.localCertificates = List.copyOf(localCertificates);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Verifies archive files without a database. */
    public static AuditVerifier offline(Clock clock) {
        return new AuditVerifier(null, List.of(), clock);
    }

    /**
     * @param from     only database records from this time (null: from the start)
     * @param to       only database records up to this time (null: to the head)
     * @param archives archive files to verify with (each needs its {@code .sig} beside it)
     */
    public VerifyReport verify(Instant from, Instant to, List<Path> archives) {
        Instant started = clock.instant();
        Findings findings = new Findings();
        KeyRing keys = new KeyRing(trustedKeyIds);
        localCertificates.forEach(c -> keys.add(c, "keystore"));
        if (checkpoints != null) {
            checkpoints.keys().values().forEach(c -> keys.add(c, DATABASE));
        }
        Map<String, List<ArchiveCheck.Opened>> byNode = new TreeMap<>();
        List<ArchiveSummary> archiveSummaries = new ArrayList<>();
        for (Path file : archives) {
            ArchiveCheck.Opened o = ArchiveCheck.inspect(file, keys, findings);
            if (o.header() == null) {
                archiveSummaries.add(new ArchiveSummary(o.name(), null, 0, 0, 0, o.sha256(), o.keyId(), false));
            } else {
                byNode.computeIfAbsent(o.header().node(), n -> new ArrayList<>()).add(o);
            }
        }
        TreeSet<String> nodes = new TreeSet<>(byNode.keySet());
        if (chain != null) {
            nodes.addAll(chain.nodes());
        }
        List<NodeSummary> nodeSummaries = new ArrayList<>();
        for (String node : nodes) {
            ChainCursor cursor = new ChainCursor(node, findings);
            List<ArchiveCheck.Opened> files = new ArrayList<>(byNode.getOrDefault(node, List.of()));
            files.sort(Comparator.comparingLong(o -> o.header().firstSeq()));
            for (ArchiveCheck.Opened o : files) {
                archiveSummaries.add(ArchiveCheck.feed(o, cursor, keys, findings));
            }
            if (chain != null) {
                database(node, cursor, from, to, keys, findings);
            }
            nodeSummaries.add(cursor.finish(to == null, chain == null ? "archives" : DATABASE));
        }
        if (chain != null) {
            for (AuditRecord r : chain.unchained(Findings.MAX)) {
                if ((from == null || !r.time().isBefore(from)) && (to == null || !r.time().isAfter(to))) {
                    findings.add(new Problem(ProblemKind.UNCHAINED, r.node(), null, r.id(), DATABASE, "row id " + r.id()
                            + " (" + r.kind() + ", " + r.time() + ") has no seq: it is in no chain (written around"
                            + " the chained writer, or inserted)"));
                }
            }
        }
        List<Problem> problems = findings.problems();
        return new VerifyReport(findings.count() == 0, started, from, to, problems.isEmpty() ? null : problems.get(0),
                findings.count(), problems, nodeSummaries, archiveSummaries, keys.infos());
    }

    private void database(String node, ChainCursor cursor, Instant from, Instant to, KeyRing keys, Findings findings) {
        JdbcAuditChain.Bounds b = chain.bounds(node);
        long end = b == null ? 0 : b.last();
        if (to != null) {
            Long last = chain.lastSeqUntil(node, to);
            end = last == null ? 0 : last;
        }
        long start = b == null ? Math.max(1, cursor.expectedSeq() == null ? 1 : cursor.expectedSeq()) : b.first();
        Long fromSeq = from == null || b == null ? null : chain.firstSeqFrom(node, from);
        if (from != null && b != null && fromSeq == null) {
            return; // nothing at or after from
        }
        if (fromSeq != null && fromSeq - 1 > b.first()) {
            Checkpoint cp = checkpoints.atOrBefore(node, fromSeq - 1).filter(c -> c.seq() >= b.first())
                    .filter(c -> keys.check(c) == null).orElse(null);
            start = cp != null ? cp.seq() : fromSeq - 1;
            Long expected = cursor.expectedSeq();
            if (expected != null && start < expected) {
                start = expected; // archives given already cover these records
            } else if (expected == null || start > expected) {
                cursor.restart(cp != null ? "checkpoint at seq " + cp.seq() + " signed " + cp.time()
                        : "record seq " + start + " (unsigned; no checkpoint before " + from + ")");
            }
        } else if (b != null && !cursor.anchored()) {
            anchorStart(node, b.first(), cursor, findings);
        }
        long after = start - 1;
        while (b != null && after < end) {
            List<AuditRecord> page = chain.page(node, after, end, PAGE);
            if (page.isEmpty()) {
                break;
            }
            long upTo = page.size() < PAGE ? end : page.get(page.size() - 1).seq();
            expectCheckpoints(node, after + 1, upTo, cursor, keys, findings);
            page.forEach(r -> cursor.accept(r, DATABASE));
            after = upTo;
        }
        expectCheckpoints(node, after + 1, to == null ? Long.MAX_VALUE : end, cursor, keys, findings);
    }

    /** Links the first record in the database to genesis or to the recorded archive before it. */
    private void anchorStart(String node, long first, ChainCursor cursor, Findings findings) {
        if (first == 1) {
            cursor.anchorGenesis();
            return;
        }
        List<JdbcAuditChain.ArchivedRange> archived = chain.archived(node);
        JdbcAuditChain.ArchivedRange before = null;
        for (JdbcAuditChain.ArchivedRange r : archived) {
            if (r.lastSeq() < first) {
                before = r;
            }
        }
        if (before != null && before.lastSeq() == first - 1) {
            cursor.anchorAt(before.lastSeq(), before.lastHash(), "archive " + before.file() + " (recorded in audit_archive)");
            return;
        }
        long missingFrom = before == null ? 1 : before.lastSeq() + 1;
        findings.add(new Problem(ProblemKind.DELETED, node, missingFrom, null, DATABASE, "records seq " + missingFrom
                + ".." + (first - 1) + " are missing: the database starts at seq " + first
                + " and no archive of them is recorded"));
        cursor.restart("first record in the database (seq " + first + "; nothing before it)");
    }

    private void expectCheckpoints(String node, long fromSeq, long toSeq, ChainCursor cursor, KeyRing keys,
                                   Findings findings) {
        if (fromSeq > toSeq) {
            return;
        }
        for (Checkpoint cp : checkpoints.between(node, fromSeq, toSeq)) {
            ProblemKind bad = keys.check(cp);
            if (bad == null) {
                cursor.expect(cp);
            } else {
                findings.add(new Problem(bad, node, cp.seq(), null, DATABASE, "checkpoint id " + cp.id() + " at seq "
                        + cp.seq() + " signed " + cp.time() + (bad == ProblemKind.UNKNOWN_KEY ? ": key " + cp.keyId()
                        + " is not known or not trusted" : ": the signature is not valid (the checkpoint was forged or changed)")));
            }
        }
    }
}
