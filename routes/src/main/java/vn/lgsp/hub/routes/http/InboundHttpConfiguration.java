package vn.lgsp.hub.routes.http;

import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lgsp.hub.routes.config.HubProperties;
import vn.lgsp.hub.routes.limits.BodyReadDeadline;
import vn.lgsp.hub.routes.limits.InboundServer;
import vn.lgsp.hub.routes.limits.LimitsProperties;
import vn.lgsp.hub.routes.limits.TlsProperties;

/**
 * The department-facing listener: Camel platform-http on its own Vert.x server (see
 * shared/notes/http-path.md for why not the servlet path). The operator surface stays on Spring's port.
 */
@Configuration
public class InboundHttpConfiguration {

    /** Options of the inbound Vert.x instance (found by the platform-http server in the registry). */
    @Bean
    VertxOptions inboundVertxOptions(HubProperties properties) {
        return new VertxOptions().setWorkerPoolSize(properties.getHttp().getWorkerThreads());
    }

    @Bean
    CamelContextConfiguration inboundHttpServer(HubProperties properties, EdgeHandlers edgeHandlers,
                                                LimitsProperties limits, TlsProperties tls, BodyReadDeadline deadline,
                                                InboundDrain drain) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                HubProperties.Http http = properties.getHttp();
                tls.check();
                checkPortFree(http.getHost(), http.getPort());
                VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
                conf.setBindHost(http.getHost());
                conf.setBindPort(http.getPort());
                conf.setMaxBodySize(http.getMaxBodySize().toBytes());
                conf.getBodyHandler().setHandleFileUploads(false);
                try {
                    camelContext.addService(new InboundServer(conf, limits, tls, edgeHandlers::invalidRequest));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create the inbound HTTP server", e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camelContext,
                        VertxPlatformHttpRouter.getRouterNameFromPort(properties.getHttp().getPort()));
                drain.install(router);
                edgeHandlers.install(router);
                deadline.install(router);
            }
        };
    }

    /**
     * Vert.x reports a taken port only in a log line and the hub would then look started: check first.
     */
    static void checkPortFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("hub.http.port " + port + " on " + host
                    + " is not available (" + e.getMessage() + "); stop what uses it or set hub.http.port", e);
        }
    }
}
