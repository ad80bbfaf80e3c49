package vn.lgsp.hub.core.audit.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lgsp.hub.core.audit.AuditHashing;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.audit.AuditStoreException;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.core.audit.checkpoint.Checkpoint;
import vn.lgsp.hub.core.audit.checkpoint.JdbcCheckpointStore;
import vn.lgsp.hub.core.audit.verify.AuditVerifier;
import vn.lgsp.hub.core.audit.verify.JdbcAuditChain;
import vn.lgsp.hub.core.audit.verify.VerifyReport;

/**
 * Retention of a node's audit chain: records older than {@code retention} are written, in seq order, to
 * signed archive files of at most {@code maxRecordsPerFile} records ({@link ArchiveWriter}), each file
 * verified once on disk, and only then deleted from the database in one transaction that also records the
 * file in {@code audit_archive}. The node's last record always stays, so the chain goes on. Each file is
 * audited (kind OPS, code {@code ARCHIVE}); a failure is audited as {@code ARCHIVE_FAILED} and thrown.
 * A chain that does not verify while being archived is not archived (the evidence stays in the database).
 */
public final class AuditArchiver {

    private static final Logger LOG = LoggerFactory.getLogger(AuditArchiver.class);
    private static final int PAGE = 1000;

    /** Files written by one run for one node. */
    public record Result(String node, List<Path> files, long records) {
    }

    private final JdbcAuditChain chain;
    private final JdbcCheckpointStore checkpoints;
    private final ArchiveIndex index;
    private final AuditStore audit;
    private final AuditSigner signer;
    private final Path dir;
    private final Duration retention;
    private final int maxRecordsPerFile;
    private final Clock clock;

    /**
     * @param audit where ARCHIVE/ARCHIVE_FAILED records are written (the hub's chained writer)
     */
    public AuditArchiver(DataSource dataSource, AuditStore audit, AuditSigner signer, Path dir, Duration retention,
                         int maxRecordsPerFile, Clock clock) {
        this.chain = new JdbcAuditChain(dataSource);
        this.checkpoints = new JdbcCheckpointStore(dataSource);
        this.index = new ArchiveIndex(dataSource);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isZero() || retention.isNegative() || maxRecordsPerFile < 1) {
            throw new IllegalArgumentException("retention must be positive and maxRecordsPerFile at least 1");
        }
        this.maxRecordsPerFile = maxRecordsPerFile;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Archives and deletes the node's records older than the retention. */
    public Result archive(String node) {
        Instant cutoff = clock.instant().minus(retention);
        JdbcAuditChain.Bounds b = chain.bounds(node);
        List<Path> files = new ArrayList<>();
        if (b == null) {
            return new Result(node, files, 0);
        }
        Long youngest = chain.firstSeqFrom(node, cutoff);
        long lastEligible = Math.min(b.last() - 1, youngest == null ? b.last() : youngest - 1);
        long records = 0;
        long from = b.first();
        try {
            while (from <= lastEligible) {
                long to = Math.min(lastEligible, from + maxRecordsPerFile - 1);
                Path file = archiveRange(node, from, to);
                files.add(file);
                records += to - from + 1;
                audit.append(AuditRecord.builder(AuditKind.OPS).code("ARCHIVE").status(200).detail("retention "
                        + retention + ": archived " + (to - from + 1) + " audit records of node " + node + " (seq "
                        + from + ".." + to + ", older than " + cutoff + ") to " + file.getFileName()
                        + " and deleted them from the database").build());
                from = to + 1;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Archiving the audit chain of {} from seq {} failed", node, from, e);
            AuditStoreException failure = new AuditStoreException("archiving the audit chain of " + node + " from seq " + from + " failed: "
                    + e.getMessage(), e);
            try {
                audit.append(AuditRecord.builder(AuditKind.OPS).code("ARCHIVE_FAILED").status(500).detail("retention "
                        + retention + ": archiving node " + node + " from seq " + from + " failed, nothing deleted from"
                        + " there on: " + e.getMessage()).build());
            } catch (RuntimeException auditFailure) {
                failure.addSuppressed(auditFailure);
            }
            throw failure;
        }
        return new Result(node, files, records);
    }

    private Path archiveRange(String node, long from, long to) throws IOException {
        String prev = from == 1 ? AuditHashing.GENESIS : index.lastHash(node, from - 1)
                .orElseThrow(() -> new IllegalStateException("the records before seq " + from + " are neither in the "
                        + "database nor recorded as archived: run 'audit verify' before archiving"));
        AuditRecord last = chain.page(node, to - 1, to, 1).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("record seq " + to + " is missing"));
        List<Checkpoint> cps = checkpoints.between(node, from, to);
        Map<String, String> certs = new LinkedHashMap<>();
        certs.put(signer.keyId(), AuditSigner.encode(signer.certificate()));
        Map<String, X509Certificate> known = checkpoints.keys();
        cps.forEach(cp -> {
            if (known.containsKey(cp.keyId())) {
                certs.putIfAbsent(cp.keyId(), AuditSigner.encode(known.get(cp.keyId())));
            }
        });
        ArchiveHeader header = new ArchiveHeader(node, from, to, to - from + 1, prev, last.hash(), clock.instant(),
                cps, certs);
        ArchiveWriter writer = new ArchiveWriter(dir, header);
        Path file;
        try {
            copy(node, from, to, prev, writer);
            file = writer.finish(signer);
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
        VerifyReport check = AuditVerifier.offline(clock).verify(null, null, List.of(file));
        if (!check.ok() || check.archives().get(0).records() != header.count()) {
            throw new IllegalStateException("archive " + file.getFileName() + " does not verify after writing: "
                    + check.firstBreak() + "; it is kept for inspection and nothing was deleted");
        }
        index.moveOut(node, header, file.getFileName().toString(), ArchiveSignature.sha256(file));
        return file;
    }

    /** Streams the range into the writer, refusing records that do not verify. */
    private void copy(String node, long from, long to, String prev, ArchiveWriter writer) throws IOException {
        long expectSeq = from;
        String expectPrev = prev;
        long after = from - 1;
        while (after < to) {
            List<AuditRecord> page = chain.page(node, after, to, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (AuditRecord r : page) {
                if (r.seq() != expectSeq || !expectPrev.equals(r.prevHash()) || !AuditHashing.hash(r).equals(r.hash())) {
                    throw new IllegalStateException("the chain of " + node + " does not verify at seq " + r.seq()
                            + " (id " + r.id() + "): run 'audit verify'; nothing is archived from there on");
                }
                writer.write(r);
                expectSeq++;
                expectPrev = r.hash();
                after = r.seq();
            }
        }
        if (expectSeq != to + 1) {
            throw new IllegalStateException("record seq " + expectSeq + " of " + node + " is missing: run 'audit verify'");
        }
    }
}
