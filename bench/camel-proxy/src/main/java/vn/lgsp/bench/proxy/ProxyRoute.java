package vn.lgsp.bench.proxy;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * platform-http (servlet, the starter's default) -> camel-http: every request under {@code /api} goes to the
 * backend unchanged. No authentication, no validation, no audit, no tuning.
 */
@Component
public class ProxyRoute extends RouteBuilder {

    private final String backend;

    public ProxyRoute(@Value("${bench.backend-url}") String backend) {
        this.backend = backend;
    }

    @Override
    public void configure() {
        from("platform-http:/api?matchOnUriPrefix=true")
                .routeId("bare-proxy")
                .to(backend + "?bridgeEndpoint=true&throwExceptionOnFailure=false");
    }
}
