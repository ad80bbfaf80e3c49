package vn.lgsp.hub.routes.catalog;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /ops/v1/catalog/status} and the {@code catalogReload} health details show: when the
 * catalog in force was loaded and from where, and the last rejected change (null after a successful load).
 *
 * @param loadedAt      when the catalog in force was loaded (startup or last successful reload)
 * @param source        the configuration folder it was loaded from
 * @param participants  participants in force
 * @param services      services in force
 * @param subscriptions subscriptions in force
 * @param reloads       successful reloads since startup
 * @param lastError     the last rejected change, or null
 */
public record CatalogStatus(Instant loadedAt, String source, int participants, int services, int subscriptions,
                            long reloads, ReloadError lastError) {

    /** A rejected change: when, a one-line summary and every problem (file, field, reason). */
    public record ReloadError(Instant at, String message, List<Problem> problems) {
        public ReloadError {
            problems = List.copyOf(problems);
        }
    }

    /** One problem of a rejected change. */
    public record Problem(String file, String field, String reason) {
    }
}
