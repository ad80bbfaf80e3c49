package vn.lgsp.hub.routes.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.audit.AuditKind;
import vn.lgsp.hub.core.audit.AuditRecord;
import vn.lgsp.hub.core.audit.AuditStore;
import vn.lgsp.hub.core.catalog.ServiceDefinition;
import vn.lgsp.hub.core.catalog.SubscriptionDefinition;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.core.exchange.HubException;
import vn.lgsp.hub.routes.config.CatalogHolder;
import vn.lgsp.hub.routes.config.HubProperties;

/**
 * Operator route control: suspend/resume a service (its calls answer 503 SUSPENDED) or a subscription (its
 * delivery route stops, its queue holds; resume drains it), and this node's maintenance mode. The state
 * lives in the database ({@link RouteStateStore}); every node re-reads it every {@code hub.ops.state-refresh}
 * (default 2 s) and applies it, so a change made on one node reaches all and survives restarts. Every
 * change is audited (kind OPS).
 */
@Component
public class RouteControl implements AutoCloseable {

    /** State of a service or subscription. */
    public enum State { ACTIVE, SUSPENDED }

    /** This node's maintenance mode. */
    public record Maintenance(boolean enabled, Instant since, String by) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(RouteControl.class);
    private static final String SERVICE = "service:";
    private static final String SUBSCRIPTION = "subscription:";
    private static final String MAINTENANCE = "maintenance:";

    private final RouteStateStore store;
    private final CatalogHolder catalogs;
    private final AuditStore audit;
    private final ObjectProvider<CamelContext> camel;
    private final String node;
    private final ScheduledExecutorService refresher;
    private volatile Map<String, RouteStateStore.Entry> states;
    private volatile boolean started;

