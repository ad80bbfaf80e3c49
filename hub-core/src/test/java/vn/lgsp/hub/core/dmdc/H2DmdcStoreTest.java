package vn.lgsp.hub.core.dmdc;

import javax.sql.DataSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link DmdcStoreTest} on in-memory H2. */
class H2DmdcStoreTest extends DmdcStoreTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.h2();

    @Override
    protected DataSource dataSource() {
        return DB.dataSource();
    }
}
