package vn.lgsp.hub.core.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.verify.AuditTestSupport;

/** Checkpoints every N records, on a timer when the head moved, on close, and after a restart. */
class SigningCheckpointsTest {

    private final DataSource ds = AuditTestSupport.h2();
    private JdbcCheckpointStore store;
    private AuditSigner signer;

    @BeforeEach
    void setUp() {
        store = new JdbcCheckpointStore(ds);
        signer = AuditTestSupport.signer();
    }

    private static String hash(long seq) {
        return String.format("%064x", seq);
    }

    private Optional<Long> lastSeq(String node) {
        return store.last(node).map(Checkpoint::seq);
    }

    @Test
    void signsEveryNRecordsAndTheMovedHeadOnTickAndClose() {
        try (SigningCheckpoints cps = new SigningCheckpoints(store, signer, 10, Duration.ZERO, Clock.systemUTC())) {
            for (long seq = 1; seq <= 25; seq++) {
                cps.committed("node-a", seq, hash(seq));
            }
            assertThat(store.between("node-a", 1, 100)).extracting(Checkpoint::seq).containsExactly(10L, 20L);
            assertThat(cps.tick()).isEqualTo(1);
            assertThat(cps.tick()).as("head did not move").isZero();
            cps.committed("node-a", 26, hash(26));
        }
        assertThat(store.between("node-a", 1, 100)).extracting(Checkpoint::seq).containsExactly(10L, 20L, 25L, 26L);
        Checkpoint cp = store.last("node-a").orElseThrow();
        assertThat(cp.hash()).isEqualTo(hash(26));
        assertThat(cp.keyId()).isEqualTo(signer.keyId());
        assertThat(AuditSigner.verify(signer.certificate().getPublicKey(), cp.algorithm(), cp.signedContent(),
                cp.signature())).isTrue();
    }

    @Test
    void continuesFromTheLastCheckpointAfterARestart() {
        try (SigningCheckpoints first = new SigningCheckpoints(store, signer, 10, Duration.ZERO, Clock.systemUTC())) {
            first.committed("node-b", 12, hash(12));
        }
        try (SigningCheckpoints second = new SigningCheckpoints(store, signer, 10, Duration.ZERO, Clock.systemUTC())) {
            second.committed("node-b", 15, hash(15));
            assertThat(lastSeq("node-b")).contains(12L);
            second.committed("node-b", 22, hash(22));
            assertThat(lastSeq("node-b")).contains(22L);
        }
    }

    @Test
    void theTimerSignsAMovedHead() {
        try (SigningCheckpoints cps = new SigningCheckpoints(store, signer, 1000, Duration.ofMillis(100),
                Clock.systemUTC())) {
            cps.committed("node-c", 3, hash(3));
            await().atMost(Duration.ofSeconds(10)).until(() -> lastSeq("node-c").orElse(0L) == 3L);
            cps.committed("node-c", 4, hash(4));
            await().atMost(Duration.ofSeconds(10)).until(() -> lastSeq("node-c").orElse(0L) == 4L);
        }
    }
}
