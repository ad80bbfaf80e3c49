package vn.lgsp.hub.routes.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.shutdown.ShutdownProperties;

/**
 * Graceful shutdown of the department port. As soon as the node stops taking traffic (readiness
 * {@code REFUSING_TRAFFIC}, published when the context starts closing), new requests are answered
 * {@code 503 SHUTTING_DOWN} (problem+json, {@code Connection: close}, audited) while the requests already
 * in flight run to their normal answer. Its stop, in the same lifecycle phase as Tomcat's graceful shutdown
 * of the operator and SOAP ports, waits until none is left or {@code hub.shutdown.timeout} has passed; only
 * then does Camel stop (its routes, the delivery consumers and this Vert.x server).
 */
@Component
public class InboundDrain implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(InboundDrain.class);

    private final EdgeHandlers edgeHandlers;
    private final ShutdownProperties properties;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;
    private volatile boolean running;

    public InboundDrain(EdgeHandlers edgeHandlers, ShutdownProperties properties) {
        this.edgeHandlers = edgeHandlers;
        this.properties = properties;
    }

    /** Installs the gate in front of every other handler of the inbound router. */
    public void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::gate);
    }

    private void gate(RoutingContext ctx) {
        if (draining) {
            edgeHandlers.answer(ctx, HubError.SHUTTING_DOWN,
                    "this node is shutting down; send the request again (another node will take it)");
            return;
        }
        inFlight.incrementAndGet();
        ctx.addEndHandler(done -> {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        });
        ctx.next();
    }

    /** Readiness goes to REFUSING_TRAFFIC first thing when the context closes: refuse new requests at once. */
    @EventListener
    public void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
            draining = true;
        }
    }

    /** Requests on the department port that have started and not yet been answered. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Whether new requests are refused. */
    public boolean isDraining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        long deadline = System.nanoTime() + properties.getTimeout().toNanos();
        synchronized (idle) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        int left = inFlight.get();
        if (left > 0) {
            LOG.warn("Department port: {} request(s) still in flight after hub.shutdown.timeout {}; stopping anyway",
                    left, properties.getTimeout());
        } else {
            LOG.info("Department port drained: no request in flight");
        }
        running = false;
    }

    /** Drains on its own thread, so that Tomcat's ports drain at the same time (same phase). */
    @Override
    public void stop(Runnable callback) {
        draining = true;
        Thread drain = new Thread(() -> {
            try {
                stop();
            } finally {
                callback.run();
            }
        }, "inbound-drain");
        drain.setDaemon(true);
        drain.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
    }
}
