package vn.lgsp.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Search filters, keyset pages and the export stream of {@link JdbcAuditStore}, run against every database by
 * a concrete subclass ({@link H2AuditSearchTest}, {@link PostgresAuditSearchTest}).
 */
abstract class AuditSearchTest {

    static final Instant T0 = Instant.parse("2025-03-14T08:00:00Z");
    static final Instant T1 = Instant.parse("2025-03-14T09:00:00Z");
    static final Instant MICRO = Instant.EPOCH.plus(1, ChronoUnit.MICROS);

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

    private AuditRecord call(String provider, String service, String code, Instant time) {
        return store.append(AuditRecord.builder(code == null ? AuditKind.CALL : AuditKind.REJECT).time(time)
                .consumer("000.00.01.H99").provider(provider).service(service).code(code)
                .status(code == null ? 200 : 403).build());
    }

    private AuditRecord delivery(String publisher, String topic, String subscriber, String code, Instant time) {
        return store.append(AuditRecord.builder(AuditKind.DELIVERY).time(time).consumer("000.00.32.H99")
                .provider(publisher).topic(topic).subscriber(subscriber).code(code).status(code == null ? 200 : 502)
                .build());
    }

    private List<AuditRecord> find(AuditQuery.Builder query) {
        return store.find(query.build());
    }

    private List<AuditRecord> streamed(AuditQuery.Builder query) {
        List<AuditRecord> out = new ArrayList<>();
        long count = store.stream(query.build(), out::add);
        assertThat(count).isEqualTo(out.size());
        return out;
    }

    private static AuditQuery.Builder q() {
        return AuditQuery.builder();
    }

    @Test
    void eachNewFilterMatchesExactly() {
        AuditRecord a = call("NDXP", "citizen-lookup", null, T0);
        AuditRecord b = call("NDXP", "business-lookup", "ACCESS_DENIED", T0);
        AuditRecord c = call("000.00.31.H99", "citizen-lookup", null, T0);
        AuditRecord d = delivery("000.00.32.H99", "business-registered", "000.00.41.H99", "PROVIDER_UNAVAILABLE", T0);
        AuditRecord e = delivery("000.00.32.H99", "business-registered", "000.00.42.H99", null, T0);
        AuditRecord f = delivery("000.00.32.H99", "land-registered", "000.00.41.H99", null, T0);

        assertThat(find(q().provider("NDXP"))).containsExactly(b, a);
        assertThat(find(q().service("citizen-lookup"))).containsExactly(c, a);
        assertThat(find(q().provider("NDXP").service("citizen-lookup"))).containsExactly(a);
        assertThat(find(q().topic("business-registered"))).containsExactly(e, d);
        assertThat(find(q().subscriber("000.00.41.H99"))).containsExactly(f, d);
        assertThat(find(q().code("ACCESS_DENIED"))).containsExactly(b);
        assertThat(find(q().code("PROVIDER_UNAVAILABLE"))).containsExactly(d);
        assertThat(find(q().provider("000.00.32.H99"))).containsExactly(f, e, d);
        assertThat(find(q().provider("ndxp"))).as("case-sensitive").isEmpty();
        assertThat(find(q().service("citizen"))).as("no prefix match").isEmpty();
        assertThat(find(q())).containsExactly(f, e, d, c, b, a);
    }

    @Test
    void combinedFiltersAllApply() {
        AuditRecord match = delivery("000.00.32.H99", "business-registered", "000.00.41.H99", "PROVIDER_TIMEOUT",
                T0.plusSeconds(10));
        delivery("000.00.32.H99", "business-registered", "000.00.41.H99", "PROVIDER_TIMEOUT", T1);
        delivery("000.00.32.H99", "business-registered", "000.00.42.H99", "PROVIDER_TIMEOUT", T0.plusSeconds(10));
        delivery("000.00.32.H99", "other-topic", "000.00.41.H99", "PROVIDER_TIMEOUT", T0.plusSeconds(10));
        delivery("000.00.32.H99", "business-registered", "000.00.41.H99", null, T0.plusSeconds(10));
        call("NDXP", "citizen-lookup", "PROVIDER_TIMEOUT", T0.plusSeconds(10));

        AuditQuery.Builder all = q().kind(AuditKind.DELIVERY).consumer("000.00.32.H99").provider("000.00.32.H99")
                .topic("business-registered").subscriber("000.00.41.H99").code("PROVIDER_TIMEOUT")
                .from(T0).to(T1);

        assertThat(find(all)).containsExactly(match);
        assertThat(streamed(all)).containsExactly(match);
        assertThat(find(all.exchangeId("no-such-exchange"))).isEmpty();
    }

