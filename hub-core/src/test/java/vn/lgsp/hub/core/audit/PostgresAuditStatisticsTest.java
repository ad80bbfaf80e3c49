package vn.lgsp.hub.core.audit;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link AuditStatisticsTest} on a real PostgreSQL server (embedded binaries). */
class PostgresAuditStatisticsTest extends AuditStatisticsTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.postgres();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }
}
