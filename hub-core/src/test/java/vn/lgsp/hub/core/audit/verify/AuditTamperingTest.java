package vn.lgsp.hub.core.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lgsp.hub.core.audit.verify.AuditTestSupport.update;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditHashing;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.JdbcAuditStore;

/**
 * Tampering directly in the database (update, delete, insert, swap, rewrite, truncate, forged checkpoint):
 * the verifier names the record. Run on every database by a subclass.
 */
abstract class AuditTamperingTest {

    static final String NODE = "node-a";
    static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");

    protected abstract DataSource dataSource();

    private List<AuditRecord> chain;

    @BeforeEach
    void writeChain() {
        AuditTestSupport.clean(dataSource());
        try (AuditTestSupport.Chain c = new AuditTestSupport.Chain(dataSource(), NODE, 10)) {
            chain = c.write(50, i -> BASE.plusSeconds(60 * i));
        }
    }

    private VerifyReport verify(Instant from, Instant to) {
        VerifyReport report = new AuditVerifier(dataSource(), List.of(AuditTestSupport.signer().certificate()),
                Clock.systemUTC()).verify(from, to, List.of());
        assertThat(report.toText()).isNotBlank();
        return report;
    }

    private VerifyReport verify() {
        return verify(null, null);
    }

    private AuditRecord at(long seq) {
        return chain.get((int) seq - 1);
    }

    private static void assertBreak(VerifyReport report, ProblemKind kind, long seq, Long id) {
        assertThat(report.ok()).as(report.toText()).isFalse();
        assertThat(report.firstBreak()).as(report.toText()).satisfies(p -> {
            assertThat(p.kind()).isEqualTo(kind);
            assertThat(p.node()).isEqualTo(NODE);
            assertThat(p.seq()).isEqualTo(seq);
            if (id != null) {
                assertThat(p.id()).isEqualTo(id);
            }
        });
    }

    /** Overwrites every column of row {@code id} but id and seq with {@code r}'s values. */
    private void overwrite(long id, AuditRecord r) {
        update(dataSource(), "UPDATE audit_record SET time = ?, exchange_id = ?, request_id = ?, detail = ?, "
                + "duration_ms = ?, request_bytes = ?, response_bytes = ?, prev_hash = ?, hash = ? WHERE id = ?",
                java.time.OffsetDateTime.ofInstant(r.time(), java.time.ZoneOffset.UTC), r.exchangeId(), r.requestId(),
                r.detail(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.prevHash(), r.hash(), id);
    }

    @Test
    void anIntactChainVerifies() {
        VerifyReport report = verify();

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.firstBreak()).isNull();
        assertThat(report.nodes()).singleElement().satisfies(n -> {
            assertThat(n.node()).isEqualTo(NODE);
            assertThat(n.records()).isEqualTo(50);
            assertThat(n.firstSeq()).isEqualTo(1);
            assertThat(n.lastSeq()).isEqualTo(50);
            assertThat(n.lastHash()).isEqualTo(at(50).hash());
            assertThat(n.checkpoints()).isEqualTo(5);
            assertThat(n.anchor()).isEqualTo("genesis");
        });
        assertThat(report.keys()).extracting(KeyInfo::keyId).contains(AuditTestSupport.signer().keyId());
        assertThat(report.toText()).startsWith("AUDIT CHAIN OK");
    }

    @Test
    void anUpdatedFieldIsNamedChanged() {
        update(dataSource(), "UPDATE audit_record SET detail = ? WHERE node = ? AND seq = 17", "Đã sửa", NODE);

        VerifyReport report = verify();

        assertBreak(report, ProblemKind.CHANGED, 17, at(17).id());
        assertThat(report.problemCount()).as(report.toText()).isEqualTo(1);
        assertThat(report.toText()).contains("AUDIT CHAIN BROKEN", "FIRST BREAK: CHANGED node-a seq 17");
    }

    @Test
    void aDeletedRowIsNamedWithItsNeighbours() {
        update(dataSource(), "DELETE FROM audit_record WHERE node = ? AND seq = 23", NODE);

        VerifyReport report = verify();

        assertBreak(report, ProblemKind.DELETED, 23, null);
        assertThat(report.firstBreak().detail()).contains("seq 22 (id " + at(22).id() + ")")
                .contains("seq 24 (id " + at(24).id() + ")");
        assertThat(report.problemCount()).as(report.toText()).isEqualTo(1);
    }

    @Test
    void aForgedRowAtTheEndIsNamedInserted() {
        AuditRecord forged = AuditHashing.link(AuditTestSupport.record(99, BASE.plusSeconds(99_999)), NODE, 51,
                "ab".repeat(32));
        AuditRecord stored = new JdbcAuditStore(dataSource(), NODE).insertAll(List.of(forged)).get(0);

        assertBreak(verify(), ProblemKind.INSERTED, 51, stored.id());
    }

    @Test
    void aRowInsertedByRenumberingTheRestIsNamed() {
        update(dataSource(), "UPDATE audit_record SET seq = seq + 1000 WHERE node = ? AND seq > 30", NODE);
        update(dataSource(), "UPDATE audit_record SET seq = seq - 999 WHERE node = ? AND seq > 1000", NODE);
        AuditRecord forged = AuditHashing.link(AuditTestSupport.record(99, at(30).time()), NODE, 31, at(30).hash());
        AuditRecord stored = new JdbcAuditStore(dataSource(), NODE).insertAll(List.of(forged)).get(0);

        assertBreak(verify(), ProblemKind.INSERTED, 31, stored.id());
    }

