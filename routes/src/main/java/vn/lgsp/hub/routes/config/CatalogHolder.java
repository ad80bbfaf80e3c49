package vn.lgsp.hub.routes.config;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import vn.lgsp.hub.core.catalog.Catalog;

/**
 * The catalog in force. Request processing pins {@link #current()} on the exchange once ({@link #pin}) and
 * reads it back with {@link #pinned}, so a later reload can swap the snapshot without affecting calls in flight.
 */
public class CatalogHolder {

    /** Exchange property holding the catalog snapshot used for the whole exchange. */
    private static final String EXCHANGE_PROPERTY = "lgsp.catalog";

    private final AtomicReference<Catalog> current;

    public CatalogHolder(Catalog initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Catalog current() {
        return current.get();
    }

    /** Keeps the catalog in force on the exchange for the rest of its flow and returns it. */
    public Catalog pin(Exchange exchange) {
        Catalog catalog = current();
        exchange.setProperty(EXCHANGE_PROPERTY, catalog);
        return catalog;
    }

    /** The snapshot {@link #pin} kept on the exchange. */
    public static Catalog pinned(Exchange exchange) {
        Catalog catalog = exchange.getProperty(EXCHANGE_PROPERTY, Catalog.class);
        if (catalog == null) {
            throw new IllegalStateException("no catalog pinned: the flow must pin the catalog first");
        }
        return catalog;
    }

    /** Replaces the catalog in force. */
    public void replace(Catalog next) {
        current.set(next);
    }
}
