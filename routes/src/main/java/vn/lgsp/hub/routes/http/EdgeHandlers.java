package vn.lgsp.hub.routes.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.lgsp.hub.core.exchange.ExchangeIds;
import vn.lgsp.hub.core.exchange.HubError;
import vn.lgsp.hub.routes.audit.ExchangeAuditor;

/**
 * Answers, as problem+json, the failures Vert.x detects before a Camel route runs: a body over the limit
 * (413), a body that does not arrive in time (408), a request line or headers over the limits (414, 431), an
 * unparseable request (400) and anything unexpected (500, without a stack trace). Each is audited.
 */
@Component
public class EdgeHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeHandlers.class);
    private final ExchangeAuditor auditor;

    public EdgeHandlers(ExchangeAuditor auditor) {
        this.auditor = auditor;
    }

    /**
     * Installs a failure handler on the platform-http router (Vert.x 4 does not consult a sub-router's
     * error handlers, so a route-level failure handler is used).
     */
    public void install(Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status == 413) {
            answer(ctx, HubError.PAYLOAD_TOO_LARGE,
                    "the request body is larger than the configured limit (hub.http.max-body-size)");
        } else if (status == 408) {
            answer(ctx, HubError.REQUEST_TIMEOUT,
                    "the request body did not arrive in time (hub.limits.body-read-timeout)");
        } else if (status >= 400 && status < 500) {
            answer(ctx, HubError.INVALID_REQUEST, "the HTTP request could not be read");
        } else {
            if (ctx.failure() != null) {
                LOG.error("Unexpected failure on {}", ctx.request().path(), ctx.failure());
            }
            answer(ctx, HubError.INTERNAL_ERROR, "the hub could not process the request");
        }
    }

    /** Answers {@code error} as problem+json after its REJECT record, and closes the connection. */
    public void answer(RoutingContext ctx, HubError error, String detail) {
        answer(ctx.vertx(), ctx.request(), error, detail);
    }

    /**
     * Vert.x's handler of requests it could not decode (its default answers an empty 414, 431 or 400):
     * the same codes as problem+json, audited. The connection is closed after the answer.
     */
    public void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        Vertx vertx = Vertx.currentContext().owner();
        if (cause instanceof TooLongHttpLineException) {
            answer(vertx, request, HubError.URI_TOO_LONG,
                    "the request line is longer than the configured limit (hub.limits.max-request-line)");
        } else if (cause instanceof TooLongHttpHeaderException) {
            answer(vertx, request, HubError.HEADERS_TOO_LARGE,
                    "the request headers are larger than the configured limit (hub.limits.max-header-size)");
        } else {
            answer(vertx, request, HubError.INVALID_REQUEST, "the HTTP request could not be read");
        }
    }

    private void answer(Vertx vertx, HttpServerRequest request, HubError error, String detail) {
        String exchangeId = ExchangeIds.nextString();
        String requestId = ExchangeIds.nextString();
        long length = parseLength(request.getHeader("Content-Length"));
        vertx.executeBlocking(() -> {
            auditor.rejectWithoutContext(exchangeId, requestId, error, detail, length);
            return null;
        }, false).onComplete(done -> {
            HttpServerResponse response = request.response();
            if (response.ended() || response.closed()) {
                return;
            }
            response.setStatusCode(error.status())
                    .putHeader("Content-Type", Problems.MEDIA_TYPE)
                    .putHeader("X-Hub-Exchange-Id", exchangeId)
                    .putHeader("X-Request-Id", requestId)
                    .putHeader("Connection", "close")
                    .end(Buffer.buffer(Problems.render(error, detail, exchangeId, null)))
                    .onComplete(sent -> {
                        if (error == HubError.REQUEST_TIMEOUT && !request.isEnded()) {
                            // the body never came: Vert.x would keep the connection waiting for it (slowloris)
                            request.connection().close();
                        }
                    });
        });
    }

    private static long parseLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
