package vn.lgsp.hub.routes.config;

import java.util.concurrent.atomic.AtomicReference;
import vn.lgsp.hub.core.catalog.Catalog;

/**
 * The catalog in force. Request processing reads {@link #current()} once per exchange, so a later reload
 * can swap the snapshot without affecting calls in flight.
 */
public class CatalogHolder {

    private final AtomicReference<Catalog> current;

    public CatalogHolder(Catalog initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Catalog current() {
        return current.get();
    }

    /** Replaces the catalog in force. */
    public void replace(Catalog next) {
        current.set(next);
    }
}
