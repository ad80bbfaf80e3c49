package vn.lgsp.hub.core.privacy;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link PrivacyStorageTest} on a real PostgreSQL server (embedded binaries, started once for the class). */
class PostgresPrivacyStorageTest extends PrivacyStorageTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.postgres();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }
}
