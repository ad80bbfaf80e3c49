package vn.lgsp.hub.core.audit.archive;

import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import vn.lgsp.hub.core.audit.verify.AuditTestSupport;

/** {@link AuditArchiveTest} on H2. */
class H2AuditArchiveTest extends AuditArchiveTest {

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
