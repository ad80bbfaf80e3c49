package vn.lgsp.hub.routes.support;

import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.Arguments;
import vn.lgsp.hub.core.testing.MigratedDatabase;

/**
 * Base of the SQL tests that run each case on H2 and on a real PostgreSQL, both migrated as the application
 * does ({@link MigratedDatabase} of hub-core, per test class): {@code @ParameterizedTest(name = "{0}")} with
 * {@code @MethodSource("databases")} gets the database's name and its {@code DataSource}.
 */
public abstract class BothDatabasesTest {

    @RegisterExtension
    static final MigratedDatabase H2 = MigratedDatabase.h2();
    @RegisterExtension
    static final MigratedDatabase POSTGRES = MigratedDatabase.postgres();

    protected static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", H2.dataSource()), Arguments.of("PostgreSQL", POSTGRES.dataSource()));
    }
}
