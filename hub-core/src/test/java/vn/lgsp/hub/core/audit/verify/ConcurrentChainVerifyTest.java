package vn.lgsp.hub.core.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditRecord;

/** Concurrent writers with checkpoints on keep one gapless chain that verifies, signed checkpoints included. */
class ConcurrentChainVerifyTest {

    @Test
    void concurrentWritersKeepAGaplessChainWithValidCheckpoints() throws Exception {
        DataSource ds = AuditTestSupport.h2();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (AuditTestSupport.Chain chain = new AuditTestSupport.Chain(ds, "node-c", 100)) {
            List<Future<AuditRecord>> results = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                long n = i;
                results.add(pool.submit(() -> chain.writer.append(AuditTestSupport.record(n, Instant.now()))));
            }
            for (Future<AuditRecord> f : results) {
                assertThat(f.get().seq()).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }

        VerifyReport report = new AuditVerifier(ds, List.of(), Clock.systemUTC()).verify(null, null, List.of());

        assertThat(report.ok()).as(report.toText()).isTrue();
        assertThat(report.nodes()).singleElement().satisfies(n -> {
            assertThat(n.records()).isEqualTo(2000);
            assertThat(n.lastSeq()).isEqualTo(2000);
            assertThat(n.checkpoints()).isGreaterThanOrEqualTo(10);
        });
    }
}
