package vn.lgsp.hub.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database migrated with the production Flyway migrations, started before a test class and stopped after it:
 * an in-memory H2 in its default mode, or a real PostgreSQL (zonky embedded binaries). Register it with
 * {@code @RegisterExtension static final MigratedDatabase DB = MigratedDatabase.postgres();}.
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private final boolean postgresql;
    private EmbeddedPostgres postgres;
    private DataSource dataSource;

    private MigratedDatabase(boolean postgresql) {
        this.postgresql = postgresql;
    }

    public static MigratedDatabase h2() {
        return new MigratedDatabase(false);
    }

    public static MigratedDatabase postgres() {
        return new MigratedDatabase(true);
    }

    /** Runs the production migrations exactly as the application does. */
    public static void migrate(DataSource dataSource) {
        assertThat(Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration", "classpath:db/vendor/" + vendor(dataSource)).load().migrate()
                .success).isTrue();
    }

    /** Flyway's {@code {vendor}} name of the database: {@code h2} or {@code postgresql}. */
    public static String vendor(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (postgresql) {
            postgres = EmbeddedPostgres.builder().start();
            dataSource = postgres.getPostgresDatabase();
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            h2.setUser("sa");
            dataSource = h2;
        }
        migrate(dataSource);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            postgres.close();
        } else if (dataSource != null) {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
