package vn.lgsp.hub.routes.flow;

import org.springframework.stereotype.Component;

/** {@code POST /token}: OAuth2 client-credentials token issuance. */
@Component
public class TokenRoute extends HubRouteBuilder {

    private final TokenEndpoint endpoint;

    public TokenRoute(ProblemResponder problems, TokenEndpoint endpoint) {
        super(problems);
        this.endpoint = endpoint;
    }

    @Override
    protected void configureFlow() {
        from("platform-http:/token?" + INBOUND_OPTIONS)
                .routeId("token")
                .process(endpoint::issue).id("issue-token");
    }
}
