package vn.lgsp.hub.core.quota;

import org.junit.jupiter.api.extension.RegisterExtension;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/** {@link DailyQuotaStoreTest} on H2. */
class H2DailyQuotaStoreTest extends DailyQuotaStoreTest {

    @RegisterExtension
    static final MigratedDatabase DB = MigratedDatabase.h2();

    @Override
    MigratedDatabase database() {
        return DB;
    }
}
