package vn.lgsp.hub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.ChainedAuditWriter;
import vn.lgsp.hub.core.audit.JdbcAuditStore;
import vn.lgsp.hub.core.audit.archive.AuditArchiver;
import vn.lgsp.hub.core.audit.checkpoint.AuditKeystore;
import vn.lgsp.hub.core.audit.checkpoint.AuditSigner;
import vn.lgsp.hub.core.audit.checkpoint.JdbcCheckpointStore;
import vn.lgsp.hub.core.audit.checkpoint.SigningCheckpoints;

/** {@code java -jar lgsp-hub.jar audit verify ...}: the database, archives offline, tampering, usage errors. */
class AuditVerifyCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String url;
    private DriverManagerDataSource db;
    private AuditSigner signer;
    /** Keeps the H2 file database open while threads come and go (H2 closes it with its last connection). */
    private Connection keeper;

    @BeforeEach
    void writeChain() throws SQLException {
        url = "jdbc:h2:file:" + dir.resolve("db/lgsp-hub").toAbsolutePath();
        db = new DriverManagerDataSource(url, "sa", "");
        keeper = db.getConnection();
        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        signer = AuditKeystore.create(dir.resolve("audit.p12"), "test-password".toCharArray(), "audit", "cli test");
        JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(db);
        checkpoints.registerKey("node-1", signer);
        try (SigningCheckpoints cps = new SigningCheckpoints(checkpoints, signer, 5, Duration.ZERO, Clock.systemUTC());
             ChainedAuditWriter writer = new ChainedAuditWriter(new JdbcAuditStore(db, "node-1"), "node-1", cps, 8)) {
            for (int i = 1; i <= 20; i++) {
                writer.append(AuditRecord.builder(AuditKind.CALL).time(Instant.now().minus(Duration.ofDays(i <= 12 ? 500 : 1)))
                        .exchangeId("ex-" + i).consumer("000.00.01.H99").detail("Sở Tư pháp #" + i).status(200).build());
            }
            new AuditArchiver(db, writer, signer, dir.resolve("archive"), Duration.ofDays(365), 5, Clock.systemUTC())
                    .archive("node-1");
        }
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        keeper.close();
    }

    private int run(String... args) {
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return HubCommandLine.run(args, o, e, null);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifiesTheDatabaseAndTheArchivesTogetherAndAlone() {
        assertThat(HubCommandLine.handles(new String[] {"audit", "verify"})).isTrue();

        assertThat(run("audit", "verify", "--db-url", url, "--archive", dir.resolve("archive").toString()))
                .as(out() + err).isZero();
        assertThat(out()).startsWith("AUDIT CHAIN OK").contains("node node-1: 23 records, seq 1..23")
                .contains("signature valid").contains(signer.keyId());

        out.reset();
        assertThat(run("audit", "verify", "--archive", dir.resolve("archive").resolve(
                "node-1-000000000001-000000000005.ndjson.gz").toString())).as(out() + err).isZero();
        assertThat(out()).contains("node node-1: 5 records, seq 1..5");

        out.reset();
        assertThat(run("audit", "verify", "--archive", dir.resolve("archive").toString(), "--trust-key",
                signer.keyId())).as(out() + err).isZero();
        out.reset();
        assertThat(run("audit", "verify", "--archive", dir.resolve("archive").toString(), "--trust-key",
                "ab".repeat(32))).isEqualTo(1);
        assertThat(out()).contains("UNKNOWN_KEY").contains("not among the trusted keys");

        out.reset();
        assertThat(run("audit", "verify", "--db-url", url, "--from", Instant.now().minus(Duration.ofDays(3)).toString()))
                .as(out() + err).isZero();
    }

    @Test
    void namesATamperedRecordAndExitsWithOne() {
        new JdbcTemplate(db).update("UPDATE audit_record SET consumer = '000.00.99.H99' WHERE node = 'node-1' AND seq = 15");

        assertThat(run("audit", "verify", "--db-url", url)).isEqualTo(1);

        assertThat(out()).startsWith("AUDIT CHAIN BROKEN").contains("FIRST BREAK: CHANGED node-1 seq 15");
    }

    @Test
    void usageAndUnreadableInputsExitWithTwo() {
        assertThat(run("audit")).isEqualTo(2);
        assertThat(run("audit", "verify", "--from", "yesterday")).isEqualTo(2);
        assertThat(run("audit", "verify", "--bogus", "x")).isEqualTo(2);
        assertThat(run("audit", "verify", "--archive", dir.resolve("missing.ndjson.gz").toString())).isEqualTo(2);
        assertThat(run("audit", "verify", "--db-url", "jdbc:h2:file:" + dir.resolve("none") + ";IFEXISTS=TRUE"))
                .isEqualTo(2);
        assertThat(run("audit", "verify", "--db-url", "jdbc:mysql://localhost/hub")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: java -jar lgsp-hub.jar audit verify");
        assertThat(List.of(out())).allSatisfy(o -> assertThat(o).isEmpty());
    }
}
