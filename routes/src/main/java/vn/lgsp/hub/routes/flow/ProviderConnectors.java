package vn.lgsp.hub.routes.flow;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.connector.ConnectorSpec;
import vn.lgsp.hub.core.connector.ProviderConnector;

/**
 * One live {@link ProviderConnector} per distinct connector declaration, created on first use through the
 * connector SPI (routes never switch on the connector type) and closed at shutdown.
 */
@Component
public class ProviderConnectors {

    private final ConnectorRegistry registry;
    private final Map<ConnectorSpec, ProviderConnector> live = new ConcurrentHashMap<>();

    public ProviderConnectors(ConnectorRegistry registry) {
        this.registry = registry;
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