    @Test
    void timeRangeIsFromInclusiveToExclusiveToTheMicrosecond() {
        AuditRecord before = call("P", "s", null, T0.minus(1, ChronoUnit.MICROS));
        AuditRecord atFrom = call("P", "s", null, T0);
        AuditRecord inside = call("P", "s", null, T0.plusSeconds(1800));
        AuditRecord lastInside = call("P", "s", null, T1.minus(1, ChronoUnit.MICROS));
        AuditRecord atTo = call("P", "s", null, T1);

        assertThat(find(q().from(T0).to(T1))).containsExactly(lastInside, inside, atFrom);
        assertThat(streamed(q().from(T0).to(T1))).containsExactly(atFrom, inside, lastInside);
        assertThat(find(q().from(T0))).containsExactly(atTo, lastInside, inside, atFrom);
        assertThat(find(q().to(T0))).containsExactly(before);
        assertThat(find(q().to(T1))).containsExactly(lastInside, inside, atFrom, before);
        assertThat(find(q().from(T1))).containsExactly(atTo);
        assertThat(find(q().from(T0).to(T0.plus(1, ChronoUnit.MICROS)))).containsExactly(atFrom);
        assertThat(find(q().from(T1.plus(1, ChronoUnit.MICROS)))).isEmpty();
    }

    @Test
    void timeRangeComparesInstantsWhateverTheOffsetTheyWereWrittenIn() {
        Instant hanoiMorning = OffsetDateTime.of(2025, 3, 14, 15, 30, 0, 0, ZoneOffset.ofHours(7)).toInstant();
        AuditRecord r = call("P", "s", null, hanoiMorning);

        assertThat(find(q().from(Instant.parse("2025-03-14T08:30:00Z"))
                .to(Instant.parse("2025-03-14T08:30:00.000001Z")))).containsExactly(r);
        assertThat(find(q().to(Instant.parse("2025-03-14T08:30:00Z")))).isEmpty();
    }

    @Test
    void sqlAndLikeMetacharactersInEveryFilterMatchOnlyLiterally() {
        AuditRecord injection = call("' OR 1=1 --", "%", "_", T0);
        AuditRecord lookalike = call("x OR 1=1", "svc-any", "CODE", T0);
        AuditRecord underscore = delivery("a_b", "t%", "s_1", "100%", T0);
        AuditRecord similar = delivery("axb", "top", "sx1", "1000", T0);
        AuditRecord quote = delivery("O'Brien", "chủ đề \"trích dẫn\"", "\\", "\\%", T0);

        assertThat(find(q().provider("' OR 1=1 --"))).containsExactly(injection);
        assertThat(find(q().provider("' OR '1'='1"))).isEmpty();
        assertThat(find(q().provider("%"))).isEmpty();
        assertThat(find(q().service("%"))).containsExactly(injection);
        assertThat(find(q().code("_"))).containsExactly(injection);
        assertThat(find(q().code("____"))).as("'_' is no wildcard").isEmpty();
        assertThat(find(q().provider("a_b"))).containsExactly(underscore);
        assertThat(find(q().topic("t%"))).containsExactly(underscore);
        assertThat(find(q().topic("%"))).isEmpty();
        assertThat(find(q().subscriber("s_1"))).containsExactly(underscore);
        assertThat(find(q().code("100%"))).containsExactly(underscore);
        assertThat(find(q().provider("O'Brien"))).containsExactly(quote);
        assertThat(find(q().topic("chủ đề \"trích dẫn\""))).containsExactly(quote);
        assertThat(find(q().subscriber("\\"))).containsExactly(quote);
        assertThat(find(q().code("\\%"))).containsExactly(quote);
        assertThat(streamed(q().service("%"))).containsExactly(injection);
        assertThat(streamed(q().provider("' OR 1=1 --").code("_"))).containsExactly(injection);
        assertThat(find(q())).as("nothing deleted or altered").containsExactly(quote, similar, underscore,
                lookalike, injection);
    }

