package vn.lgsp.hub.core.node;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link NodeRegistryTest} on an in-memory H2 database in its default mode. */
class H2NodeRegistryTest extends NodeRegistryTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.h2();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }
}