    public RouteControl(RouteStateStore store, CatalogHolder catalogs, AuditStore audit,
                        ObjectProvider<CamelContext> camel, HubProperties properties,
                        @Value("${hub.ops.state-refresh:2s}") Duration refresh) {
        this.store = store;
        this.catalogs = catalogs;
        this.audit = audit;
        this.camel = camel;
        this.node = properties.getNodeId();
        this.states = load();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "route-state-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Once the application runs, delivery routes follow the states (never during startup). */
    @EventListener(ApplicationReadyEvent.class)
    public void applicationReady() {
        started = true;
        applySubscriptions();
    }

    /**
     * A subscription's id in one URL path segment: {@code subscriber>publisher>topic} (no {@code /}); the
     * operator API accepts it besides the catalog's {@code subscriber>publisher/topic}.
     */
    public static String opsId(SubscriptionDefinition subscription) {
        return subscription.subscriberCode() + ">" + subscription.topic().replace('/', '>');
    }

    /** The delivery route id of a subscription. */
    public static String deliveryRouteId(SubscriptionDefinition subscription) {
        return "delivery:" + subscription.id();
    }

    public State serviceState(ServiceDefinition service) {
        return state(SERVICE + service.key());
    }

    public State subscriptionState(SubscriptionDefinition subscription) {
        return state(SUBSCRIPTION + subscription.id());
    }

    /** Rejects a call to a suspended service with 503 SUSPENDED (the REJECT is audited by the flow). */
    public void checkCallable(ServiceDefinition service) {
        if (serviceState(service) == State.SUSPENDED) {
            throw new HubException(HubError.SUSPENDED, service.key() + " is suspended by an operator");
        }
    }

    public ServiceDefinition setService(String provider, String serviceCode, State state, String operator) {
        ServiceDefinition service = catalogs.current().service(provider, serviceCode).orElseThrow(() ->
                new HubException(HubError.NOT_FOUND, "no service '" + serviceCode + "' of provider '" + provider + "'"));
        change(SERVICE + service.key(), state.name(), operator);
        audit.append(AuditRecord.builder(AuditKind.OPS).consumer(operator).provider(service.providerCode())
                .service(service.code()).status(200).code(state == State.SUSPENDED ? "SUSPEND" : "RESUME")
                .detail((state == State.SUSPENDED ? "suspended" : "resumed") + " service " + service.key()).build());
        return service;
    }

    public SubscriptionDefinition setSubscription(String id, State state, String operator) {
        SubscriptionDefinition subscription = subscription(id);
        change(SUBSCRIPTION + subscription.id(), state.name(), operator);
        String[] topic = subscription.topic().split("/", 2);
        audit.append(AuditRecord.builder(AuditKind.OPS).consumer(operator).provider(topic[0])
                .topic(topic.length > 1 ? topic[1] : null).subscriber(subscription.subscriberCode()).status(200)
                .code(state == State.SUSPENDED ? "SUSPEND" : "RESUME")
                .detail((state == State.SUSPENDED ? "suspended" : "resumed") + " subscription " + subscription.id())
                .build());
        applySubscriptions();
        return subscription;
    }

    /** A subscription of the catalog in force by its {@link #opsId} (or {@code subscriber>publisher/topic}). */
    public SubscriptionDefinition subscription(String id) {
        return catalogs.current().subscriptions().stream().filter(s -> opsId(s).equals(id) || s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no subscription " + id));
    }

    public Maintenance maintenance() {
        RouteStateStore.Entry entry = states.get(MAINTENANCE + node);
        if (entry == null) {
            return new Maintenance(false, null, null);
        }
        return new Maintenance("ON".equals(entry.state()), entry.changedAt(), entry.changedBy());
    }

    public Maintenance setMaintenance(boolean enabled, String operator) {
        change(MAINTENANCE + node, enabled ? "ON" : "OFF", operator);
        audit.append(AuditRecord.builder(AuditKind.OPS).consumer(operator).status(200)
                .code(enabled ? "MAINTENANCE_ON" : "MAINTENANCE_OFF")
                .detail("maintenance mode of node " + node + (enabled ? " on" : " off")).build());
        LOG.warn("Maintenance mode of {} {} by {}: readiness {}", node, enabled ? "on" : "off", operator,
                enabled ? "fails (load balancers drain this node)" : "restored");
        return maintenance();
    }

    private State state(String target) {
        RouteStateStore.Entry entry = states.get(target);
        return entry != null && State.SUSPENDED.name().equals(entry.state()) ? State.SUSPENDED : State.ACTIVE;
    }

    private synchronized void change(String target, String state, String operator) {
        RouteStateStore.Entry entry = store.put(target, state, operator);
        Map<String, RouteStateStore.Entry> next = new ConcurrentHashMap<>(states);
        next.put(target, entry);
        states = next;
    }

    private Map<String, RouteStateStore.Entry> load() {
        return new ConcurrentHashMap<>(store.all().stream()
                .collect(Collectors.toMap(RouteStateStore.Entry::target, Function.identity())));
    }

    private void refresh() {
        try {
            states = load();
            applySubscriptions();
        } catch (RuntimeException e) {
            LOG.warn("Cannot refresh the route states from the database (kept the last known): {}", e.toString());
        }
    }

    /** Stops the delivery routes of suspended subscriptions and starts the others (once Camel runs). */
    synchronized void applySubscriptions() {
        if (!started) {
            return;
        }
        CamelContext context = camel.getIfAvailable();
        if (context == null || !context.isStarted()) {
            return;
        }
        for (SubscriptionDefinition subscription : catalogs.current().subscriptions()) {
            String routeId = deliveryRouteId(subscription);
            ServiceStatus status = context.getRouteController().getRouteStatus(routeId);
            if (status == null) {
                continue;
            }
            try {
                if (subscriptionState(subscription) == State.SUSPENDED && status.isStarted()) {
                    context.getRouteController().stopRoute(routeId);
                    LOG.info("Deliveries of {} paused (subscription suspended)", subscription.id());
                } else if (subscriptionState(subscription) == State.ACTIVE && status.isStopped()) {
                    context.getRouteController().startRoute(routeId);
                    LOG.info("Deliveries of {} resumed", subscription.id());
                }
            } catch (Exception e) {
                LOG.error("Cannot switch the delivery route {}", routeId, e);
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
