package vn.lgsp.hub.routes.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.catalog.Catalog;
import vn.lgsp.hub.core.catalog.CatalogException;
import vn.lgsp.hub.core.catalog.CatalogLoader;
import vn.lgsp.hub.core.connector.ConnectorRegistry;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Hot reload of the catalog and of the connector plugins. Polls the catalog files ({@link CatalogFingerprint})
 * and the plugin jars ({@link ConnectorRegistry#pluginFingerprint()}) every {@code hub.catalog.reload.interval};
 * a change that stayed the same for one more poll (so a file being written is not read half-way) is loaded
 * and validated whole: the plugin folder is scanned again (unchanged jars kept) and the catalog is checked
 * against those connector types. Valid: the types are put in force, every {@link CatalogChangeListener}
 * prepares, the new snapshot is put in force (calls in flight keep the snapshot they pinned), the listeners
 * follow. Invalid, or refused by a listener: nothing changes (the previous types and catalog stay), the
 * problems are logged and kept as {@link CatalogStatus#lastError()}. Both outcomes are audited (kind OPS,
 * code {@code CATALOG_RELOAD} or {@code CATALOG_REJECTED}) before the status shows them.
 */
@Component
public class CatalogReloader implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogReloader.class);
    /** Who a reload noticed by polling is audited as. */
    static final String WATCHER = "hub:catalog-watcher";

    private final CatalogHolder catalogs;
    private final ConnectorRegistry connectors;
    private final ObjectProvider<CatalogChangeListener> listeners;
    private final AuditStore audit;
    private final HubProperties.Reload settings;
    private final Path configDir;
    private volatile CatalogStatus status;
    private String attemptedFingerprint;
    private String pendingFingerprint;
    private ScheduledExecutorService poller;

    public CatalogReloader(CatalogHolder catalogs, ConnectorRegistry connectors,
                           ObjectProvider<CatalogChangeListener> listeners, AuditStore audit, HubProperties properties) {
        this.catalogs = catalogs;
        this.connectors = connectors;
        this.listeners = listeners;
        this.audit = audit;
        this.settings = properties.getCatalog().getReload();
        this.configDir = properties.getCatalog().getDir().toAbsolutePath().normalize();
        this.attemptedFingerprint = fingerprint(catalogs.current());
        this.status = status(catalogs.current(), Instant.now(), 0, null);
    }

    /** The catalog in force and the last rejected change. */
    public CatalogStatus status() {
        return status;
    }

    /** Checks the files once; reloads when they changed and have been stable since the previous check. */
    synchronized void poll() {
        String now = fingerprint(catalogs.current());
        if (now.equals(attemptedFingerprint)) {
            pendingFingerprint = null;
        } else if (now.equals(pendingFingerprint)) {
            reload(WATCHER, now);
        } else {
            pendingFingerprint = now;
        }
    }

    /** Loads the files now, whatever their state (operator action); returns the resulting status. */
    public synchronized CatalogStatus reloadNow(String by) {
        reload(by, fingerprint(catalogs.current()));
        return status;
    }

    /** The catalog files, the schema files {@code catalog} refers to, and the plugin jars. */
    private String fingerprint(Catalog catalog) {
        return CatalogFingerprint.of(configDir, catalog) + "|" + connectors.pluginFingerprint();
    }

    private void reload(String by, String fingerprint) {
        attemptedFingerprint = fingerprint;
        pendingFingerprint = null;
        Catalog current = catalogs.current();
        ConnectorRegistry typesBefore = connectors.snapshot();
        ConnectorRegistry typesNext = connectors.rescanPlugins();
        List<String> typeChanges = typesNext.changesSince(typesBefore);
        Catalog next;
        List<CatalogChangeListener> all = listeners.orderedStream().toList();
        try {
            next = new CatalogLoader(typesNext).load(configDir);
            connectors.adopt(typesNext);
            for (CatalogChangeListener listener : all) {
                listener.prepare(current, next);
            }
        } catch (CatalogException e) {
            connectors.adopt(typesBefore);
            reject(by, withTypeChanges(e.getMessage(), typeChanges), e.problems().stream()
                    .map(p -> new CatalogStatus.Problem(p.file(), p.field(), p.reason())).toList());
            return;
        } catch (RuntimeException e) {
            connectors.adopt(typesBefore);
            reject(by, withTypeChanges("the new catalog could not be put in force: " + e.getMessage(), typeChanges),
                    List.of());
            return;
        }
        catalogs.replace(next);
        // the fingerprint also covers the schema files the new catalog refers to
        attemptedFingerprint = fingerprint(next);
        CatalogDiff diff = CatalogDiff.between(current, next);
        String followError = null;
        for (CatalogChangeListener listener : all) {
            try {
                listener.applied(current, next);
            } catch (RuntimeException e) {
                LOG.error("Catalog reloaded, but {} could not follow it: {}", listener.getClass().getSimpleName(),
                        e.getMessage(), e);
                followError = listener.getClass().getSimpleName() + " could not follow the reload: " + e.getMessage();
            }
        }
        String detail = "catalog reloaded: " + diff + (typeChanges.isEmpty() ? "" : "; " + String.join("; ", typeChanges));
        LOG.info("Catalog reloaded from {}: {} participants, {} services, {} subscriptions; {}{}", configDir,
                next.participants().size(), next.services().size(), next.subscriptions().size(), diff,
                typeChanges.isEmpty() ? "" : "; " + String.join("; ", typeChanges));
        CatalogStatus.ReloadError error = followError == null ? null
                : new CatalogStatus.ReloadError(Instant.now(), followError, List.of());
        try {
            audit.append(AuditRecord.builder(AuditKind.OPS).exchangeId(ExchangeIds.nextString()).consumer(by)
                    .status(200).code("CATALOG_RELOAD").detail(detail).build());
        } finally {
            status = status(next, Instant.now(), status.reloads() + 1, error);
        }
    }

    /** A rejection also says which plugin changes were held back with it. */
    private static String withTypeChanges(String message, List<String> typeChanges) {
        return typeChanges.isEmpty() ? message
                : message + "\n(plugin changes not applied: " + String.join("; ", typeChanges) + ")";
    }

    private void reject(String by, String message, List<CatalogStatus.Problem> problems) {
        Instant at = Instant.now();
        CatalogStatus previous = status;
        LOG.error("Catalog change rejected, the previous catalog stays in force: {}", message);
        try {
            audit.append(AuditRecord.builder(AuditKind.OPS).exchangeId(ExchangeIds.nextString()).consumer(by)
                    .status(422).code("CATALOG_REJECTED").detail(message).build());
        } finally {
            status = new CatalogStatus(previous.loadedAt(), previous.source(), previous.participants(),
                    previous.services(), previous.subscriptions(), previous.reloads(),
                    new CatalogStatus.ReloadError(at, message.lines().findFirst().orElse(message), problems));
        }
    }

    private CatalogStatus status(Catalog catalog, Instant loadedAt, long reloads, CatalogStatus.ReloadError error) {
        return new CatalogStatus(loadedAt, configDir.toString(), catalog.participants().size(),
                catalog.services().size(), catalog.subscriptions().size(), reloads, error);
    }

    @Override
    public synchronized void start() {
        if (!settings.isEnabled() || poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-watcher");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(settings.getInterval().toMillis(), 50);
        poller.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Watching {} for catalog changes every {} ms", configDir, every);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.error("Catalog watcher failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }

    /** Started after the routes (Camel's own lifecycle) and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
