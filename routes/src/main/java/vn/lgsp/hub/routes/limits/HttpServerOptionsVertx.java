package vn.lgsp.hub.routes.limits;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * A view of a Vert.x instance whose {@code createHttpServer(HttpServerOptions)} first applies the hub's
 * options (limits, TLS). Camel's platform-http server builds its {@link HttpServerOptions} itself and offers
 * no hook for header sizes, idle timeout or client certificates; every other call goes to the real instance.
 */
final class HttpServerOptionsVertx {

    private HttpServerOptionsVertx() {
    }

    static Vertx wrap(Vertx real, Consumer<HttpServerOptions> customizer) {
        return (Vertx) Proxy.newProxyInstance(HttpServerOptionsVertx.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createHttpServer") && args != null && args.length == 1
                            && args[0] instanceof HttpServerOptions options) {
                        customizer.accept(options);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
