package vn.lgsp.hub.core.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link AuditSearchTest} on an in-memory H2 database in its default (non-PostgreSQL) mode. */
class H2AuditSearchTest extends AuditSearchTest {

    private static JdbcDataSource dataSource;

    @BeforeAll
    static void startDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:audit-search-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        migrate(dataSource);
    }

    @AfterAll
    static void stopDatabase() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
