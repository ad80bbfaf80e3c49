package vn.lgsp.hub.core.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.ChainedAuditWriter;
import vn.lgsp.hub.core.audit.JdbcAuditStore;
import vn.lgsp.hub.core.audit.checkpoint.AuditKeystore;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.core.audit.checkpoint.JdbcCheckpointStore;
import vn.lgsp.hub.core.audit.checkpoint.SigningCheckpoints;

/**
 * Databases (H2 in memory; one embedded PostgreSQL server per JVM with a database per caller), migrated by
 * the production migrations; a signing key; and a writer of chains with checkpoints, for the audit chain tests.
 */
public final class AuditTestSupport {

    private static EmbeddedPostgres postgres;
    private static AuditSigner signer;
    private static int databases;

    private AuditTestSupport() {
    }

    /** A new, migrated in-memory H2 database. */
    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        migrate(h2);
        return h2;
    }

    /** A new, migrated database on the shared embedded PostgreSQL server (started on first use). */
    public static synchronized DataSource postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                EmbeddedPostgres server = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            String name = "audit_" + (++databases);
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
                // Tests write records one at a time: skip waiting for each commit's WAL flush.
                st.execute("ALTER DATABASE " + name + " SET synchronous_commit = off");
            }
            HikariDataSource ds = new HikariDataSource();
            ds.setDataSource(postgres.getDatabase("postgres", name));
            ds.setMaximumPoolSize(20);
            migrate(ds);
            return ds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void migrate(DataSource ds) {
        assertThat(Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate().success).isTrue();
    }

    /** Empties the audit tables. */
    public static void clean(DataSource ds) {
        for (String table : List.of("audit_archive", "audit_checkpoint", "audit_signing_key", "audit_record")) {
            update(ds, "DELETE FROM " + table);
        }
    }

    /** Runs one statement; returns the update count. */
    public static int update(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** One Ed25519 signer per JVM (its keystore in a temporary folder). */
    public static synchronized AuditSigner signer() {
        if (signer == null) {
            try {
                Path dir = Files.createTempDirectory("audit-key");
                signer = AuditKeystore.create(dir.resolve("audit.p12"), "test-password".toCharArray(), "audit",
                        "lgsp-hub audit test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return signer;
    }

    /** A call record with Vietnamese text, at {@code time}. */
    public static AuditRecord record(long i, Instant time) {
        return AuditRecord.builder(AuditKind.CALL).time(time).exchangeId("ex-" + i).requestId("req-" + i)
                .consumer("000.00.01.H99").provider("000.00.31.H99").service("civil-status-lookup").purpose("TTHC")
                .status(200).durationMs(i).requestBytes(100 + i).responseBytes(200 + i)
                .detail("Tra cứu hộ tịch của Nguyễn Thị Mai #" + i).build();
    }

    /** A writer of {@code node}'s chain that signs a checkpoint every {@code checkpointEvery} records. */
    public static final class Chain implements AutoCloseable {
        public final JdbcCheckpointStore checkpointStore;
        public final SigningCheckpoints checkpoints;
        public final ChainedAuditWriter writer;

        public Chain(DataSource ds, String node, int checkpointEvery) {
            checkpointStore = new JdbcCheckpointStore(ds);
            checkpointStore.registerKey(node, signer());
            checkpoints = new SigningCheckpoints(checkpointStore, signer(), checkpointEvery, Duration.ZERO,
                    Clock.systemUTC());
            writer = new ChainedAuditWriter(new JdbcAuditStore(ds, node), node, checkpoints, 16);
        }

        /** Appends records 1..n one at a time; returns them as stored. */
        public List<AuditRecord> write(int n, LongFunction<Instant> time) {
            List<AuditRecord> out = new ArrayList<>();
            for (long i = 1; i <= n; i++) {
                out.add(writer.append(record(i, time.apply(i))));
            }
            return out;
        }

        @Override
        public void close() {
            writer.close();
            checkpoints.close();
        }
    }
}
