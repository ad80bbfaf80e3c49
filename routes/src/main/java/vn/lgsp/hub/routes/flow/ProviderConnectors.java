package vn.lgsp.hub.routes.flow;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;
import vn.lgsp.hub.routes.config.CatalogHolder;

/**
 * One live {@link ProviderConnector} per distinct connector declaration, created on first use through the
 * connector SPI (routes never switch on the connector type) and closed at shutdown.
 */
@Component
public class ProviderConnectors {

    private final ConnectorRegistry registry;
    private final Map<ConnectorSpec, ProviderConnector> live = new ConcurrentHashMap<>();

    public ProviderConnectors(ConnectorRegistry registry, CatalogHolder catalogs) {
        this.registry = registry;
        // create the connectors of the catalog up front: configuration mistakes surface at startup and the
        // connectors' own Vert.x instance is not created lazily on a request thread
        catalogs.current().services().forEach(s -> forSpec(s.connector()));
        catalogs.current().subscriptions().forEach(s -> forSpec(s.connector()));
    }

    public ProviderConnector forSpec(ConnectorSpec spec) {
        return live.computeIfAbsent(spec, s -> registry.find(s.type())
                .orElseThrow(() -> new IllegalStateException("no connector factory for type " + s.type()))
                .create(s));
    }

    @PreDestroy
    void closeAll() {
        live.values().forEach(ProviderConnector::close);
        live.clear();
    }
}
