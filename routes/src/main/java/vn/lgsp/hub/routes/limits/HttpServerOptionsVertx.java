package vn.lgsp.hub.routes.limits;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * A view of a Vert.x instance whose {@code createHttpServer(HttpServerOptions)} first applies the hub's
 * options (limits, TLS) and then gives the server the hub's handler of requests Vert.x cannot decode (request
 * line or headers over the limits). Camel's platform-http server builds its {@link HttpServerOptions} and its
 * server itself and offers no hook for header sizes, idle timeout, client certificates or invalid requests;
 * every other call goes to the real instance.
 */
final class HttpServerOptionsVertx {

    private HttpServerOptionsVertx() {
    }

    static Vertx wrap(Vertx real, Consumer<HttpServerOptions> customizer, Handler<HttpServerRequest> invalidRequests) {
        return (Vertx) Proxy.newProxyInstance(HttpServerOptionsVertx.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer") && args != null && args.length == 1
                            && args[0] instanceof HttpServerOptions options) {
                        customizer.accept(options);
                    }
                    try {
                        Object result = method.invoke(real, args);
                        if (result instanceof HttpServer server && invalidRequests != null) {
                            server.invalidRequestHandler(invalidRequests);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
