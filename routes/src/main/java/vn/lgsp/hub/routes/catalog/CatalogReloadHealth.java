package vn.lgsp.hub.routes.catalog;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code catalogReload} (readiness group): always UP — the catalog in force keeps serving
 * — with {@code loadedAt}, {@code source} and, after a rejected change, {@code lastError} as details, so a
 * bad edit is visible where operators look.
 */
@Component("catalogReloadHealthIndicator")
public class CatalogReloadHealth implements HealthIndicator {

    private final CatalogReloader reloader;

    public CatalogReloadHealth(CatalogReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public Health health() {
        CatalogStatus status = reloader.status();
        Health.Builder health = Health.up().withDetail("loadedAt", status.loadedAt().toString())
                .withDetail("source", status.source()).withDetail("reloads", status.reloads());
        if (status.lastError() != null) {
            health.withDetail("lastError", status.lastError());
        }
        return health.build();
    }
}
