package vn.lgsp.hub.routes.limits;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.springframework.stereotype.Component;

/**
 * Defends against slow clients: a request whose body has not fully arrived within
 * {@code hub.limits.body-read-timeout} of its start is failed with 408, answered as problem+json by the
 * edge failure handler, and its connection closed.
 */
@Component
public class BodyReadDeadline {

    private final LimitsProperties limits;

    public BodyReadDeadline(LimitsProperties limits) {
        this.limits = limits;
    }

    /** Installs the deadline before every route of the inbound router. */
    public void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::start);
    }

    private void start(RoutingContext ctx) {
        if (!ctx.request().isEnded()) {
            long timer = ctx.vertx().setTimer(limits.getBodyReadTimeout().toMillis(), id -> {
                if (!ctx.request().isEnded() && !ctx.response().ended() && !ctx.failed()) {
                    ctx.fail(408);
                }
            });
            ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
        }
        ctx.next();
    }
}
