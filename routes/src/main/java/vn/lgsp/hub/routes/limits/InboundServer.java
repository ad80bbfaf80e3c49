package vn.lgsp.hub.routes.limits;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PfxOptions;
import java.util.concurrent.TimeUnit;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Camel's platform-http Vert.x server with the hub's listener options: request-line and header size
 * limits, an idle timeout, and HTTPS from a PKCS#12 keystore with optional client certificates
 * ({@code hub.limits.*}, {@code hub.tls.*}); requests that break the line or header limits go to the
 * hub's handler of invalid requests (problem+json instead of Vert.x's empty 414/431).
 */
public class InboundServer extends VertxPlatformHttpServer {

    private final LimitsProperties limits;
    private final TlsProperties tls;
    private final Handler<HttpServerRequest> invalidRequests;

    public InboundServer(VertxPlatformHttpServerConfiguration configuration, LimitsProperties limits,
                         TlsProperties tls, Handler<HttpServerRequest> invalidRequests) {
        super(configuration);
        this.limits = limits;
        this.tls = tls;
        this.invalidRequests = invalidRequests;
    }

    @Override
    protected Vertx createVertxInstance() {
        return HttpServerOptionsVertx.wrap(super.createVertxInstance(), this::apply, invalidRequests);
    }

    void apply(HttpServerOptions options) {
        options.setMaxInitialLineLength((int) limits.getMaxRequestLine().toBytes())
                .setMaxHeaderSize((int) limits.getMaxHeaderSize().toBytes())
                .setIdleTimeout((int) limits.getIdleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        if (tls.isEnabled()) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(tls.getKeystore().toString())
                    .setPassword(tls.getKeystorePassword()));
            if (tls.getClientAuth() != TlsProperties.ClientAuthMode.NONE) {
                options.setClientAuth(tls.getClientAuth() == TlsProperties.ClientAuthMode.REQUIRE
                        ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
                options.setTrustOptions(new PfxOptions().setPath(tls.getTruststore().toString())
                        .setPassword(tls.getTruststorePassword()));
            }
        }
    }
}
