package vn.lgsp.hub.core.audit.verify;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuditTamperingTest} on PostgreSQL (embedded). */
class PostgresAuditTamperingTest extends AuditTamperingTest {

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
