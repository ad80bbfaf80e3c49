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
import vn.lgsp.hub.core.connector.ConnectorFactory;
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
 * A connector belongs to its declaration and to the factory that made it: when a plugin jar is replaced, the
 * same declaration gets a new connector from the new factory and the old one is retired the same way.
 */
@Component
public class ProviderConnectors implements CatalogChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderConnectors.class);
    private final ConnectorRegistry registry;
    private final CatalogHolder catalogs;
    private final long graceMillis;
    private final Map<Made, ProviderConnector> live = new ConcurrentHashMap<>();
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

    /** A declaration and the factory of its type: one live connector each. */
    private record Made(ConnectorSpec spec, ConnectorFactory factory) {
    }

    public ProviderConnector forSpec(ConnectorSpec spec) {
        ConnectorFactory factory = registry.find(spec.type())
                .orElseThrow(() -> new IllegalStateException("no connector factory for type " + spec.type()));
        return live.computeIfAbsent(new Made(spec, factory), made -> made.factory().create(made.spec()));
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
        Set<Made> unused = new HashSet<>(live.keySet());
        unused.removeAll(inForce(current));
        if (!unused.isEmpty()) {
            retirements.schedule(() -> retire(unused), graceMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Closes the connectors that are still not declared once the grace period is over. */
    private void retire(Set<Made> candidates) {
        Set<Made> inUse = inForce(catalogs.current());
        for (Made made : candidates) {
            if (!inUse.contains(made)) {
                ProviderConnector connector = live.remove(made);
                if (connector != null) {
                    LOG.info("Closing the {} connector no longer in the catalog", made.spec().type());
                    connector.close();
                }
            }
        }
    }

    /** The connectors the catalog declares, each with the factory its type has now. */
    private Set<Made> inForce(Catalog catalog) {
        Set<Made> inForce = new HashSet<>();
        catalog.services().forEach(s -> made(s.connector(), inForce));
        catalog.subscriptions().forEach(s -> made(s.connector(), inForce));
        return inForce;
    }

    private void made(ConnectorSpec spec, Set<Made> into) {
        registry.find(spec.type()).ifPresent(factory -> into.add(new Made(spec, factory)));
    }

    @PreDestroy
    void closeAll() {
        retirements.shutdownNow();
        live.values().forEach(ProviderConnector::close);
        live.clear();
    }
}
