package vn.lgsp.hub.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link JdbcAuditStore} contract, run against every database by a concrete subclass
 * ({@link H2JdbcAuditStoreTest}, {@link PostgresJdbcAuditStoreTest}) that provides a migrated data source.
 */
abstract class JdbcAuditStoreTest {

    static final String VI = "Nguyễn Thị Mai — Sở Tư pháp tỉnh";

    /** A data source on a database migrated by {@link vn.lgsp.hub.core.testing.MigratedDatabase}. */
    protected abstract DataSource dataSource();


    private JdbcAuditStore store;

    @BeforeEach
    void emptyTable() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_record");
        }
        store = new JdbcAuditStore(dataSource(), "node-a");
    }

    @Test
    void appendReturnsIncreasingIdsAndFillsDefaultNode() {
        AuditRecord first = store.append(AuditRecord.builder(AuditKind.CALL).exchangeId("ex-1").build());
        AuditRecord second = store.append(AuditRecord.builder(AuditKind.PUBLISH).node("node-b").build());
        AuditRecord third = store.append(AuditRecord.builder(AuditKind.OPS).build());

        assertThat(first.id()).isNotNull();
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(third.id()).isGreaterThan(second.id());
        assertThat(first.node()).isEqualTo("node-a");
        assertThat(second.node()).isEqualTo("node-b");
        assertThat(find(null, null, null, null, null, 10)).containsExactly(third, second, first);
    }

    @Test
    void everyFieldRoundTripsExactly() {
        AuditRecord full = new AuditRecord(999L, "node-x", 42L, Instant.parse("2025-03-14T08:15:30.123456Z"),
                AuditKind.DELIVERY, "ex-full", "req-full", VI, "000.00.31.H99", "civil-status-lookup",
                "business-registered", "000.00.32.H99", "TTHC", "k1,k2", 502, "PROVIDER_UNAVAILABLE",
                1234L, 5678L, 91011L, "a".repeat(64), "b".repeat(64), "Chi tiết: " + VI, "c".repeat(64),
                "d".repeat(64));

        AuditRecord stored = store.append(full);
        List<AuditRecord> found = find("ex-full", null, null, null, null, 10);

        assertThat(stored.id()).isNotEqualTo(999L);
        assertThat(stored).usingRecursiveComparison().ignoringFields("id").isEqualTo(full);
        assertThat(found).containsExactly(stored);
        AuditRecord back = found.get(0);
        assertThat(back.consumer().getBytes(UTF_8)).isEqualTo(VI.getBytes(UTF_8));
        assertThat(back.detail().getBytes(UTF_8)).isEqualTo(("Chi tiết: " + VI).getBytes(UTF_8));
        assertThat(back.time()).isEqualTo(full.time());
    }

    @Test
    void absentValuesStayNull() {
        AuditRecord stored = store.append(new AuditRecord(null, null, null, Instant.parse("2025-01-01T00:00:00Z"),
                AuditKind.REJECT, null, null, null, null, null, null, null, null, null, 401, null, 0, 0, 0,
                null, null, null, null, null));

        assertThat(find(null, null, AuditKind.REJECT, null, null, 10)).containsExactly(stored);
        assertThat(stored.seq()).isNull();
        assertThat(stored.exchangeId()).isNull();
        assertThat(stored.hash()).isNull();
        assertThat(stored.node()).isEqualTo("node-a");
    }

    @Test
    void timeIsKeptToTheMicrosecondAndReturnedAsStored() {
        AuditRecord stored = store.append(AuditRecord.builder(AuditKind.CALL)
                .time(Instant.parse("2025-06-30T23:59:59.987654321Z")).build());

        assertThat(stored.time()).isEqualTo(Instant.parse("2025-06-30T23:59:59.987654Z"));
        assertThat(find(null, null, null, null, null, 1)).containsExactly(stored);
    }

    @Test
    void findFiltersByEachFieldAndByTheirCombination() {
        AuditRecord a = store.append(rec(AuditKind.CALL, "ex-1", "req-1", "c1"));
        AuditRecord b = store.append(rec(AuditKind.REJECT, "ex-1", "req-2", "c1"));
        AuditRecord c = store.append(rec(AuditKind.CALL, "ex-2", "req-2", "c2"));
        AuditRecord d = store.append(rec(AuditKind.CALL, "ex-3", "req-3", "c1"));

        assertThat(find("ex-1", null, null, null, null, 10)).containsExactly(b, a);
        assertThat(find(null, "req-2", null, null, null, 10)).containsExactly(c, b);
        assertThat(find(null, null, AuditKind.CALL, null, null, 10)).containsExactly(d, c, a);
        assertThat(find(null, null, null, "c1", null, 10)).containsExactly(d, b, a);
        assertThat(find(null, null, AuditKind.CALL, "c1", null, 10)).containsExactly(d, a);
        assertThat(find("ex-1", "req-2", AuditKind.REJECT, "c1", null, 10)).containsExactly(b);
        assertThat(find("ex-1", "req-2", AuditKind.CALL, "c1", null, 10)).isEmpty();
        assertThat(find("ex-9", null, null, null, null, 10)).isEmpty();
        assertThat(find(null, null, null, null, null, 10)).containsExactly(d, c, b, a);
    }

    @Test
    void limitAndBeforeIdPageNewestFirst() {
        List<AuditRecord> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(store.append(rec(AuditKind.DELIVERY, "ex-p", "req-" + i, "pager")));
        }
        store.append(rec(AuditKind.DELIVERY, "ex-other", "req-x", "someone-else"));

        List<AuditRecord> page1 = find(null, null, null, "pager", null, 3);
        List<AuditRecord> page2 = find(null, null, null, "pager", page1.get(2).id(), 3);
        List<AuditRecord> page3 = find(null, null, null, "pager", page2.get(2).id(), 3);

        assertThat(page1).containsExactly(all.get(6), all.get(5), all.get(4));
        assertThat(page2).containsExactly(all.get(3), all.get(2), all.get(1));
        assertThat(page3).containsExactly(all.get(0));
        assertThat(find(null, null, null, "pager", all.get(0).id(), 3)).isEmpty();
        assertThat(find(null, null, null, null, all.get(3).id(), 1)).containsExactly(all.get(2));
    }

    @Test
    void overlongValuesAreTruncatedNotRejected() {
        String detail = "Đơn vị: " + VI.repeat(100); // well over 2000 characters
        String emojiAtBoundary = "x".repeat(1999) + "\uD83D\uDE00" + "tail"; // surrogate pair at 1999..2000
        AuditRecord stored = store.append(AuditRecord.builder(AuditKind.CALL)
                .node("n".repeat(100)).exchangeId("e".repeat(100)).requestId("r".repeat(300))
                .consumer(VI.repeat(5)).service("s".repeat(200)).subjectKeys("k".repeat(5000))
                .code("C".repeat(100)).requestSha256("f".repeat(65)).detail(detail).build());
        AuditRecord emoji = store.append(AuditRecord.builder(AuditKind.OPS).detail(emojiAtBoundary).build());

        assertThat(stored.node()).hasSize(64);
        assertThat(stored.exchangeId()).hasSize(64);
        assertThat(stored.requestId()).hasSize(128);
        assertThat(stored.consumer()).hasSize(64).isEqualTo(VI.repeat(5).substring(0, 64));
        assertThat(stored.service()).hasSize(128);
        assertThat(stored.subjectKeys()).hasSize(4000);
        assertThat(stored.code()).hasSize(64);
        assertThat(stored.requestSha256()).hasSize(64);
        assertThat(stored.detail()).hasSize(2000).isEqualTo(detail.substring(0, 2000));
        assertThat(emoji.detail()).isEqualTo("x".repeat(1999));
        assertThat(find(null, null, null, null, null, 10)).containsExactly(emoji, stored);
    }

    @Test
    void nulCharactersDoNotFailTheInsert() {
        AuditRecord stored = store.append(AuditRecord.builder(AuditKind.REJECT).detail("bad\u0000body").build());

        assertThat(stored.detail()).isEqualTo("bad\uFFFDbody");
        assertThat(find(null, null, AuditKind.REJECT, null, null, 1)).containsExactly(stored);
    }

    @Test
    void filterValuesWithSqlMetacharactersMatchOnlyLiterally() {
        AuditRecord injection = store.append(rec(AuditKind.CALL, "' OR 1=1 --", "%", "a_b"));
        AuditRecord percent = store.append(rec(AuditKind.CALL, "ex-%", "r%", "a%"));
        AuditRecord plain = store.append(rec(AuditKind.CALL, "ex-1", "r1", "axb"));

        assertThat(find("' OR 1=1 --", null, null, null, null, 10)).containsExactly(injection);
        assertThat(find("' OR '1'='1", null, null, null, null, 10)).isEmpty();
        assertThat(find(null, "%", null, null, null, 10)).containsExactly(injection);
        assertThat(find(null, "r%", null, null, null, 10)).containsExactly(percent);
        assertThat(find(null, null, null, "a_b", null, 10)).containsExactly(injection);
        assertThat(find(null, null, null, "a%", null, 10)).containsExactly(percent);
        assertThat(find(null, null, null, "a__", null, 10)).isEmpty();
        assertThat(find("ex-_", null, null, null, null, 10)).isEmpty();
        assertThat(find(null, null, null, "axb", null, 10)).containsExactly(plain);
        assertThat(find(null, null, null, null, null, 10)).hasSize(3);
    }

    @Test
    void appendCommitsWhenTheConnectionIsNotAutoCommit() throws SQLException {
        List<Connection> opened = new ArrayList<>();
        DataSource manualCommit = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(dataSource(), method, args);
                    if (result instanceof Connection c) {
                        c.setAutoCommit(false);
                        opened.add(c);
                    }
                    return result;
                });

        AuditRecord stored = new JdbcAuditStore(manualCommit, "node-m")
                .append(AuditRecord.builder(AuditKind.OPS).detail(VI).build());

        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).isClosed()).isTrue();
        assertThat(find(null, null, AuditKind.OPS, null, null, 10)).containsExactly(stored);
    }

    @Test
    void sqlErrorsBecomeAuditStoreException() {
        SQLException boom = new SQLException("connection refused");
        DataSource broken = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw boom;
                });
        JdbcAuditStore failing = new JdbcAuditStore(broken, "node-a");

        assertThatThrownBy(() -> failing.append(AuditRecord.builder(AuditKind.CALL).build()))
                .isInstanceOf(AuditStoreException.class).hasMessageContaining("connection refused").hasCause(boom);
        assertThatThrownBy(() -> failing.find(new AuditQuery(null, null, null, null, null, 5)))
                .isInstanceOf(AuditStoreException.class).hasMessageContaining("connection refused").hasCause(boom);
    }

    @Test
    void aRecordWithoutKindIsRefused() {
        AuditRecord noKind = new AuditRecord(null, null, null, Instant.now(), null, null, null, null, null, null,
                null, null, null, null, 0, null, 0, 0, 0, null, null, null, null, null);

        assertThatThrownBy(() -> store.append(noKind)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnsNamedAfterKeywordsWorkInPlainSql() throws SQLException {
        store.append(AuditRecord.builder(AuditKind.CALL).status(200).time(Instant.parse("2025-01-02T03:04:05Z"))
                .build());
        String sql = "SELECT time, kind, status, hash FROM audit_record WHERE kind = ? AND status = ? ORDER BY time";
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, "CALL");
            ps.setInt(2, 200);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("kind")).isEqualTo("CALL");
                assertThat(rs.getInt("status")).isEqualTo(200);
                assertThat(rs.getString("hash")).isNull();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private List<AuditRecord> find(String exchangeId, String requestId, AuditKind kind, String consumer,
                                   Long beforeId, int limit) {
        return store.find(new AuditQuery(exchangeId, requestId, kind, consumer, beforeId, limit));
    }

    private static AuditRecord rec(AuditKind kind, String exchangeId, String requestId, String consumer) {
        return AuditRecord.builder(kind).exchangeId(exchangeId).requestId(requestId).consumer(consumer)
                .provider("000.00.31.H99").service("svc").status(200).durationMs(12).build();
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
