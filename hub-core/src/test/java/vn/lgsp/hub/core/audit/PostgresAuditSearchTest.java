package vn.lgsp.hub.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link AuditSearchTest} on a real PostgreSQL server (embedded binaries, started once for the class). */
class PostgresAuditSearchTest extends AuditSearchTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.postgres();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }

    @Test
    void searchIndexesExist() throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Connection c = DB.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_record'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        assertThat(indexes).contains("idx_audit_record_provider_service_time", "idx_audit_record_topic_time",
                "idx_audit_record_subscriber_time", "idx_audit_record_code_time",
                "idx_audit_record_consumer_time", "idx_audit_record_kind_time");
    }
}
