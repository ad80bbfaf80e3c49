package vn.lgsp.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group commit keeps one gapless, correctly linked chain per node under concurrent writers. */
class ChainedAuditWriterTest {

    private DataSource dataSource;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:chain-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
        vn.lgsp.hub.core.testing.MigratedDatabase.migrate(dataSource);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM audit_record");
        }
    }

    @Test
    void concurrentWritersProduceAGaplessVerifiableChain() throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(dataSource, "node-a");
        List<Future<AuditRecord>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (ChainedAuditWriter writer = new ChainedAuditWriter(store, "node-a", AuditCheckpoints.NONE, 50)) {
            for (int i = 0; i < 2000; i++) {
                int n = i;
                results.add(pool.submit(() -> writer.append(AuditRecord.builder(AuditKind.CALL)
                        .exchangeId("ex-" + n).consumer("000.00.01.H99").detail("Nguyễn Thị Mai " + n).status(200)
                        .build())));
            }
            for (Future<AuditRecord> f : results) {
                assertThat(f.get().id()).isNotNull();
            }
            assertThat(writer.lastSeq()).isEqualTo(2000);
        } finally {
            pool.shutdownNow();
        }
        List<AuditRecord> chain = chainOf(store, "node-a");
        assertThat(chain).hasSize(2000);
        String prev = AuditHashing.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            AuditRecord r = chain.get(i);
            assertThat(r.seq()).isEqualTo(i + 1L);
            assertThat(r.prevHash()).isEqualTo(prev);
            assertThat(AuditHashing.hash(withoutHash(r))).as("stored hash of seq %d", r.seq()).isEqualTo(r.hash());
            prev = r.hash();
        }
    }

    @Test
    void aRestartedWriterContinuesTheChain() {
        JdbcAuditStore store = new JdbcAuditStore(dataSource, "node-b");
        try (ChainedAuditWriter first = new ChainedAuditWriter(store, "node-b", AuditCheckpoints.NONE, 10)) {
            first.append(AuditRecord.builder(AuditKind.REJECT).code("AUTH_REQUIRED").status(401).build());
        }
        List<long[]> heads = new ArrayList<>();
        try (ChainedAuditWriter second = new ChainedAuditWriter(store, "node-b",
                (node, seq, hash) -> heads.add(new long[] {seq}), 10)) {
            AuditRecord next = second.append(AuditRecord.builder(AuditKind.REJECT).code("ACCESS_DENIED").status(403).build());
            assertThat(next.seq()).isEqualTo(2);
            assertThat(next.prevHash()).isEqualTo(chainOf(store, "node-b").get(0).hash());
        }
        assertThat(heads).extracting(h -> h[0]).containsExactly(2L);
    }

    @Test
    void appendAllKeepsTheRecordsOfOneCallTogetherInOrderEvenPastTheBatchLimit() throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(dataSource, "node-c");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<AuditRecord>>> calls = new ArrayList<>();
        try (ChainedAuditWriter writer = new ChainedAuditWriter(store, "node-c", AuditCheckpoints.NONE, 10)) {
            for (int c = 0; c < 8; c++) {
                int call = c;
                calls.add(pool.submit(() -> writer.appendAll(java.util.stream.IntStream.range(0, 3 + call * 2)
                        .mapToObj(i -> AuditRecord.builder(AuditKind.PUBLISH).exchangeId("call-" + call + "-" + i)
                                .detail("Đắk Lắk " + i).status(202).build()).toList())));
            }
            assertThat(writer.appendAll(List.of())).isEmpty();
            for (int c = 0; c < 8; c++) {
                List<AuditRecord> stored = calls.get(c).get();
                assertThat(stored).hasSize(3 + c * 2); // the last call (17 records) is larger than a batch of 10
                for (int i = 0; i < stored.size(); i++) {
                    assertThat(stored.get(i).exchangeId()).isEqualTo("call-" + c + "-" + i);
                    assertThat(stored.get(i).id()).isNotNull();
                    assertThat(stored.get(i).seq()).isEqualTo(stored.get(0).seq() + i);
                }
            }
            assertThat(writer.lastSeq()).isEqualTo(8 * 3 + 2 * 28);
        } finally {
            pool.shutdownNow();
        }
        List<AuditRecord> chain = chainOf(store, "node-c");
        assertThat(chain).extracting(AuditRecord::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 80).boxed().toList());
        assertThat(chain.get(0).detail()).startsWith("Đắk Lắk");
    }

    @Test
    void aFailedBatchFailsItsCallersAndTheWriterContinuesFromTheStoredHead() throws Exception {
        JdbcAuditStore store = new JdbcAuditStore(dataSource, "node-d");
        try (ChainedAuditWriter writer = new ChainedAuditWriter(store, "node-d", AuditCheckpoints.NONE, 10)) {
            writer.append(AuditRecord.builder(AuditKind.CALL).exchangeId("first").status(200).build());
            // another process with the same node id took seq 2 behind the writer's back
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO audit_record (node, seq, time, kind, status, duration_ms, request_bytes,"
                        + " response_bytes, prev_hash, hash) SELECT node, 2, time, kind, status, duration_ms, request_bytes,"
                        + " response_bytes, hash, hash FROM audit_record WHERE node = 'node-d' AND seq = 1");
            }
            assertThatThrownBy(() -> writer.append(AuditRecord.builder(AuditKind.CALL).exchangeId("clash").build()))
                    .isInstanceOf(AuditStoreException.class);
            AuditRecord next = writer.append(AuditRecord.builder(AuditKind.CALL).exchangeId("after").build());
            assertThat(next.seq()).isEqualTo(3);
        }
    }

    private static AuditRecord withoutHash(AuditRecord r) {
        return new AuditRecord(r.id(), r.node(), r.seq(), r.time(), r.kind(), r.exchangeId(), r.requestId(),
                r.consumer(), r.provider(), r.service(), r.topic(), r.subscriber(), r.purpose(), r.subjectKeys(),
                r.status(), r.code(), r.durationMs(), r.requestBytes(), r.responseBytes(), r.requestSha256(),
                r.responseSha256(), r.detail(), r.prevHash(), null);
    }

    private static List<AuditRecord> chainOf(JdbcAuditStore store, String node) {
        List<AuditRecord> all = new ArrayList<>(store.find(new AuditQuery(null, null, null, null, null, 1000)));
        Long before = all.isEmpty() ? null : all.get(all.size() - 1).id();
        while (before != null) {
            List<AuditRecord> page = store.find(new AuditQuery(null, null, null, null, before, 1000));
            all.addAll(page);
            before = page.size() == 1000 ? page.get(page.size() - 1).id() : null;
        }
        return all.stream().filter(r -> node.equals(r.node()))
                .sorted((a, b) -> Long.compare(a.seq(), b.seq())).toList();
    }
}
