package vn.lgsp.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AuditStatistics} against known traffic, run on every database by a concrete subclass
 * ({@link H2AuditStatisticsTest}, {@link PostgresAuditStatisticsTest}).
 */
abstract class AuditStatisticsTest {

    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    protected abstract DataSource dataSource();

    private JdbcAuditStore store;

    @BeforeEach
    void knownTraffic() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_record");
        }
        store = new JdbcAuditStore(dataSource(), "node-a");
        // NDXP/citizen-lookup: 20 successes lasting 1..20 ms with 100+10*i bytes, 3 provider errors, 2 rejections
        for (int i = 1; i <= 20; i++) {
            store.append(AuditRecord.builder(AuditKind.CALL).time(T0.plusSeconds(i)).provider("NDXP")
                    .service("citizen-lookup").status(200).durationMs(i).requestBytes(100).responseBytes(10L * i)
                    .build());
        }
        for (int i = 0; i < 3; i++) {
            store.append(AuditRecord.builder(AuditKind.CALL).time(T0.plusSeconds(30 + i)).provider("NDXP")
                    .service("citizen-lookup").status(504).code("PROVIDER_TIMEOUT").durationMs(5000).build());
        }
        store.append(AuditRecord.builder(AuditKind.CALL).time(T0.plusSeconds(40)).provider("NDXP")
                .service("citizen-lookup").status(500).durationMs(7).build());
        for (int i = 0; i < 2; i++) {
            store.append(AuditRecord.builder(AuditKind.REJECT).time(T0.plusSeconds(50 + i)).provider("NDXP")
                    .service("citizen-lookup").status(503).code("SUSPENDED").durationMs(1).build());
        }
        // another service, a rejection without a service, a delivery, and a call outside the range
        store.append(AuditRecord.builder(AuditKind.CALL).time(T0.plusSeconds(5)).provider("000.00.31.H99")
                .service("ho-tich").status(200).durationMs(42).requestBytes(7).build());
        store.append(AuditRecord.builder(AuditKind.REJECT).time(T0.plusSeconds(6)).status(401).code("AUTH_REQUIRED")
                .build());
        store.append(AuditRecord.builder(AuditKind.DELIVERY).time(T0.plusSeconds(7)).provider("NDXP").topic("t")
                .subscriber("x").status(200).durationMs(99).build());
        store.append(AuditRecord.builder(AuditKind.CALL).time(T0.plusSeconds(3600)).provider("NDXP")
                .service("citizen-lookup").status(200).durationMs(9999).build());
    }

    @Test
    void countsAndFiguresPerService() {
        List<AuditStatistics.ServiceStats> stats = new AuditStatistics(dataSource())
                .byService(T0, T0.plusSeconds(3600), null, null);
        assertThat(stats).extracting(AuditStatistics.ServiceStats::service).containsExactly("ho-tich", "citizen-lookup");
        AuditStatistics.ServiceStats citizen = stats.get(1);
        assertThat(citizen.provider()).isEqualTo("NDXP");
        assertThat(citizen.success()).isEqualTo(20);
        assertThat(citizen.failure()).isEqualTo(6);
        assertThat(citizen.minMs()).isEqualTo(1);
        assertThat(citizen.avgMs()).isEqualTo(10.5);
        assertThat(citizen.p95Ms()).as("nearest rank: 19th of 20").isEqualTo(19);
        assertThat(citizen.maxMs()).isEqualTo(20);
        assertThat(citizen.minBytes()).isEqualTo(110);
        assertThat(citizen.avgBytes()).isEqualTo(205.0);
        assertThat(citizen.maxBytes()).isEqualTo(300);
        AuditStatistics.ServiceStats hoTich = stats.get(0);
        assertThat(hoTich.success()).isEqualTo(1);
        assertThat(hoTich.failure()).isZero();
        assertThat(hoTich.p95Ms()).isEqualTo(42);
    }

    @Test
    void filtersByServiceAndTime() {
        AuditStatistics statistics = new AuditStatistics(dataSource());
        assertThat(statistics.byService(T0, T0.plusSeconds(3600), "NDXP", "citizen-lookup"))
                .singleElement().satisfies(s -> assertThat(s.success()).isEqualTo(20));
        assertThat(statistics.byService(T0, T0.plusSeconds(3601), null, "citizen-lookup"))
                .singleElement().satisfies(s -> {
                    assertThat(s.success()).isEqualTo(21);
                    assertThat(s.maxMs()).isEqualTo(9999);
                });
        assertThat(statistics.byService(T0.plusSeconds(45), T0.plusSeconds(3600), null, null))
                .singleElement().satisfies(s -> {
                    assertThat(s.success()).isZero();
                    assertThat(s.failure()).isEqualTo(2);
                    assertThat(s.minMs()).isNull();
                    assertThat(s.p95Ms()).isNull();
                });
    }
}
