package vn.lgsp.hub.routes.flow;

import jakarta.annotation.PreDestroy;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.routes.catalog.CatalogChangeListener;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * One live {@link ProviderConnector} per distinct connector declaration, created through the connector SPI
 * (routes never switch on the connector type) and closed at shutdown. Follows catalog reloads: connectors of
 * new declarations are created before the new catalog is in force (a failure rejects the reload), those no
 * longer declared are closed after {@code hub.catalog.reload.connector-grace} so calls in flight finish.
 */
@Component
public class ProviderConnectors implements CatalogChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderConnectors.class);
    private final ConnectorRegistry registry;
    private final CatalogHolder catalogs;
    private final long graceMillis;
    private final Map<ConnectorSpec, ProviderConnector> live = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retirements = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "connector-retirement");
        t.setDaemon(true);
        return t;
    });

    public ProviderConnectors(ConnectorRegistry registry, CatalogHolder catalogs, HubProperties properties) {
        this.registry = registry;
        this.catalogs = catalogs;
        this.graceMillis = properties.getCatalog().getReload().getConnectorGrace().toMillis();
        // create the connectors of the catalog up front: configuration mistakes surface at startup and the
        // connectors' own Vert.x instance is not created lazily on a request thread
        createAll(catalogs.current());
    }

    public ProviderConnector forSpec(ConnectorSpec spec) {
        return live.computeIfAbsent(spec, s -> registry.find(s.type())
                .orElseThrow(() -> new IllegalStateException("no connector factory for type " + s.type()))
                .create(s));
    }

    private void createAll(Catalog catalog) {
        catalog.services().forEach(s -> forSpec(s.connector()));
        catalog.subscriptions().forEach(s -> forSpec(s.connector()));
    }

    @Override
    public void prepare(Catalog current, Catalog next) {
        createAll(next);
    }

    @Override
    public void applied(Catalog previous, Catalog current) {
        Set<ConnectorSpec> unused = new HashSet<>(live.keySet());
        unused.removeAll(specsOf(current));
        if (!unused.isEmpty()) {
            retirements.schedule(() -> retire(unused), graceMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the connectors that are still not declared once the grace period is over. */
    private void retire(Set<ConnectorSpec> candidates) {
        Set<ConnectorSpec> inUse = specsOf(catalogs.current());
        for (ConnectorSpec spec : candidates) {
            if (!inUse.contains(spec)) {
                ProviderConnector connector = live.remove(spec);
                if (connector != null) {
                    LOG.info("Closing the {} connector no longer in the catalog", spec.type());
                    connector.close();
                }
            }
        }
    }

    private static Set<ConnectorSpec> specsOf(Catalog catalog) {
        Set<ConnectorSpec> specs = new HashSet<>();
        catalog.services().forEach(s -> specs.add(s.connector()));
        catalog.subscriptions().forEach(s -> specs.add(s.connector()));
        return specs;
    }

    @PreDestroy
    void closeAll() {
        retirements.shutdownNow();
        live.values().forEach(ProviderConnector::close);
        live.clear();
    }
}
