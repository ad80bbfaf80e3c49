package vn.lgsp.hub.routes.catalog;

import vn.lgsp.hub.core.catalog.Catalog;

/**
 * A part of the hub that holds state derived from the catalog (connectors, delivery routes, broker settings,
 * per-service policies) and follows a hot reload. Spring beans implementing it are called by
 * {@link CatalogReloader}: {@link #prepare} for every listener, then the swap, then {@link #applied}.
 */
public interface CatalogChangeListener {

    /**
     * Gets ready for {@code next} before it is put in force (e.g. create connectors, push broker settings).
     * Throwing rejects the whole reload: the current catalog stays and the exception's message becomes the
     * reload error.
     */
    default void prepare(Catalog current, Catalog next) {
    }

    /** Follows the catalog now in force (e.g. start and stop routes). Failures are logged and reported. */
    void applied(Catalog previous, Catalog current);
}
