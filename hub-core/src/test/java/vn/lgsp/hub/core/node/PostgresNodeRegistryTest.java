package vn.lgsp.hub.core.node;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link NodeRegistryTest} on a real PostgreSQL server (embedded binaries). */
class PostgresNodeRegistryTest extends NodeRegistryTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.postgres();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }
}
