package vn.lgsp.hub.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/**
 * The vendor-specific migrations ({@code db/vendor/{vendor}}) the application runs after the portable ones:
 * on H2 the audit id keeps 1000 values in its cache (one store of the database per 1000 records instead of
 * per 32), on PostgreSQL it keeps the default of one value so ids follow commit order across connections.
 */
class VendorMigrationsTest {

    @RegisterExtension
    static final MigratedDatabase H2 = MigratedDatabase.h2();

    @RegisterExtension
    static final MigratedDatabase POSTGRES = MigratedDatabase.postgres();

    @Test
    void h2CachesAThousandAuditIds() throws SQLException {
        assertThat(MigratedDatabase.vendor(H2.dataSource())).isEqualTo("h2");
        assertThat(single(H2.dataSource(), "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_NAME = 'AUDIT_RECORD' AND COLUMN_NAME = 'ID'")).isEqualTo(1000);
    }

    @Test
    void postgresqlKeepsOneAuditIdPerFetch() throws SQLException {
        assertThat(MigratedDatabase.vendor(POSTGRES.dataSource())).isEqualTo("postgresql");
        assertThat(single(POSTGRES.dataSource(), "SELECT cache_size FROM pg_sequences "
                + "WHERE sequencename = pg_get_serial_sequence('audit_record', 'id')::regclass::text "
                + "OR 'public.' || sequencename = pg_get_serial_sequence('audit_record', 'id')")).isEqualTo(1);
    }

    private static long single(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as("a row for: %s", sql).isTrue();
            return rs.getLong(1);
        }
    }
}
