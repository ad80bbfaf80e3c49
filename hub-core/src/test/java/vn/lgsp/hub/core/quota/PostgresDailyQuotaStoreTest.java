package vn.lgsp.hub.core.quota;

import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link DailyQuotaStoreTest} on embedded PostgreSQL. */
class PostgresDailyQuotaStoreTest extends DailyQuotaStoreTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.postgres();

    @Override
    MigratedDatabase database() {
        return DB;
    }
}
