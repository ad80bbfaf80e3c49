package vn.lgsp.hub.core.audit.archive;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import vn.lgsp.hub.core.audit.verify.AuditTestSupport;

/** {@link AuditArchiveTest} on PostgreSQL (embedded). */
class PostgresAuditArchiveTest extends AuditArchiveTest {

    private static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = AuditTestSupport.postgres();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