    @Test
    void aRowDeletedWithTheGapClosedIsNamed() {
        update(dataSource(), "DELETE FROM audit_record WHERE node = ? AND seq = 23", NODE);
        update(dataSource(), "UPDATE audit_record SET seq = seq - 1 WHERE node = ? AND seq > 23", NODE);

        VerifyReport report = verify();

        assertBreak(report, ProblemKind.DELETED, 23, at(24).id());
    }

    @Test
    void twoRowsSwappedInTheChainAreNamedReorderedAtTheFirst() {
        update(dataSource(), "UPDATE audit_record SET seq = NULL WHERE id = ?", at(12).id());
        update(dataSource(), "UPDATE audit_record SET seq = 12 WHERE id = ?", at(25).id());
        update(dataSource(), "UPDATE audit_record SET seq = 25 WHERE id = ?", at(12).id());

        assertBreak(verify(), ProblemKind.REORDERED, 12, at(25).id());
    }

    @Test
    void theContentsOfTwoRowsSwappedAreNamedReorderedAtTheFirst() {
        overwrite(at(12).id(), at(25));
        overwrite(at(25).id(), at(12));

        VerifyReport report = verify();

        assertBreak(report, ProblemKind.REORDERED, 12, at(12).id());
        assertThat(report.problems()).extracting(Problem::seq).contains(25L);
    }

    @Test
    void aForgedCheckpointSignatureIsNamed() {
        update(dataSource(), "UPDATE audit_checkpoint SET signature = (SELECT signature FROM audit_checkpoint "
                + "WHERE node = ? AND seq = 30) WHERE node = ? AND seq = 20", NODE, NODE);

        VerifyReport report = verify();

        assertBreak(report, ProblemKind.BAD_SIGNATURE, 20, null);
        assertThat(report.nodes().get(0).checkpoints()).isEqualTo(4);
    }

    @Test
    void aChainRewrittenWithNewHashesIsCaughtByTheFirstSignedCheckpoint() {
        String prev = at(16).hash();
        for (long seq = 17; seq <= 50; seq++) {
            AuditRecord r = at(seq);
            AuditRecord changed = seq == 17 ? new AuditRecord(r.id(), r.node(), r.seq(), r.time(), r.kind(),
                    r.exchangeId(), r.requestId(), "000.00.99.H99", r.provider(), r.service(), r.topic(),
                    r.subscriber(), r.purpose(), r.subjectKeys(), r.status(), r.code(), r.durationMs(),
                    r.requestBytes(), r.responseBytes(), r.requestSha256(), r.responseSha256(), r.detail(), null, null)
                    : r;
            AuditRecord relinked = AuditHashing.link(changed, NODE, seq, prev);
            update(dataSource(), "UPDATE audit_record SET consumer = ?, prev_hash = ?, hash = ? WHERE id = ?",
                    relinked.consumer(), relinked.prevHash(), relinked.hash(), r.id());
            prev = relinked.hash();
        }

        assertBreak(verify(), ProblemKind.CHECKPOINT_MISMATCH, 20, at(20).id());
    }

    @Test
    void aTruncatedChainIsCaughtByItsLastCheckpoint() {
        update(dataSource(), "DELETE FROM audit_record WHERE node = ? AND seq > 45", NODE);

        VerifyReport report = verify();

        assertBreak(report, ProblemKind.DELETED, 46, null);
        assertThat(report.firstBreak().detail()).contains("46..50");
    }

    @Test
    void aRowOutsideTheChainIsReported() {
        AuditRecord loose = new JdbcAuditStore(dataSource(), NODE).append(AuditTestSupport.record(7, BASE));

        VerifyReport report = verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.firstBreak().kind()).isEqualTo(ProblemKind.UNCHAINED);
        assertThat(report.firstBreak().id()).isEqualTo(loose.id());
    }

    @Test
    void checkpointsOfAnUnknownKeyAreReported() {
        update(dataSource(), "DELETE FROM audit_signing_key");

        VerifyReport report = new AuditVerifier(dataSource(), List.of(), Clock.systemUTC()).verify(null, null, List.of());

        assertBreak(report, ProblemKind.UNKNOWN_KEY, 10, null);
    }

    @Test
    void aTimeRangeStartsAtTheCheckpointBeforeIt() {
        update(dataSource(), "UPDATE audit_record SET detail = 'x' WHERE node = ? AND seq = 5", NODE);

        VerifyReport later = verify(at(25).time(), null);

        assertThat(later.ok()).as(later.toText()).isTrue();
        assertThat(later.nodes()).singleElement().satisfies(n -> {
            assertThat(n.anchor()).contains("checkpoint at seq 20");
            assertThat(n.firstSeq()).isEqualTo(20);
            assertThat(n.records()).isEqualTo(31);
        });
        assertBreak(verify(null, at(10).time()), ProblemKind.CHANGED, 5, at(5).id());

        update(dataSource(), "UPDATE audit_record SET detail = 'y' WHERE node = ? AND seq = 27", NODE);
        VerifyReport window = verify(at(25).time(), at(35).time());
        assertBreak(window, ProblemKind.CHANGED, 27, at(27).id());
        assertThat(window.nodes().get(0).lastSeq()).isEqualTo(35);
    }
}
