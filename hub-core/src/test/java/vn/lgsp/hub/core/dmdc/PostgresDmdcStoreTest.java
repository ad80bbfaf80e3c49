package vn.lgsp.hub.core.dmdc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link DmdcStoreTest} on embedded PostgreSQL (zonky). */
class PostgresDmdcStoreTest extends DmdcStoreTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.postgres();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }
}
