package vn.lgsp.hub.core.audit.verify;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuditTamperingTest} on H2. */
class H2AuditTamperingTest extends AuditTamperingTest {

    private static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = AuditTestSupport.h2();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
