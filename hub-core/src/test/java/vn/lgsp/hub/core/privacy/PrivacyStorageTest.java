package vn.lgsp.hub.core.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStoreException;
import vn.lgsp.hub.core.audit.AuditSubjects;
import vn.lgsp.hub.core.audit.JdbcAuditStore;

/**
 * The subject index ({@code audit_subject}) and the encrypted payload table ({@code audit_payload}) of
 * {@code V6__audit_subject.sql}, on every database through a subclass providing a migrated data source.
 */
abstract class PrivacyStorageTest {

    private static final SubjectKeys KEYS = new SubjectKeys("a-32-byte-secret-for-the-tests!!".getBytes(UTF_8));
    private static final String MAI = KEYS.key("077190001234");
    private static final String LAN = KEYS.key("001085000111");
    private static final byte[] PAYLOAD_KEY = "0123456789abcdef0123456789abcdef".getBytes(UTF_8);

    protected abstract DataSource dataSource();

    private JdbcAuditStore store;
    private AuditSubjects subjects;

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM audit_record");
            st.executeUpdate("DELETE FROM audit_subject");
            st.executeUpdate("DELETE FROM audit_payload");
        }
        store = new JdbcAuditStore(dataSource(), "node-p");
        subjects = new AuditSubjects(dataSource());
    }

    private static AuditRecord record(long seq, String subjectKeys) {
        return AuditRecord.builder(AuditKind.CALL).node("node-p").exchangeId("ex-" + seq).subjectKeys(subjectKeys)
                .purpose("TTHC").status(200).build();
    }

    private AuditRecord withSeq(AuditRecord r, long seq) {
        AuditRecord n = store.normalised(r);
        return new AuditRecord(null, n.node(), seq, n.time(), n.kind(), n.exchangeId(), n.requestId(), n.consumer(),
                n.provider(), n.service(), n.topic(), n.subscriber(), n.purpose(), n.subjectKeys(), n.status(),
                n.code(), n.durationMs(), n.requestBytes(), n.responseBytes(), n.requestSha256(), n.responseSha256(),
                n.detail(), "0".repeat(64), "f".repeat(64));
    }

    @Test
    void indexesEveryKeyOfARecordAndFindsASubjectsRecordsNewestFirst() {
        List<AuditRecord> stored = store.insertAll(List.of(
                withSeq(record(1, MAI), 1),
                withSeq(record(2, LAN + "," + MAI), 2),
                withSeq(record(3, null), 3),
                withSeq(record(4, LAN), 4),
                withSeq(record(5, MAI + ",not-a-key"), 5)));

        assertThat(subjects.find(MAI, null, 10)).extracting(AuditRecord::exchangeId).containsExactly("ex-5", "ex-2", "ex-1");
        assertThat(subjects.find(LAN, null, 10)).extracting(AuditRecord::exchangeId).containsExactly("ex-4", "ex-2");
        assertThat(subjects.find(MAI, null, 10).get(1)).isEqualTo(stored.get(1));
        List<AuditRecord> first = subjects.find(MAI, null, 2);
        assertThat(first).extracting(AuditRecord::exchangeId).containsExactly("ex-5", "ex-2");
        assertThat(subjects.find(MAI, first.get(1).id(), 2)).extracting(AuditRecord::exchangeId).containsExactly("ex-1");
        assertThat(subjects.find(KEYS.key("000000000000"), null, 10)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM audit_subject")).isEqualTo(5);
    }

    @Test
    void writesNoIndexRowWhenTheRecordsTransactionFails() {
        assertThatThrownBy(() -> store.insertAll(List.of(withSeq(record(1, MAI), 7), withSeq(record(2, LAN), 7))))
                .isInstanceOf(AuditStoreException.class);
        assertThat(count("SELECT COUNT(*) FROM audit_record")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_subject")).isZero();
    }

    @Test
    void appendIndexesToo() {
        store.append(record(9, MAI));
        assertThat(subjects.find(MAI, null, 5)).extracting(AuditRecord::exchangeId).containsExactly("ex-9");
    }

    @Test
    void storesPayloadsEncryptedAndReadsThemBack() throws SQLException {
        PayloadVault vault = new PayloadVault(dataSource(), PAYLOAD_KEY);
        byte[] request = "{\"SoDinhDanh\":\"077190001234\",\"HoVaTen\":\"Nguyễn Thị Mai\"}".getBytes(UTF_8);
        byte[] response = "{\"CongDan\":{\"SoDinhDanh\":\"077190001234\"}}".getBytes(UTF_8);
        vault.store("ex-1", "CALL", PayloadVault.Direction.REQUEST, request);
        vault.store("ex-1", "CALL", PayloadVault.Direction.RESPONSE, response);
        vault.store("ex-1", "CALL", PayloadVault.Direction.RESPONSE, new byte[0]);

        List<PayloadVault.Payload> back = vault.read("ex-1");
        assertThat(back).extracting(PayloadVault.Payload::direction)
                .containsExactly(PayloadVault.Direction.REQUEST, PayloadVault.Direction.RESPONSE);
        assertThat(back.get(0).body()).isEqualTo(request);
        assertThat(back.get(1).body()).isEqualTo(response);

        List<byte[]> raw = rawCiphertexts();
        assertThat(raw).hasSize(2);
        for (byte[] ciphertext : raw) {
            assertThat(new String(ciphertext, UTF_8)).doesNotContain("077190001234", "Mai", "SoDinhDanh");
        }
        assertThatThrownBy(() -> new PayloadVault(dataSource(), "another-32-byte-key-for-tests!!!".getBytes(UTF_8))
                .read("ex-1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("wrong key");
    }

    @Test
    void aRowMovedToAnotherExchangeFailsAuthentication() throws SQLException {
        PayloadVault vault = new PayloadVault(dataSource(), PAYLOAD_KEY);
        vault.store("ex-a", "CALL", PayloadVault.Direction.REQUEST, "{\"a\":1}".getBytes(UTF_8));
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE audit_payload SET exchange_id = 'ex-b'");
        }
        assertThatThrownBy(() -> vault.read("ex-b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PayloadVault(dataSource(), new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private List<byte[]> rawCiphertexts() throws SQLException {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT iv, ciphertext FROM audit_payload");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                assertThat(rs.getBytes("iv")).hasSize(12);
                out.add(rs.getBytes("ciphertext"));
            }
        }
        return out;
    }

    private long count(String sql) {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
