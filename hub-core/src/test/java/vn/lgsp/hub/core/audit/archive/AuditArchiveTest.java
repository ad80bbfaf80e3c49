package vn.lgsp.hub.core.audit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditQuery;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStoreException;
import vn.lgsp.hub.core.audit.verify.AuditTestSupport;
import vn.lgsp.hub.core.audit.verify.AuditVerifier;
import vn.lgsp.hub.core.audit.verify.Problem;
import vn.lgsp.hub.core.audit.verify.ProblemKind;
import vn.lgsp.hub.core.audit.verify.VerifyReport;

/**
 * Retention: old records go to signed archive files and leave the database; the verifier accepts the database,
 * the archives offline, or both; a damaged or missing archive is named. Run on every database by a subclass.
 */
abstract class AuditArchiveTest {

    static final String NODE = "node-a";

    protected abstract DataSource dataSource();

    @TempDir
    Path dir;

    private AuditTestSupport.Chain chain;
    private AuditArchiver archiver;
    private final Instant now = Instant.now();

    @BeforeEach
    void writeChain() {
        AuditTestSupport.clean(dataSource());
        chain = new AuditTestSupport.Chain(dataSource(), NODE, 10);
        chain.write(50, i -> i <= 30 ? now.minus(Duration.ofDays(400)).plusSeconds(60 * i)
                : now.minus(Duration.ofDays(1)).plusSeconds(60 * i));
        archiver = new AuditArchiver(dataSource(), chain.writer, AuditTestSupport.signer(), dir.resolve("archive"),
                Duration.ofDays(365), 12, Clock.systemUTC());
    }

    @AfterEach
    void closeChain() {
        chain.close();
    }

    private VerifyReport verify(boolean database, List<Path> archives) {
        return new AuditVerifier(database ? dataSource() : null, List.of(), Clock.systemUTC())
                .verify(null, null, archives);
    }

    private long count(String where) {
        return chain.writer.find(new AuditQuery(null, null, null, null, null, 1000)).stream()
                .filter(r -> switch (where) {
                    case "old" -> r.seq() != null && r.seq() <= 30;
                    default -> true;
                }).count();
    }

    private List<AuditRecord> opsRecords() {
        return chain.writer.find(new AuditQuery(null, null, AuditKind.OPS, null, null, 100));
    }

    @Test
    void oldRecordsMoveToSignedArchivesThatVerifyAloneAndWithTheDatabase() {
        AuditArchiver.Result result = archiver.archive(NODE);

        assertThat(result.records()).isEqualTo(30);
        assertThat(result.files()).extracting(f -> f.getFileName().toString()).containsExactly(
                "node-a-000000000001-000000000012.ndjson.gz", "node-a-000000000013-000000000024.ndjson.gz",
                "node-a-000000000025-000000000030.ndjson.gz");
        result.files().forEach(f -> assertThat(ArchiveSignature.pathFor(f)).exists());
        assertThat(count("old")).isZero();
        assertThat(count("all")).isEqualTo(20 + 3);
        assertThat(opsRecords()).hasSize(3).allSatisfy(r -> {
            assertThat(r.code()).isEqualTo("ARCHIVE");
            assertThat(r.detail()).contains("node-a", ".ndjson.gz", "deleted");
        });

        VerifyReport database = verify(true, List.of());
        assertThat(database.ok()).as(database.toText()).isTrue();
        assertThat(database.nodes().get(0).anchor()).contains("node-a-000000000025-000000000030.ndjson.gz");

        VerifyReport both = verify(true, result.files());
        assertThat(both.ok()).as(both.toText()).isTrue();
        assertThat(both.nodes().get(0).records()).isEqualTo(53);
        assertThat(both.nodes().get(0).firstSeq()).isEqualTo(1);
        assertThat(both.nodes().get(0).anchor()).isEqualTo("genesis");

        VerifyReport offline = verify(false, result.files());
        assertThat(offline.ok()).as(offline.toText()).isTrue();
        assertThat(offline.nodes().get(0).records()).isEqualTo(30);
        assertThat(offline.nodes().get(0).checkpoints()).isEqualTo(3);
        assertThat(offline.archives()).allSatisfy(a -> assertThat(a.signatureValid()).isTrue());

        assertThat(archiver.archive(NODE).files()).as("nothing more is old enough").isEmpty();
    }

    @Test
    void theLastRecordOfAChainStaysInTheDatabase() {
        AuditArchiver all = new AuditArchiver(dataSource(), chain.writer, AuditTestSupport.signer(),
                dir.resolve("all"), Duration.ofDays(1), 100, Clock.offset(Clock.systemUTC(), Duration.ofDays(30)));

        assertThat(all.archive(NODE).records()).isEqualTo(49);

        assertThat(chain.writer.find(new AuditQuery(null, null, AuditKind.CALL, null, null, 100)))
                .singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(50));
        VerifyReport report = verify(true, List.of());
        assertThat(report.ok()).as(report.toText()).isTrue();
    }

    @Test
    void aCorruptedByteInAnArchiveNamesTheFile() throws IOException {
        Path file = archiver.archive(NODE).files().get(0);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);

        VerifyReport report = verify(false, List.of(file));

        assertThat(report.ok()).isFalse();
        assertThat(report.firstBreak().source()).isEqualTo(file.getFileName().toString());
        assertThat(report.problems()).extracting(Problem::kind).contains(ProblemKind.ARCHIVE_BAD_SIGNATURE);
        assertThat(report.archives()).singleElement().satisfies(a -> assertThat(a.signatureValid()).isFalse());
    }

    @Test
    void aLineDeletedFromAnArchiveIsNamed() throws IOException {
        Path file = archiver.archive(NODE).files().get(0);
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            in.lines().forEach(lines::add);
        }
        lines.remove(5); // line 0 is the header: this is seq 5
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        VerifyReport report = verify(false, List.of(file));

        assertThat(report.firstBreak().kind()).isEqualTo(ProblemKind.ARCHIVE_BAD_SIGNATURE);
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.DELETED);
            assertThat(p.seq()).isEqualTo(5);
            assertThat(p.source()).isEqualTo(file.getFileName().toString());
        });
    }

    @Test
    void aMissingArchiveIsNamedWhenTheOthersAreVerifiedWithTheDatabase() {
        List<Path> files = archiver.archive(NODE).files();

        VerifyReport report = verify(true, List.of(files.get(0), files.get(2)));

        assertThat(report.firstBreak().kind()).isEqualTo(ProblemKind.DELETED);
        assertThat(report.firstBreak().seq()).isEqualTo(13);
        assertThat(report.firstBreak().detail()).contains("13..24");
    }

    @Test
    void aChainThatDoesNotVerifyIsNotArchived() {
        AuditTestSupport.update(dataSource(), "UPDATE audit_record SET detail = 'sửa' WHERE seq = 15");

        assertThatThrownBy(() -> archiver.archive(NODE)).isInstanceOf(AuditStoreException.class)
                .hasMessageContaining("seq 15");

        assertThat(count("old")).as("the evidence stays").isEqualTo(30 - 12);
        assertThat(opsRecords()).extracting(AuditRecord::code).containsExactly("ARCHIVE_FAILED", "ARCHIVE");
        try (var files = Files.list(dir.resolve("archive"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "node-a-000000000001-000000000012.ndjson.gz", "node-a-000000000001-000000000012.ndjson.gz.sig");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
