package vn.lgsp.hub.routes.ops;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.routes.catalog.CatalogReloader;
import vn.lgsp.hub.routes.catalog.CatalogStatus;

/**
 * The catalog's hot-reload state and the connector types on offer: {@code GET /ops/v1/catalog/status}
 * ({@code {loadedAt, source, lastError, ...}}), {@code POST /ops/v1/catalog:reload} (load the files now, for
 * file systems where the watcher is too slow) and {@code GET /ops/v1/connector-types} (built in or from which
 * plugin jar, and the plugin jars that were skipped).
 */
@RestController
@RequestMapping("/ops/v1")
public class OpsCatalogStatusController {

    private final CatalogReloader reloader;
    private final ConnectorRegistry connectors;

    public OpsCatalogStatusController(CatalogReloader reloader, ConnectorRegistry connectors) {
        this.reloader = reloader;
        this.connectors = connectors;
    }

    @GetMapping(path = "/catalog/status", produces = "application/json")
    public CatalogStatus status() {
        return reloader.status();
    }

    @PostMapping(path = "/catalog:reload", produces = "application/json")
    public CatalogStatus reload(Principal operator) {
        return reloader.reloadNow(operator.getName());
    }

    /** Connector types and skipped plugin jars. */
    public record ConnectorTypes(List<ConnectorRegistry.ConnectorType> types, List<Map<String, String>> skippedPlugins) {
    }

    @GetMapping(path = "/connector-types", produces = "application/json")
    public ConnectorTypes connectorTypes() {
        return new ConnectorTypes(connectors.describe(), connectors.skippedPlugins().stream()
                .map(s -> Map.of("jar", String.valueOf(s.jar().getFileName()), "reason", s.reason())).toList());
    }
}