    @Test
    void keysetPagesCoverEveryMatchOnceNewestFirstEvenWhileRecordsArrive() {
        List<AuditRecord> matching = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            matching.add(call("NDXP", "citizen-lookup", null, T0.plusSeconds(i)));
            call("NDXP", "other", null, T0.plusSeconds(i));
        }
        AuditQuery first = q().provider("NDXP").service("citizen-lookup").from(T0).to(T1).limit(5).build();

        List<AuditRecord> seen = new ArrayList<>();
        List<AuditRecord> page = store.find(first);
        int pages = 1;
        AuditRecord late = null;
        while (true) {
            assertThat(page).hasSizeLessThanOrEqualTo(5);
            seen.addAll(page);
            if (late == null) {
                // A record arriving after the first page must not shift later pages.
                late = call("NDXP", "citizen-lookup", null, T0.plusSeconds(100));
            }
            if (page.size() < 5) {
                break;
            }
            page = store.find(first.toBuilder().beforeId(page.get(page.size() - 1).id()).build());
            pages++;
        }

        assertThat(pages).isEqualTo(5);
        List<AuditRecord> newestFirst = new ArrayList<>(matching);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst).doesNotContain(late);
        Set<Long> ids = new HashSet<>();
        seen.forEach(r -> assertThat(ids.add(r.id())).as("no duplicate id %s", r.id()).isTrue());
    }

    @Test
    void streamHasNoLimitAndReturnsTheOldestFirst() throws SQLException {
        int rows = AuditQuery.MAX_LIMIT * 2 + 123;
        bulkInsert(rows, "bulk");
        bulkInsert(50, "other");

        List<AuditRecord> all = streamed(q().consumer("bulk").limit(1));

        assertThat(all).hasSize(rows);
        assertThat(all).extracting(AuditRecord::id).isSorted();
        assertThat(all).allSatisfy(r -> assertThat(r.consumer()).isEqualTo("bulk"));
        assertThat(all.get(0).time()).isEqualTo(T0);
        assertThat(all.get(rows - 1).time()).isEqualTo(T0.plusMillis(rows - 1));
        assertThat(streamed(q().consumer("bulk").beforeId(all.get(10).id()))).containsExactlyElementsOf(
                all.subList(0, 10));
        assertThat(streamed(q().consumer("bulk").from(T0.plusMillis(rows - 3)))).hasSize(3);
    }

    @Test
    void aFailingSinkStopsTheStreamAndLeavesTheStoreUsable() throws SQLException {
        bulkInsert(1500, "bulk");
        List<AuditRecord> got = new ArrayList<>();
        IllegalStateException stop = new IllegalStateException("client went away");

        assertThatThrownBy(() -> store.stream(q().build(), r -> {
            got.add(r);
            if (got.size() == 3) {
                throw stop;
            }
        })).isSameAs(stop);

        assertThat(got).hasSize(3);
        AuditRecord after = call("NDXP", "citizen-lookup", null, T1);
        assertThat(find(q().provider("NDXP"))).containsExactly(after);
        assertThat(streamed(q().consumer("bulk"))).hasSize(1500);
    }

    @Test
    void streamOfNothingHandsNothingOver() {
        call("NDXP", "citizen-lookup", null, T0);
        assertThat(streamed(q().provider("nobody"))).isEmpty();
    }

    @Test
    void queryKeepsTheFirstConstructorAndChecksItsRange() {
        AuditQuery old = new AuditQuery("ex", "req", AuditKind.CALL, "c", 5L, 7);
        assertThat(old).isEqualTo(q().exchangeId("ex").requestId("req").kind(AuditKind.CALL).consumer("c")
                .beforeId(5L).limit(7).build());
        assertThat(old.provider()).isNull();
        assertThat(old.from()).isNull();
        assertThat(q().build().limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
        assertThat(old.toBuilder().build()).isEqualTo(old);
        assertThatThrownBy(() -> q().from(T1).to(T0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q().from(T0).to(T0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q().limit(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> q().limit(AuditQuery.MAX_LIMIT + 1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** {@code n} CALL records of one consumer, one millisecond apart from {@link #T0}, in one transaction. */
    private void bulkInsert(int n, String consumer) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_record (node, time, kind, consumer, "
                    + "status, duration_ms, request_bytes, response_bytes) VALUES ('node-a', ?, 'CALL', ?, 200, 0, 0, 0)")) {
                for (int i = 0; i < n; i++) {
                    ps.setObject(1, OffsetDateTime.ofInstant(T0.plusMillis(i), ZoneOffset.UTC));
                    ps.setString(2, consumer);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
        }
    }
}
