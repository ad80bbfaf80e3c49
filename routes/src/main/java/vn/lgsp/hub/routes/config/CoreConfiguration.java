package vn.lgsp.hub.routes.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import vn.lgsp.hub.core.audit.AuditCheckpoints;
import vn.lgsp.hub.core.audit.ChainedAuditWriter;
import vn.lgsp.hub.core.audit.JdbcAuditStore;
import vn.lgsp.hub.core.auth.Secrets;
import vn.lgsp.hub.core.auth.TokenService;
import vn.lgsp.hub.core.catalog.CatalogLoader;
import vn.lgsp.hub.core.connector.ConnectorRegistry;

/**
 * Wires the plain-Java core into Spring: connector registry, catalog (loaded and validated at startup —
 * an invalid catalog stops the hub with file, field and reason), token service and audit store.
 */
@Configuration
@EnableConfigurationProperties(HubProperties.class)
public class CoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CoreConfiguration.class);

    /** Built-in connector types plus those of the plugin jars in {@code hub.plugins.dir} (bad jars skipped). */
    @Bean
    ConnectorRegistry connectorRegistry(HubProperties properties) {
        ConnectorRegistry registry = ConnectorRegistry.load(getClass().getClassLoader(),
                properties.getPlugins().getDir().toAbsolutePath().normalize());
        LOG.info("Connector types: {}", registry.describe().stream()
                .map(t -> t.type() + " (" + t.origin() + ")").toList());
        return registry;
    }

    @Bean
    CatalogHolder catalogHolder(HubProperties properties, ConnectorRegistry connectors) {
        Path dir = properties.getCatalog().getDir().toAbsolutePath().normalize();
        var catalog = new CatalogLoader(connectors).load(dir);
        LOG.info("Catalog loaded from {}: {} participants, {} services", dir, catalog.participants().size(),
                catalog.services().size());
        return new CatalogHolder(catalog);
    }

    @Bean
    TokenService tokenService(HubProperties properties) {
        return new TokenService(signingKey(properties.getToken()), properties.getToken().getTtl(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    @DependsOn({"flywayInitializer", "nodeLease"}) // one live process per node id before its chain head is read
    ChainedAuditWriter auditStore(DataSource dataSource, HubProperties properties, AuditCheckpoints auditCheckpoints) {
        return new ChainedAuditWriter(new JdbcAuditStore(dataSource, properties.getNodeId()), properties.getNodeId(),
                auditCheckpoints, 256,
                properties.getAudit().getGroupLinger());
    }

    private static byte[] signingKey(HubProperties.Token token) {
        if (!token.getSigningKey().isBlank()) {
            byte[] key = Base64.getDecoder().decode(token.getSigningKey().trim());
            if (key.length < 32) {
                throw new IllegalStateException("hub.token.signing-key must be at least 32 bytes (Base64 of 256 bits)");
            }
            return key;
        }
        KeyFiles.Key key = KeyFiles.readOrGenerate(token.getSigningKeyFile(), "hub.token.signing-key-file",
                Secrets::newSigningKey);
        if (key.generated()) {
            LOG.info("Generated a new token signing key in {}", token.getSigningKeyFile());
        }
        return key.bytes();
    }
}
